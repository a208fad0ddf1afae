// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Talus.Web.Data;
using Talus.Web.Features.Patients;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Fhir;

/// <summary>
/// The Patient search writes its entries without Firely (decision 0017, fifth addendum): each must be the JSON Firely
/// writes for the same patient, whatever the patient leaves empty, and the JSON of its read.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PatientJsonTests(TalusApp app)
{
    private static readonly FhirSystems Systems = FhirSystems.From(new FhirSettings());

    public static TheoryData<string, string?, string?, string?, string?, string?, string?, Sex> Patients => new()
    {
        // given, phone, email, address line, city, state, postal code, sex
        { "Ana", "(619) 555-0100", "ana@example.com", "1 Main St", "San Diego", "CA", "92101", Sex.Female },
        { "José", null, null, null, null, null, null, Sex.Male },
        { "Lê \"Quote\" \\ back", "  ", "", "  ", "Chula Vista", null, null, Sex.Other },
        { "Kim", null, "kim@example.com", "2 Ocean Ave \u00e9\u4e2d", "", "", "", Sex.Unknown },
        { "Sam", "555", null, null, "  ", "CA", "91910", Sex.Female },
    };

    [Theory]
    [MemberData(nameof(Patients))]
    public void Write_SameJsonAsFirely(string given, string? phone, string? email, string? line, string? city, string? state, string? postal, Sex sex)
    {
        var patient = new Data.Patient
        {
            Mrn = "T000123", GivenName = given, FamilyName = "García-O'Neil", BirthDate = new DateOnly(1958, 2, 28), Sex = sex,
            Phone = phone, Email = email, AddressLine = line, City = city, State = state, PostalCode = postal, PreferredLanguage = "es",
        };
        var direct = patient.ToJson(Systems);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            direct.Write(w);
        }
        var firely = FhirJson.Serialize(patient.ToFhir(Systems));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(buffer.WrittenSpan), JsonNode.Parse(firely)), $"{System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)}\n{firely}");
        Assert.Equal(patient.Id.ToString(), direct.Id);
    }

    [Fact]
    public async Task Search_OverPages_EachEntryIsTheJsonOfItsRead()
    {
        using var client = app.ClientAs(Roles.Admin);
        var seen = 0;
        var pages = 0;
        for (string next = "/fhir/Patient?_count=4"; next is not null && pages < 3; pages++)
        {
            var (status, raw, _) = await FhirCalls.RawAsync(client, next);
            Assert.True(status == System.Net.HttpStatusCode.OK, raw);
            var bundle = FhirJson.Parse<Bundle>(raw);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw), JsonNode.Parse(FhirJson.Serialize(bundle))), raw);
            foreach (var entry in JsonNode.Parse(raw)!["entry"]!.AsArray())
            {
                var id = entry!["resource"]!["id"]!.GetValue<string>();
                var (readStatus, read, _) = await FhirCalls.RawAsync(client, $"/fhir/Patient/{id}");
                Assert.True(readStatus == System.Net.HttpStatusCode.OK, read);
                Assert.True(JsonNode.DeepEquals(entry["resource"], JsonNode.Parse(read)), $"{entry["resource"]}\n{read}");
                seen++;
            }
            next = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        }
        Assert.True(seen == 12, $"{seen} patients over {pages} pages");
    }
}

// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Fhir;

/// <summary>
/// The Observation search writes its Bundle without Firely (decision 0017, third addendum): the JSON must be the
/// resource Firely builds and writes, for every kind of Observation in the demo data, over pages and with _include.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ObservationJsonTests(TalusApp app)
{
    [Theory]
    [InlineData("laboratory")]
    [InlineData("imaging")]
    [InlineData("exam")]
    [InlineData("survey")]
    public async Task Search_EachKindOverPagesWithInclude_SameJsonAsFirely(string category)
    {
        using var client = app.ClientAs(Roles.Admin);
        var pages = 0;
        var matches = 0;
        // The first pages of the kind over the whole demo data (a page may mix patients: each is included once).
        for (string next = $"/fhir/Observation?category={category}&_count=2&_include=Observation:patient&_sort=-date"; next is not null && pages < 3; pages++)
        {
            var raw = await RawAsync(client, next);
            var bundle = FhirJson.Parse<Bundle>(raw);
            // Firely reads the Bundle and writes back exactly the same JSON.
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw), JsonNode.Parse(FhirJson.Serialize(bundle))), raw);
            Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
            Assert.Contains(bundle.Entry, e => e.Search.Mode == Bundle.SearchEntryMode.Include && e.Resource is Hl7.Fhir.Model.Patient);
            var entries = JsonNode.Parse(raw)!["entry"]!.AsArray();
            foreach (var (entry, parsed) in entries.Zip(bundle.Entry).Where(e => e.Second.Search.Mode == Bundle.SearchEntryMode.Match))
            {
                var observation = Assert.IsType<Observation>(parsed.Resource);
                Assert.Equal(category, observation.Category.Single().Coding.Single().Code);
                // The read answers with the Firely-built resource: the search entry is the same JSON and the same resource.
                var read = await RawAsync(client, $"/fhir/Observation/{observation.Id}");
                Assert.True(JsonNode.DeepEquals(entry!["resource"], JsonNode.Parse(read)), $"{entry!["resource"]}\n{read}");
                Assert.True(observation.IsExactly(FhirJson.Parse<Observation>(read)), observation.Id);
                Assert.EndsWith($"/fhir/Observation/{observation.Id}", parsed.FullUrl, StringComparison.Ordinal);
                matches++;
            }
            next = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        }
        Assert.True(pages == 3, $"{pages} pages of {category}");
        Assert.True(matches == 6, $"{matches} {category} observations");
    }

    [Fact]
    public async Task Search_AllKindsOfOnePatient_EachEntryIsTheJsonOfItsRead()
    {
        // The four kinds are one UNION ALL: each column of each kind must come back as its own table stores it.
        var patientId = await app.WithDbAsync(db => db.ImagingGrades.AsNoTracking()
            .Where(g => db.ScoreRows.Any(r => r.PatientId == g.PatientId && r.Joint != null) && db.Evaluations.Any(e => e.PatientId == g.PatientId && e.PainNrs != null))
            .Select(g => g.PatientId).FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var raw = await RawAsync(client, $"/fhir/Observation?subject=Patient/{patientId}&_count=100");
        var entries = JsonNode.Parse(raw)!["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        Assert.Equal(["exam", "imaging", "survey"], entries.Select(e => e["category"]![0]!["coding"]![0]!["code"]!.GetValue<string>()).Distinct().Order().Except(["laboratory"]));
        foreach (var entry in entries)
        {
            var read = await RawAsync(client, $"/fhir/Observation/{entry["id"]!.GetValue<string>()}");
            Assert.True(JsonNode.DeepEquals(entry, JsonNode.Parse(read)), $"{entry}\n{read}");
        }
    }

    [Theory]
    [InlineData(Roles.Admin, "")]
    [InlineData(Roles.Admin, "&_sort=-date")]
    [InlineData(Roles.Clinician, "&_sort=date")]
    public async Task Search_FirstPageOfOnePatient_SameAsTheSearchWithEveryCategory(string role, string sort)
    {
        // The first page of one patient with no other condition runs compiled queries; naming every category takes the
        // general path. Same entries, same order, same next link's page.
        var candidates = await app.WithDbAsync(db => db.ImagingGrades.AsNoTracking()
            .Where(g => db.ScoreRows.Count(r => r.PatientId == g.PatientId) > 3 && db.Evaluations.Any(e => e.PatientId == g.PatientId && e.PainNrs != null))
            .Select(g => g.PatientId).Distinct().ToListAsync());
        using var client = app.ClientAs(role);
        // A patient the role sees (a clinician sees the patients of their locations).
        var patientId = Guid.Empty;
        foreach (var candidate in candidates)
        {
            if ((await FhirCalls.RawAsync(client, $"/fhir/Observation?subject=Patient/{candidate}&_count=1")).Item1 == System.Net.HttpStatusCode.OK)
            {
                patientId = candidate;
                break;
            }
        }
        Assert.NotEqual(Guid.Empty, patientId);
        foreach (var count in new[] { 3, 100 })
        {
            var fast = JsonNode.Parse(await RawAsync(client, $"/fhir/Observation?subject=Patient/{patientId}&_count={count}{sort}"))!;
            var general = JsonNode.Parse(await RawAsync(client, $"/fhir/Observation?subject=Patient/{patientId}&_count={count}{sort}&category=laboratory,imaging,exam,survey"))!;
            Assert.True(JsonNode.DeepEquals(fast["entry"], general["entry"]), $"{fast}\n{general}");
            Assert.Equal(count == 3, fast["link"]!.AsArray().Any(l => l!["relation"]!.GetValue<string>() == "next"));
            Assert.InRange(fast["entry"]!.AsArray().Count, Math.Min(count, 4), count);
        }
    }

    [Fact]
    public async Task Search_IgnoredParameterAndPretty_OutcomeEntryAndSameResource()
    {
        var lab = await app.WithDbAsync(db => db.LabResults.AsNoTracking().FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var url = $"/fhir/Observation?patient={lab.PatientId}&_count=3&focus=x";
        var raw = await RawAsync(client, url);
        var bundle = FhirJson.Parse<Bundle>(raw);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw), JsonNode.Parse(FhirJson.Serialize(bundle))), raw);
        Assert.IsType<OperationOutcome>(Assert.Single(bundle.Entry, e => e.Search.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        var pretty = FhirJson.Parse<Bundle>(await RawAsync(client, url + "&_pretty=true"));
        Assert.True(bundle.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource)
            .Zip(pretty.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource)).All(p => p.First.IsExactly(p.Second)));
    }

    private static async Task<string> RawAsync(HttpClient client, string url)
    {
        var (status, body, _) = await FhirCalls.RawAsync(client, url);
        Assert.True(status == System.Net.HttpStatusCode.OK, $"{url}: {status} {body}");
        return body;
    }
}

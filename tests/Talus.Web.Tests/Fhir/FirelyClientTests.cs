// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;
using Patient = Hl7.Fhir.Model.Patient;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Tests.Fhir;

/// <summary>A real FHIR client library (Firely FhirClient) reads, searches and pages against the server.</summary>
[Collection(AppCollection.Name)]
public sealed class FirelyClientTests(TalusApp app)
{
    [Fact]
    public async Task FhirClient_ReadSearchAndPage_AgainstTheServer()
    {
        using var http = app.ClientAs(Roles.Admin);
        using var fhir = new FhirClient(new Uri(http.BaseAddress!, "/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
        var capability = await fhir.CapabilityStatementAsync();
        Assert.Contains(capability.Rest[0].Resource, r => r.Type == "Observation");

        var demo = await app.DemoPatientAsync();
        var patient = await fhir.ReadAsync<Patient>($"Patient/{demo.Id}");
        Assert.Equal(demo.Mrn, patient.Identifier[0].Value);

        var expected = await app.WithDbAsync(db => db.Patients.CountAsync(p => p.BirthDate < new DateOnly(1960, 1, 1)));
        var ids = new HashSet<string>();
        var page = await fhir.SearchAsync<Patient>(["birthdate=lt1960-01-01"], pageSize: 4);
        while (page is not null)
        {
            foreach (var e in page.Entry)
            {
                Assert.True(ids.Add(e.Resource.Id), $"{e.Resource.Id} came twice");
            }
            page = await fhir.ContinueAsync(page);
        }
        Assert.Equal(expected, ids.Count);
    }
}

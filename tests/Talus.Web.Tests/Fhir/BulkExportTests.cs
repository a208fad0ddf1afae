// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Features.BulkExport;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Tests.Fhir;

/// <summary>FHIR Bulk Data $export: kick-off, status, manifest, NDJSON files, access, cancel and the worker's lease.</summary>
[Collection(AppCollection.Name)]
public sealed class BulkExportTests(TalusApp app)
{
    private sealed record Output(string Type, string Url, int Count);

    private static HttpRequestMessage KickOff(string url, bool async = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson.MediaType));
        if (async)
        {
            request.Headers.Add("Prefer", "respond-async");
        }
        return request;
    }

    /// <summary>Kicks an export off and returns its status URL.</summary>
    private static async Task<string> StartAsync(HttpClient client, string url)
    {
        using var response = await client.SendAsync(KickOff(url));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Content.Headers.ContentLocation?.ToString() ?? response.Headers.GetValues("Content-Location").Single();
    }

    /// <summary>Polls the status URL (202 with X-Progress while running) until the manifest comes.</summary>
    private static async Task<JsonElement> ManifestAsync(HttpClient client, string statusUrl)
    {
        for (var i = 0; i < 600; i++)
        {
            using var response = await client.GetAsync(statusUrl);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Content.Headers.Expires);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{statusUrl}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.True(response.Headers.Contains("X-Progress"));
            await Task.Delay(50);
        }
        throw new TimeoutException("The export did not finish.");
    }

    private static List<Output> Outputs(JsonElement manifest) =>
        [.. manifest.GetProperty("output").EnumerateArray().Select(o => new Output(o.GetProperty("type").GetString(), o.GetProperty("url").GetString(), o.GetProperty("count").GetInt32()))];

    private static async Task<List<Resource>> DownloadAsync(HttpClient client, Output file)
    {
        using var response = await client.GetAsync(file.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BulkExportEndpoints.NdjsonMediaType, response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var resources = lines.Select(FhirJson.Parse<Resource>).ToList();
        Assert.Equal(file.Count, resources.Count);
        Assert.All(resources, r => Assert.Equal(file.Type, r.TypeName));
        return resources;
    }

    private async Task<Dictionary<string, List<Resource>>> ExportAsync(HttpClient client, string url)
    {
        var manifest = await ManifestAsync(client, await StartAsync(client, url));
        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
        Assert.EndsWith(url, manifest.GetProperty("request").GetString());
        Assert.Empty(manifest.GetProperty("error").EnumerateArray());
        var all = new Dictionary<string, List<Resource>>();
        foreach (var file in Outputs(manifest))
        {
            all[file.Type] = await DownloadAsync(client, file);
        }
        return all;
    }

    [Fact]
    public async Task SystemExport_Administrator_FilesParseValidateAndCountsMatchTheDatabase()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var exported = await ExportAsync(admin, "/fhir/$export?_outputFormat=application/fhir+ndjson");

        Assert.Equal(await app.WithDbAsync(db => db.Patients.CountAsync()), exported["Patient"].Count);
        Assert.Equal(await app.WithDbAsync(db => db.LabResults.CountAsync()), exported["Observation"].Count(o => o.Id.StartsWith("lab-", StringComparison.Ordinal)));
        Assert.Equal(await app.WithDbAsync(db => db.ImagingGrades.CountAsync()), exported["Observation"].Count(o => o.Id.StartsWith("grade-", StringComparison.Ordinal)));
        Assert.Equal(await app.WithDbAsync(db => db.Locations.CountAsync()), exported["Location"].Count);
        Assert.Equal(await app.WithDbAsync(db => db.Locations.CountAsync()), exported["Group"].Count);
        Assert.Contains("AuditEvent", exported.Keys);
        // Every resource once: no patient batch writes a resource of another batch.
        Assert.All(exported, e => Assert.Equal(e.Value.Count, e.Value.Select(r => r.Id).Distinct().Count()));
        var errors = exported.Where(e => e.Key != "AuditEvent").SelectMany(e => e.Value).SelectMany(R4Validator.Errors).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(20)));
    }

    [Fact]
    public void TypesFor_AdministratorSystemExport_EveryRegisteredTypeExceptSlot()
    {
        var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.Admin)], "test"));

        var exported = ExportRecords.TypesFor(admin, ExportLevel.System, null).Select(t => t.Name).Order();

        // Slot is the only type computed on demand (free availability); every other registered type is record data.
        Assert.Equal(FhirTypes.All.Select(t => t.Name).Where(n => n != "Slot").Order(), exported);
        Assert.Equal(["Slot"], FhirTypes.All.Where(t => !t.RecordData).Select(t => t.Name));
    }

    [Fact]
    public async Task PatientExport_TypeFilter_WritesOnlyTheNamedTypes()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var exported = await ExportAsync(clinician, "/fhir/Patient/$export?_type=Patient,Condition");
        Assert.Equal(["Condition", "Patient"], exported.Keys.Order());
    }

    [Fact]
    public async Task PatientExport_Observations_EachLineIsTheJsonOfItsRead()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var file = Assert.Single(Outputs(await ManifestAsync(admin, await StartAsync(admin, "/fhir/Patient/$export?_type=Observation"))));
        using var response = await admin.GetAsync(file.Url);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(file.Count, lines.Length);
        // The lines are written without Firely (decision 0013): each kind's line is the resource the read answers with.
        foreach (var kind in new[] { "lab-", "grade-", "pain-", "score-" })
        {
            var line = System.Text.Json.Nodes.JsonNode.Parse(lines.First(l => l.Contains($"\"id\":\"{kind}", StringComparison.Ordinal)));
            var (status, read, _) = await FhirCalls.RawAsync(admin, $"/fhir/Observation/{line!["id"]!.GetValue<string>()}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(line, System.Text.Json.Nodes.JsonNode.Parse(read)), $"{line}\n{read}");
        }
    }

    [Fact]
    public async Task PatientExport_Staff_OnlyPatientsOfTheirLocations()
    {
        using var frontDesk = app.ClientAs(Roles.FrontDesk);
        var exported = await ExportAsync(frontDesk, "/fhir/Patient/$export?_type=Patient,Observation");
        var email = DemoData.SignIns.Single(s => s.Role == Roles.FrontDesk).Email;
        var visible = (await app.PatientsVisibleToAsync(email)).Select(i => i.ToString()).ToHashSet();
        Assert.True(visible.Count < await app.WithDbAsync(db => db.Patients.CountAsync()), "some patients are outside the user's locations");
        Assert.Equal(visible.Order(), exported["Patient"].Select(p => p.Id).Order());
        Assert.All(exported["Observation"], o => Assert.Contains(((Observation)o).Subject.Reference["Patient/".Length..], visible));
    }

    [Fact]
    public async Task GroupExport_Location_ContainsOnlyThatLocationsPatients()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var (locationId, expected) = await app.WithDbAsync(async db =>
        {
            var busiest = await db.Patients.Where(p => p.PreferredLocationId != null).GroupBy(p => p.PreferredLocationId!.Value)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            return (busiest, (await db.Patients.Where(p => p.PreferredLocationId == busiest).Select(p => p.Id).ToListAsync()).Select(i => i.ToString()).ToList());
        });
        var group = await FhirCalls.ReadAsync<Group>(admin, $"/fhir/Group/{locationId}");
        Assert.Equal(expected.Count, group.Quantity);
        Assert.Empty(R4Validator.Errors(group));

        var exported = await ExportAsync(admin, $"/fhir/Group/{locationId}/$export?_type=Patient,Observation");
        Assert.Equal(expected.Order(), exported["Patient"].Select(p => p.Id).Order());
        Assert.All(exported["Observation"], o => Assert.Contains(((Observation)o).Subject.Reference["Patient/".Length..], expected));
    }

    [Fact]
    public async Task Since_OnlyPatientsWhoseRecordWasWrittenAfterIt()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var patient = await app.DemoPatientAsync();
        var later = app.Clock.GetUtcNow().UtcDateTime.AddDays(3);
        // A write to the record, audited after the moment asked for (the interceptor stamps writes with the clock's now).
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = later, Action = AuditAction.Update, PatientId = patient.Id, Resource = "Patient", Outcome = "ok" });
            return await db.SaveChangesAsync();
        });
        var since = later.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var exported = await ExportAsync(admin, $"/fhir/Patient/$export?_type=Patient&_since={since}");
        Assert.Equal(patient.Id.ToString(), Assert.Single(exported["Patient"]).Id);
    }

    [Fact]
    public async Task Patient_OwnRecordOnly_AndNoSystemExport()
    {
        using var portal = app.ClientAs(Roles.Patient);
        using var system = await portal.SendAsync(KickOff("/fhir/$export"));
        Assert.Equal(HttpStatusCode.Forbidden, system.StatusCode);
        var patient = await app.DemoPatientAsync();
        var exported = await ExportAsync(portal, "/fhir/Patient/$export");
        Assert.Equal(patient.Id.ToString(), Assert.Single(exported["Patient"]).Id);
        Assert.All(exported.Values.SelectMany(v => v).OfType<Observation>(), o => Assert.Equal($"Patient/{patient.Id}", o.Subject.Reference));
    }

    [Fact]
    public async Task Scopes_LimitTheTypes_AndATypeNotGrantedIsRefused()
    {
        using var scoped = await FhirCalls.ClientWithScopeAsync(app, Roles.Clinician, "user/Patient.rs");
        using var refused = await scoped.SendAsync(KickOff("/fhir/Patient/$export?_type=Observation"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var exported = await ExportAsync(scoped, "/fhir/Patient/$export");
        Assert.Equal(["Patient"], exported.Keys);
    }

    [Fact]
    public async Task Files_WithoutTokenOrAsAnotherUser_AreRefused_AndDownloadsAreAudited()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var statusUrl = await StartAsync(clinician, "/fhir/Patient/$export?_type=Patient");
        var file = Outputs(await ManifestAsync(clinician, statusUrl)).Single();
        using var anonymous = app.Anonymous();
        using var admin = app.ClientAs(Roles.Admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(file.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(file.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(statusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.DeleteAsync(statusUrl)).StatusCode);

        await DownloadAsync(clinician, file);
        await app.FlushAuditAsync();
        var jobId = statusUrl[(statusUrl.LastIndexOf('/') + 1)..];
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Resource == "BulkExport" && a.RecordId!.StartsWith(jobId)).ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditAction.Export && e.RecordId!.EndsWith("kick-off", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditAction.Export && e.RecordId == $"{jobId} Patient.ndjson: {file.Count} resources");
    }

    [Fact]
    public async Task Cancel_StatusThenAnswers404()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var statusUrl = await StartAsync(admin, "/fhir/$export?_type=Patient,Observation");
        using var cancel = await admin.DeleteAsync(statusUrl);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(statusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(statusUrl)).StatusCode);
    }

    [Theory]
    [InlineData("/fhir/$export", false, HttpStatusCode.BadRequest)]
    [InlineData("/fhir/$export?_outputFormat=text/csv", true, HttpStatusCode.BadRequest)]
    [InlineData("/fhir/$export?_type=Nothing", true, HttpStatusCode.BadRequest)]
    [InlineData("/fhir/$export?_since=2026-11-01", true, HttpStatusCode.BadRequest)]
    [InlineData("/fhir/$export?_typeFilter=Observation%3Fcode%3Dx", true, HttpStatusCode.BadRequest)]
    [InlineData("/fhir/Patient/$export?_type=Practitioner", true, HttpStatusCode.BadRequest)]
    [InlineData("/fhir/Group/999999/$export", true, HttpStatusCode.NotFound)]
    public async Task KickOff_BadRequest_AnswersOperationOutcome(string url, bool async, HttpStatusCode expected)
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var response = await admin.SendAsync(KickOff(url, async));
        Assert.Equal(expected, response.StatusCode);
        Assert.IsType<OperationOutcome>(FhirJson.Parse<Resource>(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Worker_CrashedJob_IsRetakenOnlyAfterItsLeaseExpires()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var statusUrl = await StartAsync(admin, "/fhir/$export?_type=Location");
        await ManifestAsync(admin, statusUrl);
        var jobId = Guid.Parse(statusUrl[(statusUrl.LastIndexOf('/') + 1)..]);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // The job as an instance that crashed mid-run would leave it: running, under its lease.
        await app.WithDbAsync(db => db.ExportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ExportStatus.Running).SetProperty(j => j.LeaseOwner, "crashed")
            .SetProperty(j => j.LeaseExpiresAt, now.AddMinutes(1)).SetProperty(j => j.Attempts, 1)));

        Assert.Null(await app.WithDbAsync(db => ExportWorker.ClaimAsync(db, "other", now, CancellationToken.None)));
        var claimed = await app.WithDbAsync(db => ExportWorker.ClaimAsync(db, "other", now.AddMinutes(2), CancellationToken.None));
        Assert.Equal(jobId, claimed?.Id);
        Assert.Equal("other", claimed.LeaseOwner);
        Assert.Equal(2, claimed.Attempts);
        // Only one instance gets it: a second claim at the same moment finds nothing.
        Assert.Null(await app.WithDbAsync(db => ExportWorker.ClaimAsync(db, "third", now.AddMinutes(2), CancellationToken.None)));
    }

    [Fact]
    public async Task Worker_RetakenJob_RunsToCompletion()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var statusUrl = await StartAsync(admin, "/fhir/$export?_type=Location");
        await ManifestAsync(admin, statusUrl);
        var jobId = Guid.Parse(statusUrl[(statusUrl.LastIndexOf('/') + 1)..]);
        var expired = app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        await app.WithDbAsync(async db =>
        {
            await db.ExportFiles.Where(f => f.JobId == jobId).ExecuteDeleteAsync();
            return await db.ExportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ExportStatus.Running).SetProperty(j => j.LeaseOwner, "crashed").SetProperty(j => j.LeaseExpiresAt, expired));
        });
        await app.Services.GetRequiredService<ExportWorker>().RunOnceAsync(CancellationToken.None);
        var manifest = await ManifestAsync(admin, statusUrl);
        Assert.Equal(await app.WithDbAsync(db => db.Locations.CountAsync()), Outputs(manifest).Single().Count);
        Assert.NotEqual("crashed", await app.WithDbAsync(db => db.ExportJobs.Where(j => j.Id == jobId).Select(j => j.LeaseOwner).SingleAsync()));
    }
}

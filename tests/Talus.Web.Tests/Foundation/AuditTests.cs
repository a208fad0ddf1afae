using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class AuditTests(TalusApp app)
{
    [Fact]
    public async Task ReadingAPatient_ByApiAndPage_WritesReadEntriesWithWhoWhatAndOutcome()
    {
        var patient = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Clinician);
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PatientId == patient.Id && a.Action == AuditAction.Read));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/patients/{patient.Id}")).StatusCode);
        await app.FlushAuditAsync();

        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.PatientId == patient.Id && a.Action == AuditAction.Read)
            .OrderByDescending(a => a.Id).Take(2).ToListAsync());
        Assert.Equal(before + 2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PatientId == patient.Id && a.Action == AuditAction.Read)));
        Assert.All(entries, e =>
        {
            Assert.Equal("clinician@talus.example", e.UserName);
            Assert.Equal(Roles.Clinician, e.Role);
            Assert.Equal("200", e.Outcome);
            Assert.NotNull(e.UserId);
        });
        Assert.Contains(entries, e => e.Endpoint == "GET /api/patients/{patientId:guid}" && e.Resource == "Patient");
        Assert.Contains(entries, e => e.Endpoint == "GET /patients/{patientId:guid}" && e.Resource == "Chart");
    }

    [Fact]
    public async Task SearchingPatients_ByApi_WritesOneSearchEntryPerPatientShown()
    {
        using var client = app.ClientAs(Roles.Admin);
        var rows = await client.GetFromJsonAsync<List<JsonElement>>("/api/patients?q=a&take=5");
        var shown = rows!.Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.True(shown.Count >= 2);
        await app.FlushAuditAsync();
        var before = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Search && a.Resource == "Patient" && a.PatientId != null && shown.Contains(a.PatientId.Value))
            .GroupBy(a => a.PatientId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count));

        await client.GetAsync("/api/patients?q=a&take=5");
        await app.FlushAuditAsync();

        var after = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Search && a.Resource == "Patient" && a.PatientId != null && shown.Contains(a.PatientId.Value))
            .GroupBy(a => a.PatientId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count));
        Assert.All(shown, id => Assert.Equal(before.GetValueOrDefault(id) + 1, after[id]));
    }

    [Fact]
    public async Task WritingAPatient_WritesAnUpdateEntryForTheRecord()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var created = await (await client.PostAsJsonAsync("/api/patients", new { givenName = "Audit", familyName = "Trail", birthDate = "1970-01-01", sex = "Male", preferredLanguage = "en" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        await client.PutAsJsonAsync($"/api/patients/{id}", new { givenName = "Audit", familyName = "Trailed", birthDate = "1970-01-01", sex = "Male", preferredLanguage = "en" });

        var writes = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.PatientId == id && a.Resource == "Patient" && a.RecordId == id.ToString())
            .Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditAction.Create, writes);
        Assert.Contains(AuditAction.Update, writes);
    }

    [Fact]
    public async Task DeniedRead_IsAuditedAsDenied()
    {
        using var client = app.ClientAsUser("luis.ocampo@talus.example", DemoData.Password);
        var patient = await app.DemoPatientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
        await app.FlushAuditAsync();
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PatientId == patient.Id && a.Outcome == "denied" && a.UserName == "luis.ocampo@talus.example")));
    }

    [Fact]
    public async Task AuditEntries_CannotBeChangedOrDeleted_ByTheAppOrTheDatabase()
    {
        using var client = app.ClientAs(Roles.Admin);
        await client.GetAsync($"/api/patients/{(await app.DemoPatientAsync()).Id}");
        await app.FlushAuditAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync();
            entry.Outcome = "tampered";
            return await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            db.Database.IsNpgsql() ? "UPDATE \"AuditEntries\" SET \"Outcome\" = 'x'" : "UPDATE AuditEntries SET Outcome = 'x'")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            db.Database.IsNpgsql() ? "DELETE FROM \"AuditEntries\"" : "DELETE FROM AuditEntries")));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Outcome == "tampered" || a.Outcome == "x")));
    }

    [Fact]
    public async Task AuditSearch_ByPatient_ListsTheAccessesNewestFirst()
    {
        var patient = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Admin);
        await client.GetAsync($"/api/patients/{patient.Id}");
        await app.FlushAuditAsync();
        var rows = await client.GetFromJsonAsync<JsonElement>($"/api/audit?patientId={patient.Id}");
        var list = rows.EnumerateArray().ToList();
        Assert.NotEmpty(list);
        Assert.All(list, r => Assert.Equal(patient.Id, r.GetProperty("patientId").GetGuid()));
        var ids = list.Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
    }
}

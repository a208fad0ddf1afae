using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
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
    public async Task SearchingPatients_ByApi_WritesOneSearchEntryNamingEveryPatientShown()
    {
        using var client = app.ClientAs(Roles.Admin);
        var rows = await client.GetFromJsonAsync<List<JsonElement>>("/api/patients?q=a&take=5");
        var shown = rows!.Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.True(shown.Count >= 2);
        await app.FlushAuditAsync();
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));

        await client.GetAsync("/api/patients?q=a&take=5");
        await app.FlushAuditAsync();

        var entry = Assert.Single(await app.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Id > before && a.Action == AuditAction.Search && a.Resource == "Patient" && a.Endpoint == "GET /api/patients/").ToListAsync();
            await SearchAudit.WithPatientsShownAsync(entries, db, CancellationToken.None);
            return entries;
        }));
        Assert.Null(entry.PatientId);
        Assert.Equal(shown.Order(), entry.PatientsShown!.Order());
        // Every patient shown is found by the audit trail's patient filter, and the entry names all of them.
        foreach (var id in shown)
        {
            var found = (await client.GetFromJsonAsync<JsonElement>($"/api/audit?patientId={id}")).EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == entry.Id);
            Assert.Equal(shown.Order(), found.GetProperty("patients").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).Order());
        }
    }

    /// <summary>The pages that list patients (the search page, the day and week views, the desk's worklists) name them too.</summary>
    [Theory]
    [InlineData("/patients?q=a", "Patient")]
    [InlineData("/scheduling?location=1&date=2026-11-24", "Schedule")]
    [InlineData("/scheduling?location=1&date=2026-11-24&view=week", "Schedule")]
    [InlineData("/scheduling/worklists", "Worklist")]
    public async Task PagesListingPatients_WriteOneEntryNamingEveryPatientShown(string page, string resource)
    {
        using var client = app.ClientAs(Roles.Admin);
        await app.FlushAuditAsync();
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));

        var html = await client.GetStringAsync(page);
        await app.FlushAuditAsync();

        var linked = System.Text.RegularExpressions.Regex.Matches(html, "/patients/([0-9a-f-]{36})").Select(m => Guid.Parse(m.Groups[1].Value)).ToHashSet();
        Assert.True(linked.Count >= 2, $"{page} links {linked.Count} patients");
        var entry = Assert.Single(await app.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Id > before && a.Resource == resource && a.Action == AuditAction.Search).ToListAsync();
            await SearchAudit.WithPatientsShownAsync(entries, db, CancellationToken.None);
            return entries;
        }));
        Assert.Subset(entry.PatientsShown!.ToHashSet(), linked);
    }

    [Fact]
    public async Task SearchingPatients_OnePatientShown_KeepsThePatientOnTheEntry()
    {
        var patient = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Admin);
        await app.FlushAuditAsync();
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));

        var rows = await client.GetFromJsonAsync<List<JsonElement>>($"/api/patients?q={patient.Mrn}");
        await app.FlushAuditAsync();

        Assert.Equal(patient.Id, Assert.Single(rows!).GetProperty("id").GetGuid());
        var entry = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > before && a.Endpoint == "GET /api/patients/").ToListAsync()));
        Assert.Equal(patient.Id, entry.PatientId);
        Assert.Null(entry.PatientsShown);
        Assert.Equal([entry.Id], await app.WithDbAsync(db => db.AuditEntries.Showing(db, [patient.Id]).Where(a => a.Id == entry.Id).Select(a => a.Id).ToListAsync()));
    }

    [Fact]
    public async Task AuditTrail_SearchShowingSeveral_CsvAndPageNameEveryPatient()
    {
        using var client = app.ClientAs(Roles.Admin);
        var shown = (await client.GetFromJsonAsync<List<JsonElement>>("/api/patients?q=b&take=3"))!.Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.True(shown.Count >= 2);
        await app.FlushAuditAsync();

        var csv = await client.GetStringAsync($"/api/audit/csv?patientId={shown[^1]}");
        var page = await client.GetStringAsync($"/admin/audit?patientId={shown[^1]}");

        var line = csv.Split('\n').First(l => l.Contains("GET /api/patients", StringComparison.Ordinal) && shown.All(id => l.Contains(id.ToString(), StringComparison.Ordinal)));
        Assert.Contains("Search", line, StringComparison.Ordinal);
        Assert.All(shown, id => Assert.Contains($"/admin/audit?patientId={id}", page, StringComparison.Ordinal));
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
        var patient = await app.PatientHiddenFromAsync("luis.ocampo@talus.example");
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
        await client.GetAsync("/api/patients?q=a&take=3");
        await app.FlushAuditAsync();
        // The patients a search showed: a column of the entry on PostgreSQL, rows of their own on SQLite; neither changes.
        Assert.True(await app.WithDbAsync(db => db.Database.IsNpgsql() ? db.AuditEntries.AnyAsync(a => a.PatientsShown != null) : db.AuditPatientsShown.AnyAsync()));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            db.Database.IsNpgsql() ? "UPDATE \"AuditEntries\" SET \"PatientsShown\" = NULL WHERE \"PatientsShown\" IS NOT NULL" : "UPDATE AuditPatientsShown SET PatientId = PatientId")));
        Assert.True(await app.WithDbAsync(db => db.Database.IsNpgsql() ? db.AuditEntries.AnyAsync(a => a.PatientsShown != null) : db.AuditPatientsShown.AnyAsync()));
        if (app.Provider != "Postgres")
        {
            await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditPatientsShown")));
        }
    }

    [Fact]
    public async Task AuditBatch_KeepsEachEntrysPatientsShown_AndThePatientFilterFindsThem()
    {
        Guid[] first = [Guid.NewGuid(), Guid.NewGuid()], third = [Guid.NewGuid(), Guid.NewGuid(), first[0]];
        var single = Guid.NewGuid();
        AuditEntry Entry(string record) => new() { At = app.Clock.GetUtcNow().UtcDateTime, Action = AuditAction.Search, Resource = "Patient", RecordId = record, Outcome = "200" };
        var batch = new[]
        {
            PatientsShown.Into(Entry("batch-1"), first),
            PatientsShown.Into(Entry("batch-2"), [single]),
            Entry("batch-3"),
            PatientsShown.Into(Entry("batch-4"), third),
        };

        await app.WithDbAsync(async db => { await AuditRows.InsertAsync(db, batch, CancellationToken.None); return 0; });

        var stored = await app.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.RecordId != null && a.RecordId.StartsWith("batch-")).OrderBy(a => a.Id).ToListAsync();
            await SearchAudit.WithPatientsShownAsync(entries, db, CancellationToken.None);
            return entries;
        });
        Assert.Equal(["batch-1", "batch-2", "batch-3", "batch-4"], stored.Select(e => e.RecordId));
        Assert.Equal(first.Order(), stored[0].PatientsShown!);
        Assert.Equal(single, stored[1].PatientId);
        Assert.True(stored[1].PatientsShown is null or []);
        Assert.True(stored[2].PatientId is null && stored[2].PatientsShown is null or []);
        Assert.Equal(third.Order(), stored[3].PatientsShown!);
        var showingFirst = await app.WithDbAsync(db => db.AuditEntries.Showing(db, [first[0]]).OrderBy(a => a.Id).Select(a => a.RecordId).ToListAsync());
        Assert.Equal(["batch-1", "batch-4"], showingFirst);
        Assert.Equal(["batch-2"], await app.WithDbAsync(db => db.AuditEntries.Showing(db, [single, Guid.NewGuid()]).Select(a => a.RecordId).ToListAsync()));
        // No patient (a name search that found none) matches no entry; on SQLite an empty FTS5 query would be an error.
        Assert.Empty(await app.WithDbAsync(db => db.AuditEntries.Showing(db, []).Select(a => a.Id).ToListAsync()));
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
        Assert.All(list, r => Assert.Contains(patient.Id, r.GetProperty("patients").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())));
        var ids = list.Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
    }
}

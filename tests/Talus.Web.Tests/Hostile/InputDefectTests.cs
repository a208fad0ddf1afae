using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Hostile;

/// <summary>The bad inputs issue 8 names, one test each: each once answered 500 or was stored.</summary>
[Collection(AppCollection.Name)]
public sealed class InputDefectTests(TalusApp app)
{
    [Fact]
    public async Task UpdateStaff_WithoutRole_IsRefusedAndKeepsTheRole()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            displayName = "Dr Role Kept", email = $"role-{Guid.NewGuid():N}@talus.example", role = Roles.Clinician, locationIds = Array.Empty<int>(), isActive = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var response = await admin.PutAsJsonAsync($"/api/staff/{id}", new { displayName = "Dr Role Kept", email = "x@talus.example", locationIds = Array.Empty<int>(), isActive = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Roles.Clinician, await app.WithDbAsync(db => db.Staff.Where(s => s.Id == id).Select(s => s.Role).SingleAsync()));
    }

    [Fact]
    public async Task ReminderPreferences_WithoutOptedIn_IsRefused()
    {
        var patient = await app.DemoPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);
        var before = await app.WithDbAsync(db => db.ReminderPreferences.AsNoTracking().Where(p => p.PatientId == patient.Id).ToListAsync());

        using var response = await clinician.PutAsJsonAsync($"/api/scheduling/patients/{patient.Id}/reminder-preferences", new { channel = "Email" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await app.WithDbAsync(db => db.ReminderPreferences.AsNoTracking().Where(p => p.PatientId == patient.Id).ToListAsync());
        Assert.Equal(before.Select(p => (p.Channel, p.OptedIn)), after.Select(p => (p.Channel, p.OptedIn)));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("1")]
    [InlineData("\"NotASex\"")]
    public async Task RegisterPatient_SexNotAChoice_IsRefused(string sex)
    {
        using var frontDesk = app.ClientAs(Roles.FrontDesk);
        var family = "Enum" + Guid.NewGuid().ToString("N")[..8];
        var body = $$"""{"givenName":"Ana","familyName":"{{family}}","birthDate":"1960-02-03","sex":{{sex}},"preferredLanguage":"en"}""";

        using var response = await frontDesk.PostAsync("/api/patients", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Patients.AnyAsync(p => p.FamilyName == family)));
    }

    [Theory]
    [InlineData("joint", "999")]
    [InlineData("side", "999")]
    [InlineData("joint", "0")]
    public async Task StartQuestionnaire_JointOrSideNotAChoice_IsRefused(string field, string value)
    {
        var patient = await app.DemoPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);
        var count = await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(q => q.PatientId == patient.Id));
        var body = $$"""{"instrument":"NrsPain","context":"Baseline","joint":"Ankle","side":"Left","answers":{"P":4},"{{field}}":{{value}}}""";

        using var response = await clinician.PostAsync($"/api/patients/{patient.Id}/questionnaires", new StringContent(body.Replace($"\"{field}\":\"", $"\"x{field}\":\"", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(count, await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(q => q.PatientId == patient.Id)));
    }

    [Theory]
    [InlineData("rooms", "Exam")]
    [InlineData("equipment", "Ultrasound")]
    public async Task RenameRoomOrEquipment_ToANameTaken_Is409AndKeepsTheName(string what, string kind)
    {
        using var admin = app.ClientAs(Roles.Admin);
        var location = await app.WithDbAsync(db => db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());
        var taken = $"Taken {Guid.NewGuid():N}"[..30];
        var other = $"Other {Guid.NewGuid():N}"[..30];
        using var first = await admin.PostAsJsonAsync($"/api/locations/{location}/{what}", new { name = taken, kind, isActive = true });
        using var second = await admin.PostAsJsonAsync($"/api/locations/{location}/{what}", new { name = other, kind, isActive = true });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var id = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var rename = await admin.PutAsJsonAsync($"/api/{what}/{id}", new { name = taken, kind, isActive = true });

        Assert.Equal(HttpStatusCode.Conflict, rename.StatusCode);
        using var again = await admin.PostAsJsonAsync($"/api/locations/{location}/{what}", new { name = taken, kind, isActive = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var name = await app.WithDbAsync(db => what == "rooms" ? db.Rooms.Where(r => r.Id == id).Select(r => r.Name).SingleAsync() : db.Equipment.Where(r => r.Id == id).Select(r => r.Name).SingleAsync());
        Assert.Equal(other, name);
    }

    [Fact]
    public async Task AddClosure_FarDate_IsRefused()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var location = await app.WithDbAsync(db => db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());

        using var response = await admin.PostAsJsonAsync($"/api/locations/{location}/closures", new { date = "9999-12-31", reason = "Far away" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Closures.AnyAsync(c => c.Reason == "Far away")));
    }
}

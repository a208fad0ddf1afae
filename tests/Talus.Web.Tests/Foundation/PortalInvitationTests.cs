using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class PortalInvitationTests(TalusApp app)
{
    private async Task<Guid> NewPatientAsync(string? email)
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var created = await desk.PostAsJsonAsync("/api/patients", new { givenName = "Noor", familyName = "Portal", birthDate = "1966-06-06", sex = "Female", preferredLanguage = "en", email, preferredLocationId = 1 });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Invite_PatientWithEmail_CreatesAPatientAccountWithoutPasswordAndAudits()
    {
        var email = $"noor.{Guid.NewGuid():N}@example.com";
        var patientId = await NewPatientAsync(email);
        using var desk = app.ClientAs(Roles.FrontDesk);

        var response = await desk.PostAsync($"/api/patients/{patientId}/portal-invitation", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("/portal/welcome?account=", body.GetProperty("link").GetString());
        Assert.DoesNotContain(email, body.GetProperty("link").GetString());
        Assert.True(body.GetProperty("newAccount").GetBoolean());

        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.PatientId == patientId));
        Assert.Equal(email, user.Email);
        Assert.Null(user.PasswordHash);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PatientId == patientId && a.Resource == "PortalAccount" && a.Action == AuditAction.Create)));

        var again = await (await desk.PostAsync($"/api/patients/{patientId}/portal-invitation", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(again.GetProperty("newAccount").GetBoolean());
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.PatientId == patientId)));
    }

    [Fact]
    public async Task Invite_PatientWithoutEmail_Answers400AndCreatesNoAccount()
    {
        var patientId = await NewPatientAsync(null);
        using var desk = app.ClientAs(Roles.Clinician);
        var response = await desk.PostAsync($"/api/patients/{patientId}/portal-invitation", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.PatientId == patientId)));
    }

    [Fact]
    public async Task Invite_EmailOfAnotherAccount_Answers400()
    {
        var patientId = await NewPatientAsync("clinician@talus.example");
        using var desk = app.ClientAs(Roles.Admin);
        var response = await desk.PostAsync($"/api/patients/{patientId}/portal-invitation", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.PatientId == patientId)));
    }
}

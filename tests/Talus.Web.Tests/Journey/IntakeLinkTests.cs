using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Intake;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed class IntakeLinkTests(TalusApp app)
{
    private async Task<(Guid PatientId, string Token, Guid LinkId)> NewLinkAsync(string family)
    {
        var patientId = await IntakeApiTests.NewPatientAsync(app, family);
        using var desk = app.ClientAs(Roles.FrontDesk);
        var response = await desk.PostAsync($"/api/patients/{patientId}/intake-links", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (patientId, body.GetProperty("token").GetString()!, body.GetProperty("linkId").GetGuid());
    }

    [Fact]
    public async Task Create_StoresOnlyTheHash_ValidSevenDays_AndOpensTheForm()
    {
        var (patientId, token, linkId) = await NewLinkAsync("Linked");
        var link = await app.WithDbAsync(db => db.PatientLinks.SingleAsync(l => l.Id == linkId));
        Assert.NotEqual(token, link.TokenHash);
        Assert.Equal(IntakeLinks.Hash(token), link.TokenHash);
        Assert.Equal(TimeSpan.FromDays(7), link.ExpiresAt - link.CreatedAt);
        Assert.Equal(patientId, link.PatientId);

        using var anon = app.Anonymous();
        var page = await anon.GetAsync($"/intake/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Your health questions", html);
        Assert.DoesNotContain("Linked", html);
        Assert.True(page.Headers.CacheControl?.NoStore);
        await app.FlushAuditAsync();
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Resource == "IntakeLink" && a.PatientId == patientId && a.Outcome == "ok")));
    }

    [Theory]
    [InlineData("expired", HttpStatusCode.Gone, "This link has expired")]
    [InlineData("used", HttpStatusCode.Gone, "These forms are already done")]
    [InlineData("revoked", HttpStatusCode.Gone, "This link does not work")]
    public async Task Open_UnusableLink_IsRefusedWithAClearMessage(string how, HttpStatusCode status, string message)
    {
        var (patientId, token, linkId) = await NewLinkAsync("Refused" + how);
        if (how == "revoked")
        {
            using var desk = app.ClientAs(Roles.FrontDesk);
            Assert.Equal(HttpStatusCode.NoContent, (await desk.DeleteAsync($"/api/patients/{patientId}/intake-links/{linkId}")).StatusCode);
        }
        else
        {
            await app.WithDbAsync(async db =>
            {
                var link = await db.PatientLinks.SingleAsync(l => l.Id == linkId);
                if (how == "expired") link.ExpiresAt = link.CreatedAt.AddDays(-1);
                else link.CompletedAt = link.CreatedAt.AddHours(1);
                return await db.SaveChangesAsync();
            });
        }
        using var anon = app.Anonymous();
        foreach (var path in new[] { $"/intake/{token}", $"/intake/{token}/questionnaires/Faos" })
        {
            var page = await anon.GetAsync(path);
            Assert.Equal(status, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(message, html);
            Assert.DoesNotContain("Send my answers", html);
        }
    }

    [Fact]
    public async Task Open_UnknownToken_IsRefusedWithAClearMessage()
    {
        using var anon = app.Anonymous();
        var page = await anon.GetAsync("/intake/not-a-real-token");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("This link does not work", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_AsBillingOrPatient_IsRefused()
    {
        var patient = await app.DemoPatientAsync();
        using var billing = app.ClientAs(Roles.Billing);
        Assert.Equal(HttpStatusCode.Forbidden, (await billing.PostAsync($"/api/patients/{patient.Id}/intake-links", null)).StatusCode);
        using var self = app.ClientAs(Roles.Patient);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.PostAsync($"/api/patients/{patient.Id}/intake-links", null)).StatusCode);
    }
}

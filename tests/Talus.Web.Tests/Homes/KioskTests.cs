using System.Net;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Homes;

[Collection(AppCollection.Name)]
public sealed class KioskTests(TalusApp app)
{
    [Fact]
    public async Task TabletSigning_ShowsNoStaffMenuAndLocksOtherPagesUntilAStaffSignIn()
    {
        var (patientId, consentId) = await VisibleConsentAsync();
        using var tablet = app.ClientAs(Roles.Clinician);
        var signPath = $"/patients/{patientId}/consents/{consentId}/sign";

        using var sign = await tablet.GetAsync(signPath);
        var html = await sign.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sign.StatusCode);
        Assert.DoesNotContain("aria-label=\"Main\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/patients/{patientId}\"", html, StringComparison.Ordinal);

        using var chart = await tablet.GetAsync($"/patients/{patientId}");
        Assert.Equal(HttpStatusCode.Redirect, chart.StatusCode);
        Assert.Equal("/kiosk/unlock", chart.Headers.Location?.OriginalString);
        using var api = await tablet.GetAsync($"/api/patients/{patientId}");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);

        var unlockPage = await tablet.GetStringAsync("/kiosk/unlock");
        using var wrong = await UnlockAsync(tablet, unlockPage, "clinician@talus.example", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        using var stillLocked = await tablet.GetAsync($"/patients/{patientId}");
        Assert.Equal(HttpStatusCode.Redirect, stillLocked.StatusCode);

        using var right = await UnlockAsync(tablet, await tablet.GetStringAsync("/kiosk/unlock"), "clinician@talus.example", DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.EndsWith($"/patients/{patientId}", right.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var open = await tablet.GetAsync($"/patients/{patientId}");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task Unlock_PatientAccount_DoesNotLeaveTheKiosk()
    {
        var (patientId, consentId) = await VisibleConsentAsync();
        using var tablet = app.ClientAs(Roles.Clinician);
        (await tablet.GetAsync($"/patients/{patientId}/consents/{consentId}/sign")).Dispose();

        using var attempt = await UnlockAsync(tablet, await tablet.GetStringAsync("/kiosk/unlock"), "patient@talus.example", DemoData.Password);

        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        Assert.Contains("Only staff who collect consents", await attempt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var chart = await tablet.GetAsync($"/patients/{patientId}");
        Assert.Equal(HttpStatusCode.Redirect, chart.StatusCode);
    }

    private Task<(Guid PatientId, Guid ConsentId)> VisibleConsentAsync() => app.WithDbAsync(async db =>
    {
        var mine = await db.Staff.Where(s => s.DisplayName == "Dr. Elena Marquez").SelectMany(s => s.Locations.Select(l => l.LocationId)).ToListAsync();
        var packet = await db.ConsentPackets.AsNoTracking()
            .Where(c => db.Patients.Any(p => p.Id == c.PatientId && (p.PreferredLocationId == null || mine.Contains(p.PreferredLocationId.Value))))
            .Select(c => new { c.PatientId, c.Id }).FirstAsync();
        return (packet.PatientId, packet.Id);
    });

    private static Task<HttpResponseMessage> UnlockAsync(HttpClient client, string page, string email, string password) =>
        client.PostAsync("/kiosk/unlock", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "kiosk-unlock",
            ["__RequestVerificationToken"] = PageForms.Token(page),
            ["Input.Email"] = email, ["Input.Password"] = password,
        }));
}

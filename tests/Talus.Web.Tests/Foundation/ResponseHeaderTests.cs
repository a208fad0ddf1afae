using System.Net;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class ResponseHeaderTests(TalusApp app)
{
    [Theory]
    [InlineData("/api/patients/{0}")]
    [InlineData("/patients/{0}")]
    [InlineData("/api/patients?q=Del")]
    public async Task PatientData_Response_IsNeverStored(string url)
    {
        var patient = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Clinician);
        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, patient.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task IntakeLinkPage_WithoutSignIn_IsNeverStoredEither()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/intake/not-a-real-token");
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task StoredConsentHtml_IsServedWithAStrictContentSecurityPolicyAndNosniff()
    {
        var patient = await app.DemoPatientAsync();
        var consentId = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            db.SignedConsents.Add(new SignedConsent
            {
                PatientId = patient.Id, ConsentPacketId = consentId, SignedAt = app.Clock.GetUtcNow().UtcDateTime, SignedName = "Rosa Delgado",
                InitialsJson = "{}", TimeZone = "America/Los_Angeles", Html = "<p>Consent</p><script>alert(1)</script>", Pdf = [1],
                HtmlSha256 = "x", PdfSha256 = "x",
            });
            return await db.SaveChangesAsync();
        });
        using var client = app.ClientAs(Roles.Clinician);
        var response = await client.GetAsync($"/api/patients/{patient.Id}/consents/{consentId}/html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Contains("sandbox", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}

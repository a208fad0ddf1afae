using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Language;

/// <summary>Issue 12, public pages: the practice's own name, logo and contact on every patient-facing page.</summary>
[Collection(AppCollection.Name)]
public sealed class PracticeIdentityTests(TalusApp app)
{
    [Fact]
    public async Task Home_Anonymous_SpeaksAsThePracticeWithARequestLinkAndEveryLocation()
    {
        using var client = app.Anonymous();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.Contains("Welcome to Coastal Foot & Ankle Specialists", page);
        Assert.Contains("href=\"/learn/request\"", page);
        Assert.DoesNotContain("Talus runs", page);
        var locations = await app.WithDbAsync(db => Task.FromResult(db.Locations.Where(l => l.IsActive).Select(l => new { l.Name, l.Phone, l.AddressLine }).ToList()));
        Assert.All(locations, l => { Assert.Contains(l.Name, page); Assert.Contains(l.Phone, page); Assert.Contains(l.AddressLine, page); });
        Assert.Contains("Hours", page);
    }

    [Theory]
    [InlineData("/learn")]
    [InlineData("/learn/request")]
    [InlineData("/signin")]
    public async Task PublicPages_ShowThePracticeNameLogoAndContact(string path)
    {
        using var client = app.Anonymous();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(path));

        Assert.Contains("Coastal Foot & Ankle Specialists", page);
        Assert.Contains("/img/practice-logo.svg", page);
        Assert.Contains("tel:9495550100", page);
        Assert.Matches("<title>[^<]*· Coastal Foot & Ankle Specialists\\s*</title>", page);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "logoUrl")]
    [InlineData("//evil.example/logo.png", "logoUrl")]
    [InlineData("http://plain.example/logo.png", "logoUrl")]
    [InlineData("", "name")]
    public async Task Identity_UnsafeLogoOrNoName_IsRefused(string value, string field)
    {
        using var admin = app.ClientAs(Roles.Admin);
        var body = field == "name"
            ? new Dictionary<string, object?> { ["name"] = value }
            : new Dictionary<string, object?> { ["name"] = "Coastal Foot & Ankle Specialists", ["logoUrl"] = value };

        var response = await admin.PutAsJsonAsync("/api/settings/PracticeIdentity", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Features.Settings;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Homes;

[Collection(AppCollection.Name)]
public sealed class AdminPagesTests(TalusApp app)
{
    [Fact]
    public async Task AdminHome_LinksEveryAdminPageWithoutRouteValues()
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => p.StartsWith("/admin/", StringComparison.Ordinal) && !p.Contains('{') && !p.StartsWith("/admin/audit/", StringComparison.Ordinal))
            .Distinct().ToList();
        using var admin = app.ClientAs(Roles.Admin);
        var home = await admin.GetStringAsync("/admin");

        Assert.Contains("/admin/scheduling", pages);
        Assert.All(pages, p => Assert.Contains($"href=\"{p}\"", home, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SettingsForm_EverySettingsRecord_ShowsLabelledFieldsWithDefaultAndSource()
    {
        using var admin = app.ClientAs(Roles.Admin);
        foreach (var definition in PracticeSettings.All)
        {
            var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/settings/{definition.Name}"));
            Assert.Contains("name=\"f.", page, StringComparison.Ordinal);
            Assert.Contains(definition.Source, page, StringComparison.Ordinal);
            Assert.Contains("Default ", page, StringComparison.Ordinal);
        }
        var candidacy = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/settings/CandidacySettings"));
        Assert.Matches("for=\"f-minSymptomMonths\">Minimum duration of joint pain\\s*<span class=\"muted\">\\(months\\)</span>", candidacy);
        Assert.Contains("Default 6 months · SPEC §2.1 I2", candidacy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsForm_ChangeOneField_SavesItAndKeepsTheOthers()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var page = await admin.GetStringAsync("/admin/settings/PortalBookingRules");
        var fields = Regex.Matches(page, "name=\"(f\\.[^\"]+)\"[^>]*value=\"([^\"]*)\"").ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.NotEmpty(fields);
        var (first, _) = fields.First(f => decimal.TryParse(f.Value, out _));
        fields[first] = "7";
        var form = new Dictionary<string, string>(fields) { ["_handler"] = "setting-fields", ["__RequestVerificationToken"] = PageForms.Token(page) };

        try
        {
            using var response = await admin.PostAsync("/admin/settings/PortalBookingRules", new FormUrlEncodedContent(form));
            Assert.Contains("PortalBookingRules saved.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var stored = await admin.GetFromJsonAsync<JsonElement>("/api/settings/PortalBookingRules");
            Assert.Contains("7", stored.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await admin.DeleteAsync("/api/settings/PortalBookingRules");
        }
    }

    [Fact]
    public async Task SettingsForm_NotANumber_ShowsTheFieldMessageAndSavesNothing()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var page = await admin.GetStringAsync("/admin/settings/CandidacySettings");

        using var response = await admin.PostAsync("/admin/settings/CandidacySettings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setting-fields", ["__RequestVerificationToken"] = PageForms.Token(page), ["f.minSymptomMonths"] = "six",
        }));

        Assert.Contains("Enter a number.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Settings.AnyAsync(s => s.Name == "CandidacySettings" && s.Json.Contains("six"))));
    }

}

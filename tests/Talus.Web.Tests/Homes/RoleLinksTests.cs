using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Homes;

/// <summary>No page offers a role a link it cannot open: each role's home (and, for chart roles, a chart) is walked and every link followed.</summary>
[Collection(AppCollection.Name)]
public sealed partial class RoleLinksTests(TalusApp app)
{
    public static TheoryData<string, string> Homes => new()
    {
        { Roles.FrontDesk, "/frontdesk" },
        { Roles.Clinician, "/clinic" },
        { Roles.Billing, "/billing" },
        { Roles.Admin, "/admin" },
        { Roles.Outcomes, "/outcomes" },
        { Roles.Patient, "/portal" },
    };

    [Theory]
    [MemberData(nameof(Homes))]
    public async Task EveryLink_OnARolesHomeAndChart_OpensForThatRole(string role, string home)
    {
        using var client = app.ClientAs(role);
        var pages = new List<string> { home };
        if (role is not (Roles.Patient or Roles.Outcomes))
        {
            pages.Add($"/patients/{(await app.DemoPatientAsync()).Id}");
        }
        var refused = new List<string>();
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var link in LocalLinks(await response.Content.ReadAsStringAsync()))
            {
                using var target = await client.GetAsync(link);
                var location = target.Headers.Location?.OriginalString ?? "";
                if (target.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound
                    || location.Contains("/signin", StringComparison.Ordinal) || location.Contains("/forbidden", StringComparison.Ordinal))
                {
                    refused.Add($"{page} → {link} ({(int)target.StatusCode})");
                }
            }
        }
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }

    [Fact]
    public async Task CandidacyPage_DecisionAidLink_KeepsTheSide()
    {
        var withReport = await app.WithDbAsync(db => db.CandidacyAssessments.AsNoTracking().Select(c => c.PatientId).FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        using var page = await client.GetAsync($"/patients/{withReport}/candidacy");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var href = DecisionAidHref().Match(html);
        Assert.True(href.Success, "the candidacy page links to the decision aid");
        var url = WebUtility.HtmlDecode(href.Groups[1].Value);
        Assert.Matches(@"\?joint=[A-Za-z]+&side=[A-Za-z]+$", url);
    }

    private static IEnumerable<string> LocalLinks(string html) =>
        Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal) && !h.StartsWith("/css/", StringComparison.Ordinal)
                && !h.StartsWith("/js/", StringComparison.Ordinal) && !h.StartsWith("/_framework/", StringComparison.Ordinal) && h != "/favicon.svg")
            .Distinct();

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("href=\"([^\"]*decision-aid\\?[^\"]*)\"")]
    private static partial Regex DecisionAidHref();
}

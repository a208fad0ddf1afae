using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using Talus.Clinical;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed class EducationTests(TalusApp app)
{
    private static Dictionary<string, string> PatientText()
    {
        var resources = new ResourceManager("Talus.Web.Resources.PatientText", typeof(Program).Assembly);
        var set = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    public static TheoryData<string> LearnPages() => ["Home", "Day", "Options", "Costs"];

    [Theory]
    [MemberData(nameof(LearnPages))]
    public void LearnPage_Text_PassesTheMarketingClaimsCheck(string page)
    {
        var text = string.Join(Environment.NewLine, PatientText().Where(e => e.Key.StartsWith($"Learn_{page}_", StringComparison.Ordinal)).Select(e => e.Value));
        Assert.True(text.Length > 500, "the page should have real content");
        var check = MarketingClaims.Check(text, new MarketingClaimSettings());
        Assert.False(check.Blocked, string.Join("; ", check.Findings.Select(f => f.Reason.ClinicianText)));
    }

    [Fact]
    public void LearnHome_StatesTheEvidenceHonestly()
    {
        var text = string.Join(" ", PatientText().Where(e => e.Key.StartsWith("Learn_Home_", StringComparison.Ordinal)).Select(e => e.Value));
        Assert.Contains("Randomized trials have not shown cell injections to be better than a steroid or saline injection", text);
        Assert.Contains("not approved", text);
    }

    [Theory]
    [InlineData("/learn", "Stem cell injections for foot and ankle arthritis")]
    [InlineData("/learn/treatment", "about an hour")]
    [InlineData("/learn/options", "Physical therapy")]
    [InlineData("/learn/costs", "Good Faith Estimate")]
    [InlineData("/learn/request", "Send my request")]
    public async Task LearnPages_Anonymous_AreReadableWithHeadingsAndNavigation(string path, string expected)
    {
        using var anon = app.Anonymous();
        var response = await anon.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1"));
        Assert.Contains("aria-current=\"page\"", html);
        Assert.Contains("<main id=\"main\"", html);
    }
}

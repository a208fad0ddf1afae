using System.Net;
using System.Text.RegularExpressions;
using Talus.Clinical;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Outcomes;

/// <summary>The public results page: open to anyone, the registry's own numbers, no patient, no testimonial, no cure claim.</summary>
[Collection(AppCollection.Name)]
public sealed partial class PublicResultsTests(TalusApp app)
{
    private async Task<(HttpStatusCode Status, string Text)> PageAsync(string language)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/learn/results");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        return (response.StatusCode, WebUtility.HtmlDecode(Tags().Replace(main, " ")));
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [Theory]
    [InlineData("en", "Randomized trials have not shown cell injections")]
    [InlineData("es", "Resultados de las personas que tratamos")]
    public async Task Page_Anonymous_ShownWithEvidenceSentence(string language, string expected)
    {
        var (status, text) = await PageAsync(language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task Page_MarketingClaimsCheck_NothingBlocked(string language)
    {
        var (_, text) = await PageAsync(language);

        var check = MarketingClaims.Check(text, new MarketingClaimSettings());

        Assert.False(check.Blocked, string.Join("; ", check.Findings.Select(f => f.Reason.ClinicianText)));
        Assert.DoesNotContain(check.Findings, f => f.Kind == MarketingClaimKind.CureOrRegeneration);
    }

    [Fact]
    public async Task Page_DemoCohort_NoPatientNamesAndStatesWhoDidNotAnswer()
    {
        var patient = await app.DemoPatientAsync();

        var (_, text) = await PageAsync("en");

        Assert.DoesNotContain(patient.FamilyName, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(patient.Mrn, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Did not answer", text, StringComparison.Ordinal);
        Assert.Contains("we count them as not better", text, StringComparison.OrdinalIgnoreCase);
    }
}

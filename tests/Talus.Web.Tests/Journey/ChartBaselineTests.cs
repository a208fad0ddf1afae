using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

/// <summary>The chart's baseline scores: the latest submitted answer of each instrument, found one probe per instrument.</summary>
[Collection(AppCollection.Name)]
public sealed class ChartBaselineTests(TalusApp app)
{
    [Fact]
    public async Task Chart_SeveralSubmittedAnswersOfOneInstrument_ShowsOnlyTheLatest()
    {
        var patientId = await IntakeApiTests.NewPatientAsync(app, "Baselinelatest");
        using var desk = app.ClientAs(Roles.FrontDesk);
        foreach (var pain in new[] { 3, 8 })
        {
            var posted = await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true",
                new { instrument = "NrsPain", answers = new Dictionary<string, int?> { ["NrsPain"] = pain } });
            posted.EnsureSuccessStatusCode();
        }
        // A newer draft is not a submitted answer: the chart keeps the latest submitted one.
        (await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires",
            new { instrument = "NrsPain", answers = new Dictionary<string, int?> { ["NrsPain"] = 5 } })).EnsureSuccessStatusCode();

        var html = await desk.GetStringAsync($"/patients/{patientId}");

        var scores = Regex.Match(html, "<table class=\"grid compact scores\">.*?</table>", RegexOptions.Singleline).Value;
        var cells = Regex.Matches(scores, "<td class=\"num\">([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["8.0"], cells);
    }

    [Fact]
    public async Task Chart_NoBaselineAnswer_ShowsNoScores()
    {
        var patientId = await IntakeApiTests.NewPatientAsync(app, "Baselinenone");
        using var desk = app.ClientAs(Roles.FrontDesk);

        var html = await desk.GetStringAsync($"/patients/{patientId}");

        Assert.Contains("Baseline scores", html);
        Assert.DoesNotContain("<table class=\"grid compact scores\">", html);
    }
}

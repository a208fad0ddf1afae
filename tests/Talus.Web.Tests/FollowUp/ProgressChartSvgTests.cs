using System.Text.RegularExpressions;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Web.Features.FollowUp;

namespace Talus.Web.Tests.FollowUp;

/// <summary>The progress chart's picture, written as one piece of SVG: what it draws, where, and how it encodes text.</summary>
public sealed class ProgressChartSvgTests
{
    // NRS 0–10, lower is better, baseline 8 with the MCID line at 6; a late point at day 40 and one at day 90; a visit
    // without a day (not drawn).
    private static readonly ScoreSeries Pain = new(InstrumentId.NrsPain, "score", "Pain <NRS> & rest", 0, 10, false,
    [
        new(new DateOnly(2026, 1, 2), -3, null, 8, null),
        new(new DateOnly(2026, 2, 14), 40, ProgramVisit.V2, 5, false),
        new(new DateOnly(2026, 4, 5), 90, ProgramVisit.V3, 3, true),
        new(new DateOnly(2026, 4, 6), null, ProgramVisit.V4, 2, true),
    ], 8, 6, null);

    [Fact]
    public void Draw_Series_PlotsEachDatedPointOnTheScaleWithTheBandAndTheLateMark()
    {
        var svg = ProgressChartSvg.Draw(Pain, [], patient: false, "pc-x", Pain.Name);

        // Up to 92 days (no expected chances): x = 44 + day × 460 / 92; y = 170 − score × 15.6; a day before the procedure at 0.
        Assert.Contains("<polyline points=\"44,45.2 244,92 494,123.2\" class=\"series\"></polyline>", svg);
        Assert.Equal(3, Regex.Count(svg, "<circle "));
        Assert.Equal(1, Regex.Count(svg, "class=\"point late\""));
        // Lower is better: the band runs from the MCID line (6) down to the scale's minimum.
        Assert.Contains("<rect x=\"44\" y=\"76.4\" width=\"460\" height=\"93.6\" class=\"mcid-band\"></rect>", svg);
        Assert.Contains("<line x1=\"44\" x2=\"504\" y1=\"45.2\" y2=\"45.2\" class=\"baseline\"></line>", svg);
        Assert.Contains(">3 mo</text>", svg);
        Assert.DoesNotContain(">6 mo</text>", svg);
        Assert.DoesNotContain("class=\"expected\"", svg);
        Assert.StartsWith("<svg viewBox=\"0 0 520 200\" role=\"img\" aria-labelledby=\"pc-x-t pc-x-d\"", svg);
        Assert.EndsWith("</svg>", svg);
    }

    [Fact]
    public void Draw_TextAndIds_AreEncoded()
    {
        var svg = ProgressChartSvg.Draw(Pain, [], patient: true, "pc-\"x", Pain.Name);

        Assert.Contains("<title id=\"pc-&quot;x-t\">Pain &lt;NRS&gt; &amp; rest</title>", svg);
        Assert.Contains("<desc id=\"pc-&quot;x-d\">2026-01-02: 8. 2026-02-14: 5. 2026-04-05: 3. 2026-04-06: 2.</desc>", svg);
        Assert.Contains(">3 m</text>", svg);
        Assert.DoesNotContain("<NRS>", svg);
    }

    [Fact]
    public void Draw_ExpectedChances_DrawsTwelveMonthsAndADashedLineForEach()
    {
        var svg = ProgressChartSvg.Draw(Pain, [new(3, 0.55m, 0.35m, 0.75m), new(6, 0.5m, 0.3m, 0.7m), new(12, 0.45m, 0.25m, 0.65m)],
            patient: false, "pc-x", Pain.Name);

        Assert.Equal(3, Regex.Count(svg, "class=\"expected\""));
        Assert.Contains(">35&#x2013;75%</text>", svg);
        Assert.Contains(">12 mo</text>", svg);
        // Up to 366 days now: day 90 at 44 + 90 × 460 / 366.
        Assert.Contains(" 157.1,123.2\" class=\"series\"", svg);
    }
}

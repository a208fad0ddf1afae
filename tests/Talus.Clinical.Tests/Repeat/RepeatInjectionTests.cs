using Talus.Clinical.Outcomes;
using Talus.Clinical.Repeat;

namespace Talus.Clinical.Tests.Repeat;

public class RepeatInjectionTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static RepeatCellInjectionRequest Request(
        ResponseCategory response = ResponseCategory.PartialResponder,
        string priors = "2025-01-01",
        bool adverseEvent = false,
        bool recheck = true,
        string? imaging = "2025-01-01") =>
        new(
            Joint.Ankle,
            Side.Right,
            [.. priors.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => DateOnly.Parse(p, System.Globalization.CultureInfo.InvariantCulture))],
            response,
            adverseEvent,
            recheck,
            imaging is null ? null : DateOnly.Parse(imaging, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(ResponseCategory.PartialResponder, true, null)]
    [InlineData(ResponseCategory.LossOfResponse, true, null)]
    [InlineData(ResponseCategory.NonResponder, false, "REP-NONRESPONDER")]
    [InlineData(ResponseCategory.Responder, false, "REP-STILL-RESPONDING")]
    [InlineData(ResponseCategory.Worsened, false, "REP-WORSENED")]
    [InlineData(ResponseCategory.Undetermined, false, "REP-RESPONSE-PENDING")]
    public void AssessCellBased_ResponseCategory_OnlyPartialOrLossEligible(ResponseCategory response, bool eligible, string? code)
    {
        var verdict = RepeatInjection.AssessCellBased(Request(response), new RepeatInjectionSettings(), Today);

        Assert.Equal(eligible, verdict.Eligible);
        if (code is not null)
        {
            Assert.Contains(verdict.Reasons, r => r.Code == code);
        }
    }

    [Fact]
    public void AssessCellBased_NonResponder_SuggestsAlternativesAndSurgicalConsult()
    {
        var verdict = RepeatInjection.AssessCellBased(Request(ResponseCategory.NonResponder), new RepeatInjectionSettings(), Today);

        var reason = verdict.Reasons.Single(r => r.Code == "REP-NONRESPONDER");
        Assert.Contains("surgical consult", reason.ClinicianText, StringComparison.Ordinal);
    }

    // Minimum 90 days; warn under 180 (SPEC §4.6). Today = 2025-06-01.
    [Theory]
    [InlineData("2025-03-03", true, "2025-06-01", true)]   // exactly 90 days
    [InlineData("2025-03-04", false, "2025-06-02", true)]  // 89 days
    [InlineData("2025-01-01", true, "2025-04-01", true)]   // 151 days: eligible with warning
    [InlineData("2024-12-03", true, "2025-03-03", false)]  // 180 days: no warning
    [InlineData("2024-12-04", true, "2025-03-04", true)]   // 179 days: warning
    public void AssessCellBased_Interval_NinetyDaysWarnUnder180(string last, bool eligible, string earliest, bool warning)
    {
        var verdict = RepeatInjection.AssessCellBased(Request(priors: last), new RepeatInjectionSettings(), Today);

        Assert.Equal(eligible, verdict.Eligible);
        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), verdict.EarliestDate);
        Assert.Equal(warning, verdict.Reasons.Any(r => r.Code == "REP-INTERVAL-WARN"));
    }

    // At most 2 cell-based injections per joint in any rolling 12 months.
    [Theory]
    [InlineData("2024-09-01,2025-01-01", "2025-06-01", false, "2025-09-01")]
    [InlineData("2024-09-01,2025-01-01", "2025-09-01", true, "2025-09-01")]
    [InlineData("2024-05-31,2025-01-01", "2025-06-01", true, "2025-05-31")]
    public void AssessCellBased_RollingTwelveMonthCap(string priors, string today, bool eligible, string earliest)
    {
        var verdict = RepeatInjection.AssessCellBased(
            Request(priors: priors), new RepeatInjectionSettings(), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(eligible, verdict.Eligible);
        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), verdict.EarliestDate);
    }

    [Theory]
    [InlineData(true, true, "REP-UNRESOLVED-AE")]
    [InlineData(false, false, "REP-CANDIDACY-RECHECK")]
    public void AssessCellBased_AdverseEventOrFailedRecheck_NotEligible(bool adverseEvent, bool recheck, string code)
    {
        var verdict = RepeatInjection.AssessCellBased(Request(adverseEvent: adverseEvent, recheck: recheck), new RepeatInjectionSettings(), Today);

        Assert.False(verdict.Eligible);
        Assert.Contains(verdict.Reasons, r => r.Code == code);
    }

    // Imaging older than 12 months → band re-grade first.
    [Theory]
    [InlineData("2024-06-01", false)]
    [InlineData("2024-05-31", true)]
    [InlineData(null, true)]
    public void AssessCellBased_ImagingAge_RegradeAfterTwelveMonths(string? imaging, bool regrade)
    {
        var verdict = RepeatInjection.AssessCellBased(Request(imaging: imaging), new RepeatInjectionSettings(), Today);

        Assert.Equal(regrade, verdict.RegradeRequired);
        Assert.Equal(!regrade, verdict.Eligible);
    }

    [Fact]
    public void AssessCellBased_NoPriorInjection_NotARepeat()
    {
        var verdict = RepeatInjection.AssessCellBased(Request(priors: ""), new RepeatInjectionSettings(), Today);

        Assert.False(verdict.Eligible);
        Assert.Null(verdict.EarliestDate);
        Assert.Equal("REP-NO-PRIOR", Assert.Single(verdict.Reasons).Code);
    }

    // Corticosteroid: >= 90 days apart, <= 3 per joint per rolling year by default (configurable 3–4).
    [Theory]
    [InlineData("2025-03-01", "2025-05-30", 3, true, "2025-05-30")]
    [InlineData("2025-03-01", "2025-05-29", 3, false, "2025-05-30")]
    [InlineData("2024-07-01,2024-10-01,2025-01-01", "2025-05-01", 3, false, "2025-07-01")]
    [InlineData("2024-07-01,2024-10-01,2025-01-01", "2025-05-01", 4, true, "2025-04-01")]
    public void AssessCorticosteroid_IntervalAndAnnualCap(string priors, string today, int maxPerYear, bool eligible, string earliest)
    {
        var dates = priors.Split(',').Select(p => DateOnly.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var settings = new RepeatInjectionSettings { CorticosteroidMaximumPerRolling12Months = maxPerYear };

        var verdict = RepeatInjection.AssessCorticosteroid(dates, settings, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(eligible, verdict.Eligible);
        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), verdict.EarliestDate);
    }

    [Fact]
    public void Settings_Defaults_MatchSpec()
    {
        var s = new RepeatInjectionSettings();

        Assert.Equal((90, 180, 2, 12, 90, 3), (s.CellMinimumIntervalDays, s.CellWarningIntervalDays, s.CellMaximumPerRolling12Months,
            s.ImagingMaximumAgeMonths, s.CorticosteroidMinimumIntervalDays, s.CorticosteroidMaximumPerRolling12Months));
        Assert.Equal("REP-PRP-SERIES", RepeatInjection.PrpSeriesNote.Code);
    }
}

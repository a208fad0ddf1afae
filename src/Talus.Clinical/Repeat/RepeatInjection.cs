using Talus.Clinical.Outcomes;

namespace Talus.Clinical.Repeat;

/// <summary>Repeat-injection defaults [D]; no guideline defines repeat intervals for cell-based injections (SPEC §4.6).</summary>
public sealed record RepeatInjectionSettings
{
    /// <summary>Minimum days between cell-based injections in the same joint [D] (SPEC §4.6).</summary>
    public int CellMinimumIntervalDays { get; init; } = 90;

    /// <summary>Warn when the interval is shorter than this [D] (SPEC §4.6).</summary>
    public int CellWarningIntervalDays { get; init; } = 180;

    /// <summary>Maximum cell-based injections per joint in any rolling 12 months [D] (SPEC §4.6).</summary>
    public int CellMaximumPerRolling12Months { get; init; } = 2;

    /// <summary>Imaging older than this many months needs a band re-grade before a repeat [D] (SPEC §4.6).</summary>
    public int ImagingMaximumAgeMonths { get; init; } = 12;

    /// <summary>Minimum days between corticosteroid injections in the same joint [GK] (SPEC §4.6).</summary>
    public int CorticosteroidMinimumIntervalDays { get; init; } = 90;

    /// <summary>Maximum corticosteroid injections per joint per rolling 12 months: SPEC §4.6 says 3–4 [GK]; default 3.</summary>
    public int CorticosteroidMaximumPerRolling12Months { get; init; } = 3;
}

/// <summary>Facts needed to decide on a repeat cell-based injection in one joint.</summary>
public sealed record RepeatCellInjectionRequest(
    Joint Joint,
    Side Side,
    DateOnly[] PriorCellInjectionDates,
    ResponseCategory Response,
    bool HasUnresolvedAdverseEvent,
    bool CandidacyRecheckPassed,
    DateOnly? LastImagingDate);

/// <summary>
/// The verdict: eligible today or not, the earliest date the timing rules allow (null when there is no prior injection),
/// whether the band must be re-graded first, and every reason.
/// </summary>
public sealed record RepeatVerdict(bool Eligible, DateOnly? EarliestDate, bool RegradeRequired, IReadOnlyList<Reason> Reasons);

/// <summary>Repeat-injection rules (SPEC §4.6).</summary>
public static class RepeatInjection
{
    private const string Source = "SPEC §4.6 [D]";

    /// <summary>PRP is usually given as a series, not judged as a repeat (SPEC §4.6 [C]).</summary>
    public static Reason PrpSeriesNote { get; } = new(
        "REP-PRP-SERIES",
        "PRP is typically given as a series of 2–3 injections 1–6 weeks apart; a triple series outperformed a single injection over 12 months in a PRP-vs-corticosteroid meta-analysis.",
        "Platelet-rich plasma is often given as a short series of 2 or 3 injections a few weeks apart.",
        "SPEC §4.6; BMC Musculoskelet Disord 2021 (PMC8208610)");

    /// <summary>
    /// Eligible only for PartialResponder or LossOfResponse, no unresolved adverse event, candidacy re-check passed,
    /// imaging not older than 12 months, ≥ 90 days since the last cell injection and fewer than 2 in the rolling 12 months.
    /// </summary>
    public static RepeatVerdict AssessCellBased(RepeatCellInjectionRequest request, RepeatInjectionSettings settings, DateOnly today)
    {
        var reasons = new List<Reason>();
        var clinicallyEligible = true;

        if (request.PriorCellInjectionDates.Length == 0)
        {
            return new RepeatVerdict(false, null, false, [new Reason(
                "REP-NO-PRIOR",
                "No prior cell-based injection in this joint: this is a first injection; use the candidacy assessment.",
                "This would be your first injection in this joint, so the usual assessment applies.",
                Source)]);
        }

        switch (request.Response)
        {
            case ResponseCategory.PartialResponder:
            case ResponseCategory.LossOfResponse:
                reasons.Add(new Reason("REP-RESPONSE-OK", $"Response category {request.Response} allows a repeat.",
                    "Your response so far means a repeat injection may be considered.", Source));
                break;
            case ResponseCategory.NonResponder:
                clinicallyEligible = false;
                reasons.Add(new Reason(
                    "REP-NONRESPONDER",
                    "NonResponder at V4: no repeat of the same product. Offer alternatives (PT/exercise, orthoses, bracing, corticosteroid, HA) or a surgical consult.",
                    "This treatment did not help you, so repeating it is not advised. Your clinician will talk with you about other options, including a surgical opinion.",
                    Source));
                break;
            case ResponseCategory.Responder:
                clinicallyEligible = false;
                reasons.Add(new Reason("REP-STILL-RESPONDING", "Current Responder: a repeat is not indicated while the response lasts.",
                    "You are still benefiting from the last injection, so a repeat is not needed now.", Source));
                break;
            case ResponseCategory.Worsened:
                clinicallyEligible = false;
                reasons.Add(new Reason("REP-WORSENED", "Worsened (inverse OMERACT-OARSI): repeat not indicated; review diagnosis and alternatives.",
                    "Your symptoms are worse, so a repeat injection is not advised. Your clinician will review other options.", Source));
                break;
            default:
                clinicallyEligible = false;
                reasons.Add(new Reason("REP-RESPONSE-PENDING", "Response not yet determined (needs V3 and V4); decide after V4.",
                    "It is too early to decide about a repeat injection.", Source));
                break;
        }

        if (request.HasUnresolvedAdverseEvent)
        {
            clinicallyEligible = false;
            reasons.Add(new Reason("REP-UNRESOLVED-AE", "An adverse event from a previous injection is unresolved.",
                "A problem after your last injection needs to settle first.", Source));
        }

        if (!request.CandidacyRecheckPassed)
        {
            clinicallyEligible = false;
            reasons.Add(new Reason("REP-CANDIDACY-RECHECK", "Candidacy re-check has not passed.",
                "Your suitability for this treatment needs to be checked again first.", Source));
        }

        var regrade = request.LastImagingDate is not { } imaging || today > imaging.AddMonths(settings.ImagingMaximumAgeMonths);
        if (regrade)
        {
            clinicallyEligible = false;
            reasons.Add(new Reason(
                "REP-REGRADE",
                request.LastImagingDate is null
                    ? "No imaging date recorded: re-image and re-grade the band before a repeat."
                    : $"Imaging of {request.LastImagingDate:yyyy-MM-dd} is more than {settings.ImagingMaximumAgeMonths} months old: re-grade the band before a repeat.",
                "New X-rays are needed to check the joint again before a repeat injection.",
                Source));
        }

        var earliest = Timing(
            request.PriorCellInjectionDates, settings.CellMinimumIntervalDays, settings.CellMaximumPerRolling12Months,
            "cell-based", "SPEC §4.6 [D] (90 days; 2 per rolling 12 months)", reasons);

        var last = request.PriorCellInjectionDates.Max();
        var evaluatedOn = today > earliest ? today : earliest;
        if (evaluatedOn.DayNumber - last.DayNumber < settings.CellWarningIntervalDays)
        {
            reasons.Add(new Reason(
                "REP-INTERVAL-WARN",
                $"Interval since the last cell-based injection ({last:yyyy-MM-dd}) would be under {settings.CellWarningIntervalDays} days.",
                "This would be sooner than usual after your last injection.",
                Source));
        }

        return new RepeatVerdict(clinicallyEligible && today >= earliest, earliest, regrade, reasons);
    }

    /// <summary>
    /// Corticosteroid in the same joint: ≥ 90 days apart and at most 3 (configurable 3–4) per rolling 12 months (SPEC §4.6 [GK]).
    /// </summary>
    public static RepeatVerdict AssessCorticosteroid(IReadOnlyList<DateOnly> priorInjectionDates, RepeatInjectionSettings settings, DateOnly today)
    {
        if (priorInjectionDates.Count == 0)
        {
            return new RepeatVerdict(true, null, false, [new Reason("REP-STEROID-NONE", "No prior corticosteroid injection in this joint.",
                "You have not had a steroid injection in this joint before.", "SPEC §4.6 [GK]")]);
        }

        var reasons = new List<Reason>();
        var earliest = Timing(
            priorInjectionDates, settings.CorticosteroidMinimumIntervalDays, settings.CorticosteroidMaximumPerRolling12Months,
            "corticosteroid", "SPEC §4.6 [GK] (≥ 90 days; ≤ 3–4 per joint per year)", reasons);
        return new RepeatVerdict(today >= earliest, earliest, false, reasons);
    }

    private static DateOnly Timing(IReadOnlyList<DateOnly> prior, int minimumDays, int maximumPerYear, string kind, string source, List<Reason> reasons)
    {
        var sorted = prior.OrderByDescending(d => d).ToArray();
        var byInterval = sorted[0].AddDays(minimumDays);
        reasons.Add(new Reason(
            "REP-INTERVAL",
            $"Last {kind} injection {sorted[0]:yyyy-MM-dd}; minimum interval {minimumDays} days → not before {byInterval:yyyy-MM-dd}.",
            $"The next injection can be no sooner than {byInterval:d MMMM yyyy}.",
            source));

        var earliest = byInterval;
        if (sorted.Length >= maximumPerYear)
        {
            // The cap-th most recent injection must have left the rolling 12-month window.
            var byCap = sorted[maximumPerYear - 1].AddMonths(12);
            reasons.Add(new Reason(
                "REP-ANNUAL-CAP",
                $"At most {maximumPerYear} {kind} injections per joint in any 12 months → not before {byCap:yyyy-MM-dd}.",
                $"There is a limit of {maximumPerYear} of these injections in one joint in a year.",
                source));
            if (byCap > earliest)
            {
                earliest = byCap;
            }
        }

        return earliest;
    }
}

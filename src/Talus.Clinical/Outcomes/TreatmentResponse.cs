using Talus.Clinical.FollowUp;

namespace Talus.Clinical.Outcomes;

/// <summary>Response categories (SPEC §4.5 [D]); <see cref="Undetermined"/> until V3 and V4 allow a decision.</summary>
public enum ResponseCategory
{
    Undetermined,
    Responder,
    PartialResponder,
    NonResponder,
    LossOfResponse,
    Worsened,
}

/// <summary>The unrounded scores collected at one time point; null = not collected.</summary>
public sealed record OutcomeScores(
    decimal? NrsPain = null,
    decimal? FaosPain = null,
    decimal? FaosAdl = null,
    decimal? FaamAdl = null,
    decimal? PatientGlobal = null);

/// <summary>Scores from one follow-up visit.</summary>
public sealed record VisitOutcome(ProgramVisit Visit, DateOnly Date, OutcomeScores Scores);

/// <summary>A patient's baseline and follow-up scores for one treated joint.</summary>
public sealed record ResponseHistory(OutcomeScores Baseline, VisitOutcome[] Visits);

/// <summary>The category at one visit, with the OMERACT-OARSI verdicts and MCID checks behind it.</summary>
public sealed record VisitResponse(
    ProgramVisit Visit,
    DateOnly Date,
    ResponseCategory Category,
    OarsiVerdict Responder,
    OarsiVerdict Worsening,
    IReadOnlyList<McidVerdict> Mcids,
    IReadOnlyList<Reason> Reasons);

/// <summary>The patient's current response category and the visit that decided it.</summary>
public sealed record ResponseAssessment(
    ResponseCategory Category,
    ProgramVisit? DecidedAt,
    IReadOnlyList<VisitResponse> Visits,
    IReadOnlyList<Reason> Reasons);

/// <summary>Classifies a patient's response over V3, V4 and later visits (SPEC §4.4, §4.5).</summary>
public static class TreatmentResponse
{
    private const string Source = "SPEC §4.5 [D]";

    /// <summary>
    /// Per visit: Worsened (inverse OMERACT-OARSI), else Responder (OMERACT-OARSI), else PartialResponder (≥ 1 of NRS,
    /// FAOS Pain, FAOS ADL, FAAM ADL MCIDs), else no response. Overall, the latest evaluated visit decides; no response after
    /// an earlier Responder visit is LossOfResponse; NonResponder needs V4 (none at both V3 and V4).
    /// </summary>
    public static ResponseAssessment Assess(ResponseHistory history, McidSettings settings)
    {
        var evaluated = history.Visits
            .Where(v => v.Visit >= ProgramVisit.V3)
            .OrderBy(v => v.Visit)
            .ThenBy(v => v.Date)
            .Select(v => AssessVisit(history.Baseline, v, settings))
            .ToList();

        if (evaluated.Count == 0)
        {
            return new ResponseAssessment(ResponseCategory.Undetermined, null, evaluated, [new Reason(
                "RESP-NOT-YET",
                "No V3 or later visit recorded; response is evaluated from V3 (day 91).",
                "It is too early to judge how well the treatment worked.",
                Source)]);
        }

        var latest = evaluated[^1];
        var earlierResponder = evaluated.Take(evaluated.Count - 1).FirstOrDefault(v => v.Category == ResponseCategory.Responder);

        if (latest.Category != ResponseCategory.NonResponder)
        {
            return new ResponseAssessment(latest.Category, latest.Visit, evaluated, [Overall(latest.Category, latest.Visit)]);
        }

        if (earlierResponder is not null)
        {
            return new ResponseAssessment(ResponseCategory.LossOfResponse, latest.Visit, evaluated, [new Reason(
                "RESP-LOSS",
                $"Responder at {earlierResponder.Visit}; at {latest.Visit} no OMERACT-OARSI response and no MCID met relative to baseline.",
                "The treatment helped at first, but the benefit has worn off.",
                Source)]);
        }

        if (latest.Visit < ProgramVisit.V4)
        {
            return new ResponseAssessment(ResponseCategory.Undetermined, latest.Visit, evaluated, [new Reason(
                "RESP-WAIT-V4",
                $"No response at {latest.Visit}; non-response is only decided when V4 also shows none.",
                "There is no clear improvement yet; we will check again at your 6-month visit.",
                Source)]);
        }

        var reasons = new List<Reason> { Overall(ResponseCategory.NonResponder, latest.Visit) };
        if (evaluated.Any(v => v.Category == ResponseCategory.PartialResponder))
        {
            // SPEC §4.5 does not name a partial response that later fades; it is treated as non-response here (a gap to confirm).
            reasons.Add(new Reason(
                "RESP-PARTIAL-NOT-SUSTAINED",
                "An earlier partial response (MCID met) was not sustained; SPEC §4.5 has no category for this, classified as NonResponder pending clinical review.",
                "Some early improvement did not last.",
                Source));
        }

        return new ResponseAssessment(ResponseCategory.NonResponder, latest.Visit, evaluated, reasons);
    }

    /// <summary>Classifies one visit against baseline.</summary>
    public static VisitResponse AssessVisit(OutcomeScores baseline, VisitOutcome visit, McidSettings settings)
    {
        var before = ToOarsi(baseline, visit.Scores);
        var after = ToOarsi(visit.Scores, baseline);
        var responder = OmeractOarsi.Responder(before, after);
        var worsening = OmeractOarsi.Worsened(before, after);

        var mcids = new List<McidVerdict>(4);
        AddMcid(mcids, OutcomeMeasure.NrsPain, baseline.NrsPain, visit.Scores.NrsPain, settings);
        AddMcid(mcids, OutcomeMeasure.FaosPain, baseline.FaosPain, visit.Scores.FaosPain, settings);
        AddMcid(mcids, OutcomeMeasure.FaosAdl, baseline.FaosAdl, visit.Scores.FaosAdl, settings);
        AddMcid(mcids, OutcomeMeasure.FaamAdl, baseline.FaamAdl, visit.Scores.FaamAdl, settings);

        var category = worsening.Met ? ResponseCategory.Worsened
            : responder.Met ? ResponseCategory.Responder
            : mcids.Any(m => m.Met) ? ResponseCategory.PartialResponder
            : ResponseCategory.NonResponder;

        var reasons = new List<Reason>();
        reasons.AddRange(worsening.Met ? worsening.Reasons : responder.Reasons);
        foreach (var m in mcids)
        {
            reasons.AddRange(m.Reasons);
        }

        return new VisitResponse(visit.Visit, visit.Date, category, responder, worsening, mcids, reasons);
    }

    /// <summary>
    /// Whether <see cref="AssessVisit"/> would say <see cref="ResponseCategory.Responder"/> (OMERACT-OARSI met, inverse not
    /// met), without building its reasons: for the registry's counts over many patients.
    /// </summary>
    public static bool IsResponder(OutcomeScores baseline, OutcomeScores followUp)
    {
        var before = ToOarsi(baseline, followUp);
        var after = ToOarsi(followUp, baseline);
        return !OmeractOarsi.IsMet(before, after, worsening: true) && OmeractOarsi.IsMet(before, after, worsening: false);
    }

    /// <summary>
    /// Builds P, F, G for one time point. Pain uses FAOS Pain when both time points have it, else NRS x 10, so both
    /// time points always use the same source (SPEC §4.4).
    /// </summary>
    private static OarsiDomains ToOarsi(OutcomeScores scores, OutcomeScores other)
    {
        var pain = scores.FaosPain is not null && other.FaosPain is not null
            ? 100m - scores.FaosPain
            : scores.NrsPain is not null && other.NrsPain is not null ? OarsiDomains.PainFromNrs(scores.NrsPain) : null;
        var function = other.FaosAdl is not null ? 100m - scores.FaosAdl : null;
        var global = other.PatientGlobal is not null ? scores.PatientGlobal : null;
        return new OarsiDomains(pain, function, global);
    }

    private static void AddMcid(List<McidVerdict> mcids, OutcomeMeasure measure, decimal? baseline, decimal? followUp, McidSettings settings)
    {
        if (baseline is { } b && followUp is { } f)
        {
            mcids.Add(Mcid.IsMet(measure, b, f, settings));
        }
    }

    private static Reason Overall(ResponseCategory category, ProgramVisit visit) =>
        category switch
        {
            ResponseCategory.Worsened => new("RESP-WORSENED", $"Inverse OMERACT-OARSI met at {visit}: clinically relevant worsening.",
                "Your pain or function is clearly worse than before treatment. Please discuss next steps with your clinician.", Source),
            ResponseCategory.Responder => new("RESP-RESPONDER", $"OMERACT-OARSI responder at {visit}.",
                "Your pain or function has improved by the standard definition of a treatment response.", Source),
            ResponseCategory.PartialResponder => new("RESP-PARTIAL", $"Not an OMERACT-OARSI responder at {visit}, but at least one MCID (NRS, FAOS Pain, FAOS ADL, FAAM ADL) met.",
                "You have some noticeable improvement, though less than a full response.", Source),
            _ => new("RESP-NONRESPONDER", $"No OMERACT-OARSI response and no MCID met at V3 or V4 (decided at {visit}).",
                "The treatment has not brought a noticeable improvement.", Source),
        };
}

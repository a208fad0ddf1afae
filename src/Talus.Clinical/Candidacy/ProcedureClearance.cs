namespace Talus.Clinical;

/// <summary>
/// What is known about one joint and side when a procedure is booked or recorded: the latest stored candidacy
/// assessment (its result, date and whether a physician overrode its relative findings), the same stored input replayed
/// to the procedure date or for the planned product when those differ from the assessment's, and the regulatory
/// classification of the product as it will be prepared.
/// </summary>
public sealed record ClearanceFacts
{
    /// <summary>The latest stored assessment's result; null when the joint was never assessed.</summary>
    public CandidacyResult? Assessment { get; init; }

    /// <summary>The practice date the assessment was made.</summary>
    public DateOnly AssessedOn { get; init; }

    /// <summary>A physician override with a documented reason is recorded on that assessment (SPEC §2.3).</summary>
    public bool Overridden { get; init; }

    /// <summary>
    /// The stored input assessed again as of the procedure date and for the planned product (same rules); null when the
    /// assessment already measured to that date for that product. Only its non-overridable findings are used.
    /// </summary>
    public CandidacyResult? Replayed { get; init; }

    /// <summary>The product's classification (SPEC §6.3); null when no product is known (no current plan with an injection).</summary>
    public ProductClassificationResult? Regulatory { get; init; }
}

/// <summary>
/// The procedure gate: may this joint and side have the procedure on this date? Answers the reasons it may not (empty =
/// allowed). Used both when a procedure is booked and when it is recorded, so the two can never disagree.
/// </summary>
public static class ProcedureClearance
{
    private const string GateSource = "SPEC §2.2 (block scheduling), §2.3, §2.4, §2.7, §6.3";

    public static IReadOnlyList<Reason> Check(ClearanceFacts facts, DateOnly procedureDate, CandidacySettings settings)
    {
        var reasons = new List<Reason>();
        Candidacy(facts, procedureDate, settings, reasons);
        Regulatory(facts.Regulatory, reasons);
        return reasons;
    }

    private static void Candidacy(ClearanceFacts facts, DateOnly date, CandidacySettings settings, List<Reason> reasons)
    {
        if (facts.Assessment is not { } result)
        {
            reasons.Add(new("GATE-NO-ASSESSMENT", "No candidacy assessment of this joint and side. Run the candidacy assessment first.",
                "Your doctor first needs to check that this treatment suits you.", "SPEC §2.7"));
            return;
        }

        // Practice default [D]: CandidacySettings.MaxAssessmentAgeDays (not a SPEC number).
        var age = date.DayNumber - facts.AssessedOn.DayNumber;
        if (age < 0)
        {
            reasons.Add(new("GATE-ASSESSMENT-AFTER", $"The candidacy assessment ({facts.AssessedOn:yyyy-MM-dd}) was made after the procedure date ({date:yyyy-MM-dd}).",
                "Your doctor needs to check that this treatment suits you before the procedure.", "SPEC §2.7"));
        }
        else if (age > settings.MaxAssessmentAgeDays)
        {
            reasons.Add(new("GATE-ASSESSMENT-STALE",
                $"The candidacy assessment of {facts.AssessedOn:yyyy-MM-dd} is {age} days before the procedure date (practice limit {settings.MaxAssessmentAgeDays} days). Run it again.",
                "Your doctor needs to check again that this treatment still suits you.", "Practice default [D]: CandidacySettings.MaxAssessmentAgeDays"));
        }

        var replayed = facts.Replayed?.Findings ?? [];

        // SPEC §2.2: an absolute contraindication blocks scheduling and is never overridden; so does failed inclusion.
        if (result.Verdict == CandidacyVerdict.NotCandidate)
        {
            reasons.Add(result.Because);
            AddDistinct(reasons, result.Findings.Where(f => f.Severity is FindingSeverity.Absolute or FindingSeverity.Inclusion).Select(f => f.Reason));
        }
        else if (result.Verdict == CandidacyVerdict.NeedsMoreInformation)
        {
            reasons.Add(result.Because);
        }
        AddDistinct(reasons, replayed.Where(f => f.Severity == FindingSeverity.Absolute).Select(f => f.Reason));

        // SPEC §2.4: not before the washout clears; a washout is never overridden. One reason per washout (the later date
        // when the stored and the replayed assessment both name it).
        AddDistinct(reasons, result.Findings.Concat(replayed)
            .Where(f => f.Severity == FindingSeverity.Washout && (f.ClearsOn is null || f.ClearsOn > date))
            .GroupBy(f => f.Reason.Code)
            .Select(g => g.OrderByDescending(f => f.ClearsOn ?? DateOnly.MaxValue).First().Reason));

        // SPEC §2.3, §1.6: relative findings still in force on the date, and the Unfavorable band, need the physician's override.
        if (!facts.Overridden && result.Verdict is CandidacyVerdict.CandidateWithConditions or CandidacyVerdict.NotRecommended)
        {
            var open = result.Findings.Where(f => f.Severity == FindingSeverity.Relative && (f.ClearsOn is null || f.ClearsOn > date)).ToList();
            if (result.Verdict == CandidacyVerdict.NotRecommended || open.Count > 0)
            {
                reasons.Add(new("GATE-NO-OVERRIDE",
                    "Relative contraindications need a physician override with a documented reason before the procedure" +
                    (open.Count > 0 ? ": " + string.Join(", ", open.Select(f => f.Reason.Code).Distinct()) : "") + ".",
                    "Your doctor needs to review some findings with you before the procedure.", "SPEC §2.3, §1.6"));
                if (result.Verdict == CandidacyVerdict.NotRecommended)
                {
                    reasons.Add(result.Because);
                }
                AddDistinct(reasons, open.Select(f => f.Reason));
            }
        }
    }

    private static void Regulatory(ProductClassificationResult? classification, List<Reason> reasons)
    {
        if (classification is null)
        {
            reasons.Add(new("GATE-NO-PRODUCT", "No current treatment plan with an injection for this joint and side, so the product cannot be checked (SPEC §6.3). Make the plan first.",
                "Your doctor first needs to agree a treatment plan with you.", "SPEC §6.3"));
            return;
        }
        if (classification.MayProceed)
        {
            return;
        }
        reasons.Add(new("GATE-REGULATORY", classification.Flag == RegulatoryFlag.Amber
                ? "The product as prepared is AMBER: not allowed until counsel sign-off is recorded in the practice settings."
                : $"The product as prepared is {Label(classification.Flag)}: it may not be given here.",
            "This treatment cannot be offered here as planned.", GateSource));
        AddDistinct(reasons, classification.Reasons.Where(r => r.Code.StartsWith("REG", StringComparison.Ordinal)));
    }

    private static string Label(RegulatoryFlag flag) => flag switch
    {
        RegulatoryFlag.Red => "RED",
        RegulatoryFlag.Amber => "AMBER",
        RegulatoryFlag.ResearchOnly => "RESEARCH ONLY",
        RegulatoryFlag.GreenAmber => "GREEN-AMBER",
        _ => "GREEN",
    };

    private static void AddDistinct(List<Reason> reasons, IEnumerable<Reason> more)
    {
        foreach (var r in more)
        {
            if (!reasons.Any(x => x.Code == r.Code && x.ClinicianText == r.ClinicianText))
            {
                reasons.Add(r);
            }
        }
    }
}

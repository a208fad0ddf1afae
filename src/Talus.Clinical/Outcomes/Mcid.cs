namespace Talus.Clinical.Outcomes;

/// <summary>A score that has a minimal clinically important difference (SPEC §3.7).</summary>
public enum OutcomeMeasure
{
    FaosPain,
    FaosSymptoms,
    FaosAdl,
    FaosSportRec,
    FaosQol,
    FaamAdl,
    FaamSports,
    MoxfqWalkingStanding,
    MoxfqPain,
    MoxfqSocialInteraction,
    NrsPain,
    VasPain,
    PromisPhysicalFunction,
}

/// <summary>MCID master table [D defaults] (SPEC §3.7). AOFAS and SANE have none: they are never used for decisions.</summary>
public sealed record McidSettings
{
    // FAOS subscales: 10 points, the reference-value study's pre-defined threshold (SPEC §3.7; FAI 2019 PMID 30873859).
    public decimal FaosPain { get; init; } = 10m;
    public decimal FaosSymptoms { get; init; } = 10m;
    public decimal FaosAdl { get; init; } = 10m;
    public decimal FaosSportRec { get; init; } = 10m;
    public decimal FaosQol { get; init; } = 10m;

    // FAAM ADL 8 and Sports 9 (SPEC §3.7; Martin 2005).
    public decimal FaamAdl { get; init; } = 8m;
    public decimal FaamSports { get; init; } = 9m;

    // MOXFQ W/S 16, Pain 12, SI 24, lower = better (SPEC §3.7; Dawson 2007).
    public decimal MoxfqWalkingStanding { get; init; } = 16m;
    public decimal MoxfqPain { get; init; } = 12m;
    public decimal MoxfqSocialInteraction { get; init; } = 24m;

    // NRS: >= 2 points OR >= 30% reduction (SPEC §3.4; Farrar 2001 [GK] for 30%).
    public decimal NrsPainPoints { get; init; } = 2m;
    public decimal NrsPainRelative { get; init; } = 0.30m;

    // VAS: 20 mm or 30% (SPEC §3.7 default; OA research MCID 17.5 mm, MCII 19.9 knee / 15.3 hip).
    public decimal VasPainMillimetres { get; init; } = 20m;
    public decimal VasPainRelative { get; init; } = 0.30m;

    // PROMIS PF T-score 5.0 (SPEC §3.6 default from 4.5–5.4).
    public decimal PromisPhysicalFunction { get; init; } = 5.0m;
}

/// <summary>
/// Whether the change from baseline reached the MCID. <see cref="Improvement"/> is signed so that positive = better,
/// whatever the direction of the scale.
/// </summary>
public sealed record McidVerdict(
    OutcomeMeasure Measure,
    bool Met,
    decimal Improvement,
    decimal Threshold,
    decimal? RelativeImprovement,
    decimal? RelativeThreshold,
    IReadOnlyList<Reason> Reasons);

/// <summary>Minimal clinically important difference checks (SPEC §3.4, §3.7).</summary>
public static class Mcid
{
    /// <summary>
    /// Compares unrounded scores (SPEC §0): met when the improvement is at least the threshold, or, for NRS and VAS,
    /// when the relative reduction is at least 30% of a baseline above zero.
    /// </summary>
    public static McidVerdict IsMet(OutcomeMeasure measure, decimal baseline, decimal followUp, McidSettings settings)
    {
        var (threshold, relativeThreshold, lowerIsBetter, source) = ThresholdOf(measure, settings);
        var improvement = lowerIsBetter ? baseline - followUp : followUp - baseline;
        decimal? relative = relativeThreshold is not null && baseline > 0m ? improvement / baseline : null;

        var byPoints = improvement >= threshold;
        var byRelative = relative is { } r && r >= relativeThreshold!.Value;
        var met = byPoints || byRelative;

        var relativeText = relativeThreshold is { } rt
            ? relative is { } rv
                ? $"; relative {rv:P1} vs {rt:P0}"
                : "; relative change undefined (baseline 0)"
            : string.Empty;
        var reason = new Reason(
            met ? "MCID-MET" : "MCID-NOT-MET",
            $"{NameOf(measure)}: {baseline} → {followUp}, improvement {improvement} vs MCID {threshold}{relativeText}: {(met ? "met" : "not met")}.",
            met
                ? "Your score changed by enough that most people would notice the difference."
                : "Your score has not changed by enough that most people would notice a difference.",
            source);

        return new McidVerdict(measure, met, improvement, threshold, relative, relativeThreshold, [reason]);
    }

    /// <summary>The measure as clinicians write it (SPEC §3.7), for reasons people read.</summary>
    public static string NameOf(OutcomeMeasure measure) => measure switch
    {
        OutcomeMeasure.FaosPain => "FAOS Pain",
        OutcomeMeasure.FaosSymptoms => "FAOS Symptoms",
        OutcomeMeasure.FaosAdl => "FAOS ADL",
        OutcomeMeasure.FaosSportRec => "FAOS Sport/Rec",
        OutcomeMeasure.FaosQol => "FAOS QOL",
        OutcomeMeasure.FaamAdl => "FAAM ADL",
        OutcomeMeasure.FaamSports => "FAAM Sports",
        OutcomeMeasure.MoxfqWalkingStanding => "MOXFQ Walking/standing",
        OutcomeMeasure.MoxfqPain => "MOXFQ Pain",
        OutcomeMeasure.MoxfqSocialInteraction => "MOXFQ Social interaction",
        OutcomeMeasure.NrsPain => "NRS pain",
        OutcomeMeasure.VasPain => "VAS pain",
        OutcomeMeasure.PromisPhysicalFunction => "PROMIS physical function",
        _ => measure.ToString(),
    };

    private static (decimal Threshold, decimal? Relative, bool LowerIsBetter, string Source) ThresholdOf(OutcomeMeasure measure, McidSettings s) =>
        measure switch
        {
            OutcomeMeasure.FaosPain => (s.FaosPain, null, false, "SPEC §3.7 (FAOS Pain)"),
            OutcomeMeasure.FaosSymptoms => (s.FaosSymptoms, null, false, "SPEC §3.7 (FAOS Symptoms)"),
            OutcomeMeasure.FaosAdl => (s.FaosAdl, null, false, "SPEC §3.7 (FAOS ADL)"),
            OutcomeMeasure.FaosSportRec => (s.FaosSportRec, null, false, "SPEC §3.7 (FAOS Sport/Rec)"),
            OutcomeMeasure.FaosQol => (s.FaosQol, null, false, "SPEC §3.7 (FAOS QOL)"),
            OutcomeMeasure.FaamAdl => (s.FaamAdl, null, false, "SPEC §3.7; Martin 2005"),
            OutcomeMeasure.FaamSports => (s.FaamSports, null, false, "SPEC §3.7; Martin 2005"),
            OutcomeMeasure.MoxfqWalkingStanding => (s.MoxfqWalkingStanding, null, true, "SPEC §3.7; Dawson 2007"),
            OutcomeMeasure.MoxfqPain => (s.MoxfqPain, null, true, "SPEC §3.7; Dawson 2007"),
            OutcomeMeasure.MoxfqSocialInteraction => (s.MoxfqSocialInteraction, null, true, "SPEC §3.7; Dawson 2007"),
            OutcomeMeasure.NrsPain => (s.NrsPainPoints, s.NrsPainRelative, true, "SPEC §3.4 (2 points [C] or 30% [GK, Farrar 2001])"),
            OutcomeMeasure.VasPain => (s.VasPainMillimetres, s.VasPainRelative, true, "SPEC §3.7 (VAS 20 mm or 30%)"),
            OutcomeMeasure.PromisPhysicalFunction => (s.PromisPhysicalFunction, null, false, "SPEC §3.6"),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "No MCID is defined for this measure."),
        };
}

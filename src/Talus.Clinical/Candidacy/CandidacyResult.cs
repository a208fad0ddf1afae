namespace Talus.Clinical;

/// <summary>How much a finding weighs on the decision (SPEC §2.2–§2.4).</summary>
public enum FindingSeverity
{
    /// <summary>Absolute contraindication: blocks scheduling; cannot be overridden.</summary>
    Absolute,
    /// <summary>Relative contraindication: needs a physician override with a reason.</summary>
    Relative,
    /// <summary>Worth a word with the patient; does not change the verdict.</summary>
    Caution,
    /// <summary>A washout not yet complete: not before <see cref="CandidacyFinding.ClearsOn"/>; cannot be overridden.</summary>
    Washout,
    /// <summary>An inclusion criterion not met.</summary>
    Inclusion,
    /// <summary>For the record or the care plan.</summary>
    Info,
}

public enum CandidacyVerdict
{
    /// <summary>Absolute contraindication, no radiographic OA, or an inclusion criterion not met.</summary>
    NotCandidate,
    /// <summary>End-stage joint (Unfavorable band): not a good candidate; a physician may override with a reason.</summary>
    NotRecommended,
    /// <summary>May proceed once the relative findings are overridden and washouts are complete.</summary>
    CandidateWithConditions,
    Candidate,
    /// <summary>A rule could not be evaluated; <see cref="CandidacyResult.MissingInformation"/> names each item.</summary>
    NeedsMoreInformation,
}

/// <summary>One rule that fired; <see cref="ClearsOn"/> is set when the finding expires by itself on that date.</summary>
public sealed record CandidacyFinding(FindingSeverity Severity, Reason Reason, DateOnly? ClearsOn = null)
{
    public bool Overridable => Severity == FindingSeverity.Relative;
}

/// <summary>
/// The verdict with everything that led to it. <see cref="EarliestEligibleDate"/> is the last
/// <see cref="CandidacyFinding.ClearsOn"/> date, given only when every relative or washout finding is time-limited.
/// </summary>
public sealed record CandidacyResult(
    CandidacyVerdict Verdict,
    Reason Because,
    CandidacyBand? Band,
    IReadOnlyList<CandidacyFinding> Findings,
    IReadOnlyList<string> MissingInformation,
    DateOnly? EarliestEligibleDate,
    DateOnly AssessedFor,
    string RulesVersion);

/// <summary>A clinician's documented override of the relative findings of an assessment, and what it overrode.</summary>
public sealed record CandidacyOverride(
    CandidacyVerdict Verdict,
    CandidacyResult Original,
    IReadOnlyList<CandidacyFinding> Overridden,
    string OverriddenBy,
    string OverrideReason,
    DateOnly OverriddenOn);

/// <summary>Either the override or the reasons it was refused.</summary>
public sealed record CandidacyOverrideOutcome(CandidacyOverride? Override, IReadOnlyList<RuleInputError> Errors)
{
    public bool Succeeded => Override is not null;
}

namespace Talus.Clinical.Instruments;

/// <summary>One entered number: NRS, VAS, PGA, PROMIS PF T-score or SANE.</summary>
public sealed record SingleValueEntry(InstrumentId Instrument, decimal Value);

/// <summary>Single-number measures (SPEC §3.4, §3.6, §4.2); each has one subscale named <see cref="Subscale"/>.</summary>
public static class SingleValueMeasures
{
    public const string Subscale = "Score";

    /// <summary>NRS pain 0–10, whole numbers, 0 = no pain, 10 = worst imaginable (SPEC §3.4); MCID 2 points (SPEC §3.7).</summary>
    public static InstrumentDefinition NrsPain { get; } = Build(
        InstrumentId.NrsPain, "Pain numeric rating scale (NRS 0–10)", "Pain right now / average last week",
        0, 10, "No pain", "Worst pain imaginable", ScoreDirection.HigherIsWorse, 2m, LicenceStatus.PublicDomain, true,
        "SPEC §3.4");

    /// <summary>VAS pain 0–100 mm, decimals allowed (SPEC §3.4); MCID 20 mm (SPEC §3.7).</summary>
    public static InstrumentDefinition VasPain { get; } = Build(
        InstrumentId.VasPain, "Pain visual analogue scale (VAS 0–100 mm)", "Last week",
        0, 100, "No pain", "Worst pain imaginable", ScoreDirection.HigherIsWorse, 20m, LicenceStatus.PublicDomain, true,
        "SPEC §3.4");

    /// <summary>Patient global assessment 0–100: 0 = very well, 100 = very poor (SPEC §4.2); used by OMERACT-OARSI (SPEC §4.4).</summary>
    public static InstrumentDefinition PatientGlobalAssessment { get; } = Build(
        InstrumentId.PatientGlobalAssessment, "Patient global assessment (0–100)", "Considering everything, today",
        0, 100, "Very well", "Very poor", ScoreDirection.HigherIsWorse, null, LicenceStatus.PublicDomain, true,
        "SPEC §4.2, §4.4");

    /// <summary>PROMIS Physical Function T-score entered from an external CAT or short form (SPEC §3.6); MCID 5.0 (SPEC §3.7).</summary>
    public static InstrumentDefinition PromisPhysicalFunction { get; } = Build(
        InstrumentId.PromisPhysicalFunction, "PROMIS Physical Function T-score", "Per PROMIS form",
        10, 90, "Lower function", "Higher function", ScoreDirection.HigherIsBetter, 5.0m, LicenceStatus.Unverified, true,
        "SPEC §3.6; HealthMeasures");

    /// <summary>
    /// Single assessment numeric evaluation 0–100, higher = better. [GK]: not in SPEC; no MCID, never used for decisions.
    /// </summary>
    public static InstrumentDefinition Sane { get; } = Build(
        InstrumentId.Sane, "Single assessment numeric evaluation (SANE)", "Today",
        0, 100, "Worst", "Normal for you", ScoreDirection.HigherIsBetter, null, LicenceStatus.PublicDomain, false,
        "General knowledge [GK]");

    /// <summary>Range-checks an entered value and returns it as the score.</summary>
    public static ScoringResult Score(SingleValueEntry entry, InstrumentSettings settings)
    {
        var definition = entry.Instrument switch
        {
            InstrumentId.NrsPain => NrsPain,
            InstrumentId.VasPain => VasPain,
            InstrumentId.PatientGlobalAssessment => PatientGlobalAssessment,
            InstrumentId.PromisPhysicalFunction => PromisPhysicalFunction,
            InstrumentId.Sane => Sane,
            _ => null,
        };

        if (definition is null)
        {
            return ScoringResult.Invalid(entry.Instrument, "instrument", $"{entry.Instrument} is not a single-value measure.");
        }

        decimal minimum = definition.MinimumAnswer, maximum = definition.MaximumAnswer;
        if (entry.Instrument == InstrumentId.PromisPhysicalFunction)
        {
            minimum = settings.PromisTScoreMinimum;
            maximum = settings.PromisTScoreMaximum;
        }

        if (entry.Value < minimum || entry.Value > maximum)
        {
            return ScoringResult.Invalid(entry.Instrument, "value", $"{definition.Name}: {entry.Value} is outside {minimum}–{maximum}.");
        }

        // NRS is stored as an integer (SPEC §3.4).
        if (entry.Instrument == InstrumentId.NrsPain && decimal.Truncate(entry.Value) != entry.Value)
        {
            return ScoringResult.Invalid(entry.Instrument, "value", "NRS pain is a whole number from 0 to 10.");
        }

        IReadOnlyList<Reason> reasons = definition.UsedForResponderDecisions
            ? []
            : [new Reason(
                "PROM-NOT-FOR-DECISIONS",
                $"{definition.Name} is recorded for information only; it has no MCID and is not used for responder decisions [GK].",
                "This score is kept for your record only.",
                definition.Source)];

        return new ScoringResult(entry.Instrument, [new SubscaleScore(Subscale, entry.Value, 1, 1, null)], [], reasons);
    }

    private static InstrumentDefinition Build(
        InstrumentId id, string name, string recall, int minimum, int maximum, string lowLabel, string highLabel,
        ScoreDirection direction, decimal? mcid, LicenceStatus licence, bool forDecisions, string source) =>
        new(
            id,
            name,
            recall,
            [new InstrumentItem(id.ToString(), name, Subscale, [new AnswerAnchor(minimum, lowLabel), new AnswerAnchor(maximum, highLabel)])],
            [new SubscaleDefinition(Subscale, name, 1, 1, mcid)],
            minimum,
            maximum,
            direction,
            HigherAnswerIsWorse: direction == ScoreDirection.HigherIsWorse,
            ScoringRule.SingleValue,
            licence,
            forDecisions,
            source);
}

namespace Talus.Clinical.Instruments;

/// <summary>The patient-reported and clinician-rated measures the program captures (SPEC §3).</summary>
public enum InstrumentId
{
    Faos,
    FaamAdl,
    FaamSports,
    Moxfq,
    NrsPain,
    VasPain,
    PatientGlobalAssessment,
    PromisPhysicalFunction,
    Sane,
    AofasAnkleHindfoot,
}

/// <summary>Which end of a scale is the good end.</summary>
public enum ScoreDirection
{
    HigherIsBetter,
    HigherIsWorse,
}

/// <summary>How raw answers become a subscale score.</summary>
public enum ScoringRule
{
    /// <summary>FAOS: 100 - 25 x mean answered item (SPEC §3.1).</summary>
    HundredMinusTwentyFiveTimesMean,
    /// <summary>FAAM: sum / (4 x answered, N/A excluded) x 100 (SPEC §3.2).</summary>
    PercentOfAnsweredMaximum,
    /// <summary>MOXFQ: sum x 100 / (4 x items in domain) (SPEC §3.3).</summary>
    PercentOfDomainMaximum,
    /// <summary>One entered number, range-checked (NRS, VAS, PGA, PROMIS T-score, SANE).</summary>
    SingleValue,
    /// <summary>Sum of component points (AOFAS, SPEC §3.5).</summary>
    PointsSum,
}

/// <summary>Whether the practice may use the instrument without a licence (SPEC §3.8).</summary>
public enum LicenceStatus
{
    Free,
    PublicDomain,
    LicenceRequired,
    Unverified,
}

/// <summary>One answer box: the stored value and the short label shown beside it.</summary>
public sealed record AnswerAnchor(int Value, string Label);

/// <summary>
/// One question. <see cref="ShortLabel"/> is our own wording for staff screens and is not the official
/// patient-facing text, which a form renderer loads from the instrument's official form.
/// </summary>
public sealed record InstrumentItem(
    string Key,
    string ShortLabel,
    string SubscaleKey,
    IReadOnlyList<AnswerAnchor> Anchors,
    bool AllowsNotApplicable = false)
{
    /// <summary>Stored answer meaning "not applicable" (FAAM: limited by something other than the foot or ankle).</summary>
    public const int NotApplicable = -1;
}

/// <summary>
/// One subscale (domain); its items are those whose <see cref="InstrumentItem.SubscaleKey"/> equals <see cref="Key"/>.
/// <see cref="LegacyMinimumAnswered"/> is only set for FAOS (1998 rule, SPEC §3.1).
/// </summary>
public sealed record SubscaleDefinition(
    string Key,
    string Name,
    int ItemCount,
    int MinimumAnswered,
    decimal? McidDefault,
    int? LegacyMinimumAnswered = null);

/// <summary>
/// An instrument described once, as data: it drives both scoring and the patient form renderer.
/// <see cref="Direction"/> is the direction of the score; <see cref="HigherAnswerIsWorse"/> the direction of a
/// single item's answer (FAOS items: 4 = extreme, yet the FAOS score is higher = better).
/// </summary>
public sealed record InstrumentDefinition(
    InstrumentId Id,
    string Name,
    string RecallPeriod,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<SubscaleDefinition> Subscales,
    int MinimumAnswer,
    int MaximumAnswer,
    ScoreDirection Direction,
    bool HigherAnswerIsWorse,
    ScoringRule Rule,
    LicenceStatus Licence,
    bool UsedForResponderDecisions,
    string Source)
{
    /// <summary>Position of an item in the answer array, or -1 when the key is not part of this instrument.</summary>
    /// <remarks>A linear scan: the keyed overloads are a convenience; the hot path takes answers by position.</remarks>
    public int PositionOf(string itemKey)
    {
        for (var i = 0; i < Items.Count; i++)
        {
            if (string.Equals(Items[i].Key, itemKey, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The subscale with the given key, or null.</summary>
    public SubscaleDefinition? SubscaleOf(string subscaleKey)
    {
        foreach (var s in Subscales)
        {
            if (string.Equals(s.Key, subscaleKey, StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }
        }

        return null;
    }
}

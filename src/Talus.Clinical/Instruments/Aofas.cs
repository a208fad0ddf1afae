namespace Talus.Clinical.Instruments;

/// <summary>AOFAS ankle-hindfoot component points as recorded on the legacy form (SPEC §3.5).</summary>
public sealed record AofasAnkleHindfootEntry(
    int Pain,
    int ActivityLimitation,
    int MaximumWalkingDistance,
    int WalkingSurfaces,
    int GaitAbnormality,
    int SagittalMotion,
    int HindfootMotion,
    int AnkleHindfootStability,
    int Alignment);

/// <summary>
/// AOFAS Ankle-Hindfoot Scale (100 points): optional legacy capture only; the AOFAS itself advises against it,
/// so it is never used for responder decisions (SPEC §3.5, §10 #15; Kitaoka 1994).
/// </summary>
public static class Aofas
{
    public const string Pain = "Pain";
    public const string Function = "Function";
    public const string Alignment = "Alignment";
    public const string Total = "Total";

    private const string Source = "SPEC §3.5; Kitaoka 1994 (Foot Ankle Int 15:349) [GK sub-items]";

    // Component maxima: pain 40; function 10+5+5+8+8+6+8 = 50; alignment 10 (SPEC §3.5).
    private static readonly (string Key, string Label, string Group, int Max)[] Components =
    [
        ("PAIN", "Pain", Pain, 40),
        ("ACTIVITY", "Activity limitation and support", Function, 10),
        ("DISTANCE", "Maximum walking distance", Function, 5),
        ("SURFACES", "Walking surfaces", Function, 5),
        ("GAIT", "Gait abnormality", Function, 8),
        ("SAGITTAL", "Sagittal motion", Function, 8),
        ("HINDFOOT", "Hindfoot motion", Function, 6),
        ("STABILITY", "Ankle-hindfoot stability", Function, 8),
        ("ALIGNMENT", "Alignment (clinician)", Alignment, 10),
    ];

    /// <summary>The AOFAS components as data (anchors are 0 and the component maximum).</summary>
    public static InstrumentDefinition Definition { get; } = new(
        InstrumentId.AofasAnkleHindfoot,
        "AOFAS Ankle-Hindfoot Scale (legacy)",
        "Current",
        Array.ConvertAll(Components, c => new InstrumentItem(c.Key, c.Label, c.Group, [new AnswerAnchor(0, "0"), new AnswerAnchor(c.Max, c.Max.ToString(System.Globalization.CultureInfo.InvariantCulture))])),
        [
            new(Pain, "Pain", 1, 1, null),
            new(Function, "Function", 7, 7, null),
            new(Alignment, "Alignment", 1, 1, null),
        ],
        MinimumAnswer: 0,
        MaximumAnswer: 40,
        Direction: ScoreDirection.HigherIsBetter,
        HigherAnswerIsWorse: false,
        Rule: ScoringRule.PointsSum,
        Licence: LicenceStatus.Unverified,
        UsedForResponderDecisions: false,
        Source: Source);

    /// <summary>Totals the components after checking each against its maximum.</summary>
    public static ScoringResult Score(AofasAnkleHindfootEntry entry)
    {
        int[] points =
        [
            entry.Pain, entry.ActivityLimitation, entry.MaximumWalkingDistance, entry.WalkingSurfaces, entry.GaitAbnormality,
            entry.SagittalMotion, entry.HindfootMotion, entry.AnkleHindfootStability, entry.Alignment,
        ];
        string[] fields =
        [
            "pain", "activityLimitation", "maximumWalkingDistance", "walkingSurfaces", "gaitAbnormality",
            "sagittalMotion", "hindfootMotion", "ankleHindfootStability", "alignment",
        ];

        var errors = new List<ValidationError>();
        int pain = 0, function = 0, alignment = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var (_, label, group, max) = Components[i];
            if (points[i] < 0 || points[i] > max)
            {
                errors.Add(new ValidationError(fields[i], $"{label}: {points[i]} is outside 0–{max} points."));
                continue;
            }

            switch (group)
            {
                case Pain: pain += points[i]; break;
                case Function: function += points[i]; break;
                default: alignment += points[i]; break;
            }
        }

        if (errors.Count > 0)
        {
            return ScoringResult.Invalid(InstrumentId.AofasAnkleHindfoot, errors);
        }

        return new ScoringResult(
            InstrumentId.AofasAnkleHindfoot,
            [
                new SubscaleScore(Pain, pain, 1, 1, null),
                new SubscaleScore(Function, function, 7, 7, null),
                new SubscaleScore(Alignment, alignment, 1, 1, null),
                new SubscaleScore(Total, pain + function + alignment, 9, 9, null),
            ],
            [],
            [new Reason(
                "AOFAS-LEGACY",
                "AOFAS is captured as optional legacy data only: unvalidated, mixes patient and clinician items, and the AOFAS advises against it; not used for responder decisions.",
                "This older score is kept for your record; it is not used to judge how well the treatment worked.",
                Source)]);
    }
}

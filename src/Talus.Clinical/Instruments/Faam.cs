namespace Talus.Clinical.Instruments;

/// <summary>
/// Foot and Ankle Ability Measure: ADL (21 items) and Sports (8 items) are separate instruments;
/// 4 = no difficulty … 0 = unable, N/A allowed and excluded; higher = better (SPEC §3.2; Martin 2005).
/// Item short labels are our own words [GK]: load the official wording from the FAAM form.
/// </summary>
public static class Faam
{
    public const string AdlSubscale = "Adl";
    public const string SportsSubscale = "Sports";

    private static readonly AnswerAnchor[] Difficulty =
    [
        new(4, "No difficulty"),
        new(3, "Slight difficulty"),
        new(2, "Moderate difficulty"),
        new(1, "Extreme difficulty"),
        new(0, "Unable to do"),
    ];

    private static readonly string[] AdlLabels =
    [
        "Standing", "Walking on even ground", "Walking on even ground without shoes", "Walking up hills",
        "Walking down hills", "Going up stairs", "Going down stairs", "Walking on uneven ground",
        "Stepping up and down curbs", "Squatting", "Coming up on the toes", "First steps of walking",
        "Walking up to 5 minutes", "Walking about 10 minutes", "Walking 15 minutes or more",
        "Home duties", "Everyday activities", "Personal care", "Light to moderate work", "Heavy work",
        "Leisure activities",
    ];

    private static readonly string[] SportsLabels =
    [
        "Running", "Jumping", "Landing", "Starting and stopping quickly", "Cutting and sideways moves",
        "Low-impact activities", "Using usual technique", "Playing own sport as long as wished",
    ];

    /// <summary>FAAM ADL: valid only with at least 19 of 21 items answered (SPEC §3.2, 90% rule); MCID 8 (SPEC §3.7).</summary>
    public static InstrumentDefinition Adl { get; } = Build(
        InstrumentId.FaamAdl, "FAAM Activities of Daily Living", "ADL", AdlSubscale, AdlLabels, minimumAnswered: 19, mcid: 8m);

    /// <summary>FAAM Sports: valid only with at least 7 of 8 items answered (SPEC §3.2); MCID 9 (SPEC §3.7).</summary>
    public static InstrumentDefinition Sports { get; } = Build(
        InstrumentId.FaamSports, "FAAM Sports", "SPT", SportsSubscale, SportsLabels, minimumAnswered: 7, mcid: 9m);

    /// <summary>Scores FAAM ADL (21 answers in form order; null = blank, <see cref="InstrumentItem.NotApplicable"/> = N/A).</summary>
    public static ScoringResult ScoreAdl(int?[] answers) => ItemScoring.Score(Adl, answers, FaosMissingRule.Koos2012HalfAnswered);

    /// <summary>Scores FAAM Sports (8 answers in form order).</summary>
    public static ScoringResult ScoreSports(int?[] answers) => ItemScoring.Score(Sports, answers, FaosMissingRule.Koos2012HalfAnswered);

    private static InstrumentDefinition Build(
        InstrumentId id, string name, string keyPrefix, string subscale, string[] labels, int minimumAnswered, decimal mcid)
    {
        var items = new InstrumentItem[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            items[i] = new InstrumentItem(keyPrefix + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), labels[i], subscale, Difficulty, AllowsNotApplicable: true);
        }

        return new InstrumentDefinition(
            id,
            name,
            "Last week",
            items,
            [new SubscaleDefinition(subscale, name, labels.Length, minimumAnswered, mcid)],
            MinimumAnswer: 0,
            MaximumAnswer: 4,
            Direction: ScoreDirection.HigherIsBetter,
            HigherAnswerIsWorse: false,
            Rule: ScoringRule.PercentOfAnsweredMaximum,
            Licence: LicenceStatus.Free,
            UsedForResponderDecisions: true,
            Source: "SPEC §3.2; Martin 2005 (Foot Ankle Int 26:968)");
    }
}

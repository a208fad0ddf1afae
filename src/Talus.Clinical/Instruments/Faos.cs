namespace Talus.Clinical.Instruments;

/// <summary>FAOS missing-item rule; the FAOS guide's adoption of the KOOS 2012 rule is unconfirmed (SPEC §3.1, §10 #1).</summary>
public enum FaosMissingRule
{
    /// <summary>At least half of a subscale's items answered (KOOS scoring 2012).</summary>
    Koos2012HalfAnswered,
    /// <summary>At most two items missing per subscale (FAOS/KOOS 1998 guide).</summary>
    Legacy1998MaxTwoMissing,
}

/// <summary>
/// Foot and Ankle Outcome Score: 42 items, five subscales, 0 = no problem … 4 = extreme, each subscale
/// normalised so 100 = no symptoms; there is no total score (SPEC §3.1; Roos 2001).
/// Answers are stored in form order: S1–S7, P1–P9, A1–A17, SP1–SP5, Q1–Q4.
/// </summary>
public static class Faos
{
    public const string Symptoms = "Symptoms";
    public const string Pain = "Pain";
    public const string Adl = "Adl";
    public const string SportRec = "SportRec";
    public const string Qol = "Qol";
    public const int ItemCount = 42;

    private static readonly AnswerAnchor[] NoneToExtreme = Anchors("None", "Mild", "Moderate", "Severe", "Extreme");
    private static readonly AnswerAnchor[] NeverToAlways = Anchors("Never", "Rarely", "Sometimes", "Often", "Always");
    // S4–S5 ask about moving fully, so "Always" is the good end; the boxes are already ordered 0 = best (SPEC §3.1).
    private static readonly AnswerAnchor[] AlwaysToNever = Anchors("Always", "Often", "Sometimes", "Rarely", "Never");
    private static readonly AnswerAnchor[] PainFrequency = Anchors("Never", "Monthly", "Weekly", "Daily", "Always");
    private static readonly AnswerAnchor[] AwarenessFrequency = Anchors("Never", "Monthly", "Weekly", "Daily", "Constantly");
    private static readonly AnswerAnchor[] NotAtAllToTotally = Anchors("Not at all", "Mildly", "Moderately", "Severely", "Totally");
    private static readonly AnswerAnchor[] NotAtAllToExtremely = Anchors("Not at all", "Mildly", "Moderately", "Severely", "Extremely");

    /// <summary>The FAOS as data. Short labels are our own words (SPEC §3.1: load official wording from koos.nu).</summary>
    public static InstrumentDefinition Definition { get; } = new(
        InstrumentId.Faos,
        "Foot and Ankle Outcome Score (FAOS)",
        "Last week",
        [
            new("S1", "Swelling", Symptoms, NeverToAlways),
            new("S2", "Grinding, clicking or noise", Symptoms, NeverToAlways),
            new("S3", "Catching or hanging up", Symptoms, NeverToAlways),
            new("S4", "Can straighten fully", Symptoms, AlwaysToNever),
            new("S5", "Can bend fully", Symptoms, AlwaysToNever),
            new("S6", "Stiffness on first waking", Symptoms, NoneToExtreme),
            new("S7", "Stiffness later in the day after rest", Symptoms, NoneToExtreme),
            new("P1", "How often pain is felt", Pain, PainFrequency),
            new("P2", "Pain twisting or pivoting", Pain, NoneToExtreme),
            new("P3", "Pain straightening fully", Pain, NoneToExtreme),
            new("P4", "Pain bending fully", Pain, NoneToExtreme),
            new("P5", "Pain walking on a flat surface", Pain, NoneToExtreme),
            new("P6", "Pain on stairs", Pain, NoneToExtreme),
            new("P7", "Pain at night in bed", Pain, NoneToExtreme),
            new("P8", "Pain sitting or lying", Pain, NoneToExtreme),
            new("P9", "Pain standing", Pain, NoneToExtreme),
            new("A1", "Going down stairs", Adl, NoneToExtreme),
            new("A2", "Going up stairs", Adl, NoneToExtreme),
            new("A3", "Getting up from sitting", Adl, NoneToExtreme),
            new("A4", "Standing", Adl, NoneToExtreme),
            new("A5", "Bending to the floor", Adl, NoneToExtreme),
            new("A6", "Walking on a flat surface", Adl, NoneToExtreme),
            new("A7", "Getting in or out of a car", Adl, NoneToExtreme),
            new("A8", "Going shopping", Adl, NoneToExtreme),
            new("A9", "Putting on socks", Adl, NoneToExtreme),
            new("A10", "Getting out of bed", Adl, NoneToExtreme),
            new("A11", "Taking off socks", Adl, NoneToExtreme),
            new("A12", "Lying in bed", Adl, NoneToExtreme),
            new("A13", "Getting in or out of the bath", Adl, NoneToExtreme),
            new("A14", "Sitting", Adl, NoneToExtreme),
            new("A15", "Getting on or off the toilet", Adl, NoneToExtreme),
            new("A16", "Heavy household work", Adl, NoneToExtreme),
            new("A17", "Light household work", Adl, NoneToExtreme),
            new("SP1", "Squatting", SportRec, NoneToExtreme),
            new("SP2", "Running", SportRec, NoneToExtreme),
            new("SP3", "Jumping", SportRec, NoneToExtreme),
            new("SP4", "Twisting or pivoting on the affected foot", SportRec, NoneToExtreme),
            new("SP5", "Kneeling", SportRec, NoneToExtreme),
            new("Q1", "How often aware of the problem", Qol, AwarenessFrequency),
            new("Q2", "Lifestyle changed to avoid harm", Qol, NotAtAllToTotally),
            new("Q3", "Lack of confidence in the foot", Qol, NotAtAllToExtremely),
            new("Q4", "Overall difficulty", Qol, NoneToExtreme),
        ],
        [
            // Minimum answered: KOOS 2012 (>= 50%) and 1998 (<= 2 missing) columns of SPEC §3.1; MCID default 10 (SPEC §3.7).
            new(Symptoms, "Other symptoms", 7, MinimumAnswered: 4, McidDefault: 10m, LegacyMinimumAnswered: 5),
            new(Pain, "Pain", 9, MinimumAnswered: 5, McidDefault: 10m, LegacyMinimumAnswered: 7),
            new(Adl, "Function in daily living", 17, MinimumAnswered: 9, McidDefault: 10m, LegacyMinimumAnswered: 15),
            new(SportRec, "Sport and recreation", 5, MinimumAnswered: 3, McidDefault: 10m, LegacyMinimumAnswered: 3),
            new(Qol, "Foot and ankle quality of life", 4, MinimumAnswered: 2, McidDefault: 10m, LegacyMinimumAnswered: 2),
        ],
        MinimumAnswer: 0,
        MaximumAnswer: 4,
        Direction: ScoreDirection.HigherIsBetter,
        HigherAnswerIsWorse: true,
        Rule: ScoringRule.HundredMinusTwentyFiveTimesMean,
        Licence: LicenceStatus.Free,
        UsedForResponderDecisions: true,
        Source: "SPEC §3.1; Roos 2001 (Foot Ankle Int 22:788); KOOS scoring 2012");

    /// <summary>Scores a FAOS response given as 42 answers in form order (null = not answered).</summary>
    public static ScoringResult Score(int?[] answers, FaosMissingRule rule = FaosMissingRule.Koos2012HalfAnswered) =>
        ItemScoring.Score(Definition, answers, rule);

    internal static AnswerAnchor[] Anchors(params string[] labels)
    {
        var anchors = new AnswerAnchor[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            anchors[i] = new AnswerAnchor(i, labels[i]);
        }

        return anchors;
    }
}

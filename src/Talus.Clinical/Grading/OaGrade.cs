namespace Talus.Clinical;

/// <summary>Radiographic or clinical OA grading systems used for foot and ankle joints (SPEC §1).</summary>
public enum GradingSystem
{
    /// <summary>Kellgren–Lawrence 0–4, any synovial joint (SPEC §1.1).</summary>
    KellgrenLawrence,
    /// <summary>Takakura–Tanaka stages 1, 2, 3a, 3b, 4, ankle only (SPEC §1.2).</summary>
    Takakura,
    /// <summary>Coughlin–Shurnas hallux rigidus grades 0–4, first MTP only (SPEC §1.3).</summary>
    CoughlinShurnas,
    /// <summary>La Trobe foot atlas: osteophytes 0–3 and joint-space narrowing 0–3, midfoot and first MTP (SPEC §1.4).</summary>
    LaTrobe,
}

/// <summary>
/// One reader's grade of one joint on one date. Each system is stored as read and never converted
/// into another (SPEC §1.2). <see cref="Value"/> is "0".."4" for Kellgren–Lawrence and Coughlin–Shurnas,
/// "1", "2", "3a", "3b", "4" for Takakura, and "osteophytes/narrowing" such as "2/1" for La Trobe.
/// </summary>
public sealed record OaGrade(
    GradingSystem System,
    string Value,
    Joint Joint,
    Side Side,
    string Reader,
    DateOnly ReadOn,
    string DefinitionVersion)
{
    /// <summary>KL definition set stored with every KL grade: studies paraphrase KL 1–3 differently (SPEC §1.1, §10 #3).</summary>
    public const string KellgrenLawrence1957 = "KL1957-original";

    /// <summary>Takakura 1995 with the 3a/3b split of Tanaka 2006 (SPEC §1.2).</summary>
    public const string TakakuraTanaka2006 = "Takakura1995-Tanaka2006";

    /// <summary>Coughlin &amp; Shurnas 2003, grade 1 loss 20–50% (SPEC §1.3, §10 #2).</summary>
    public const string CoughlinShurnas2003 = "CoughlinShurnas2003";

    /// <summary>Menz et al. 2007 La Trobe foot atlas (SPEC §1.4).</summary>
    public const string LaTrobe2007 = "LaTrobe2007";

    public static OaGrade KellgrenLawrence(int grade, Joint joint, Side side, string reader, DateOnly readOn, string definitionVersion = KellgrenLawrence1957) =>
        new(GradingSystem.KellgrenLawrence, grade.ToString(), joint, side, reader, readOn, definitionVersion);

    public static OaGrade Takakura(string stage, Side side, string reader, DateOnly readOn, string definitionVersion = TakakuraTanaka2006) =>
        new(GradingSystem.Takakura, stage, Joint.Ankle, side, reader, readOn, definitionVersion);

    public static OaGrade CoughlinShurnas(int grade, Side side, string reader, DateOnly readOn, string definitionVersion = CoughlinShurnas2003) =>
        new(GradingSystem.CoughlinShurnas, grade.ToString(), Joint.FirstMtp, side, reader, readOn, definitionVersion);

    public static OaGrade LaTrobe(int osteophytes, int narrowing, Joint joint, Side side, string reader, DateOnly readOn, string definitionVersion = LaTrobe2007) =>
        new(GradingSystem.LaTrobe, $"{osteophytes}/{narrowing}", joint, side, reader, readOn, definitionVersion);
}

/// <summary>The three-band candidacy classifier of the target joint (SPEC §1.6).</summary>
public enum CandidacyBand
{
    /// <summary>No radiographic OA: work up other pain generators; not a candidate.</summary>
    NotIndicated,
    /// <summary>Some healthy cartilage remains: candidate if the other criteria pass.</summary>
    Favorable,
    /// <summary>Candidate only after documented shared decision-making; offer a surgical consult.</summary>
    Guarded,
    /// <summary>End-stage (bone-on-bone): not a good candidate; override needs a documented physician reason.</summary>
    Unfavorable,
}

/// <summary>
/// Where each system's bands start (SPEC §1.6, a [D] design default, so configurable). Grades are
/// compared as ordinals: KL and Coughlin–Shurnas 0–4; Takakura 1, 2, 3a = 3, 3b = 4, 4 = 5.
/// </summary>
public sealed record GradeBandSettings
{
    // SPEC §1.6: KL 1–2 Favorable, 3 Guarded, 4 Unfavorable (0 = NotIndicated).
    public int KellgrenLawrenceGuardedFrom { get; init; } = 3;
    public int KellgrenLawrenceUnfavorableFrom { get; init; } = 4;

    // SPEC §1.6: Takakura 1–2 Favorable, 3a Guarded, 3b and 4 Unfavorable.
    public string TakakuraGuardedFrom { get; init; } = "3a";
    public string TakakuraUnfavorableFrom { get; init; } = "3b";

    // SPEC §1.6: Coughlin–Shurnas 1–2 Favorable, 3 Guarded, 4 Unfavorable (0 = NotIndicated).
    public int CoughlinShurnasGuardedFrom { get; init; } = 3;
    public int CoughlinShurnasUnfavorableFrom { get; init; } = 4;
}

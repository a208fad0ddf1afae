namespace Talus.Clinical;

/// <summary>The band of the target joint and the grade that decided it; <see cref="Band"/> is null when no usable grade exists.</summary>
public sealed record TargetJointBand(
    CandidacyBand? Band,
    OaGrade? DecidingGrade,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<RuleInputError> RejectedGrades);

/// <summary>Validation of stored grades and their mapping to candidacy bands (SPEC §1.1–§1.6).</summary>
public static class OaGrading
{
    private const string BandSource = "SPEC §1.6 (candidacy band mapping [D]; KL II–III in most MSC RCTs)";

    /// <summary>
    /// Refuses a grade whose system does not apply to its joint (Takakura is ankle-only, Coughlin–Shurnas
    /// is first-MTP-only, La Trobe is midfoot and first MTP) or whose value is not a grade of that system.
    /// </summary>
    public static IReadOnlyList<RuleInputError> Validate(OaGrade grade)
    {
        var errors = new List<RuleInputError>(2);
        switch (grade.System)
        {
            case GradingSystem.Takakura when grade.Joint != Joint.Ankle:
                errors.Add(new(nameof(OaGrade.System), $"Takakura staging applies to the tibiotalar (ankle) joint only, not {grade.Joint} (SPEC §1.2)."));
                break;
            case GradingSystem.CoughlinShurnas when grade.Joint != Joint.FirstMtp:
                errors.Add(new(nameof(OaGrade.System), $"Coughlin–Shurnas grading applies to the first MTP joint only, not {grade.Joint} (SPEC §1.3)."));
                break;
            case GradingSystem.LaTrobe when grade.Joint is not (Joint.Midfoot or Joint.Talonavicular or Joint.FirstMtp):
                errors.Add(new(nameof(OaGrade.System), $"The La Trobe atlas scores midfoot joints and the first MTP only, not {grade.Joint} (SPEC §1.4)."));
                break;
        }

        if (grade.System == GradingSystem.LaTrobe)
        {
            if (!TryParseLaTrobe(grade.Value, out _, out _))
            {
                errors.Add(new(nameof(OaGrade.Value), $"La Trobe value '{grade.Value}' must be 'osteophytes/narrowing', each 0–3, e.g. '2/1' (SPEC §1.4)."));
            }
        }
        else if (Ordinal(grade.System, grade.Value) < 0)
        {
            errors.Add(new(nameof(OaGrade.Value), grade.System switch
            {
                GradingSystem.Takakura => $"Takakura stage '{grade.Value}' must be one of 1, 2, 3a, 3b, 4 (SPEC §1.2).",
                GradingSystem.CoughlinShurnas => $"Coughlin–Shurnas grade '{grade.Value}' must be 0–4 (SPEC §1.3).",
                _ => $"Kellgren–Lawrence grade '{grade.Value}' must be 0–4 (SPEC §1.1).",
            }));
        }

        if (string.IsNullOrWhiteSpace(grade.Reader))
        {
            errors.Add(new(nameof(OaGrade.Reader), "Record who read the images: grades are stored with their reader (SPEC §1.2)."));
        }

        if (string.IsNullOrWhiteSpace(grade.DefinitionVersion))
        {
            errors.Add(new(nameof(OaGrade.DefinitionVersion), "Record the definition set used, e.g. KL1957-original (SPEC §1.1)."));
        }

        return errors;
    }

    /// <summary>The band of one valid grade; null for La Trobe, which §1.6 does not map to a band.</summary>
    public static CandidacyBand? BandFor(OaGrade grade, GradeBandSettings settings)
    {
        var ordinal = Ordinal(grade.System, grade.Value);
        if (ordinal < 0)
        {
            return null;
        }

        return grade.System switch
        {
            GradingSystem.KellgrenLawrence => Band(ordinal, notIndicatedAt: 0, settings.KellgrenLawrenceGuardedFrom, settings.KellgrenLawrenceUnfavorableFrom),
            GradingSystem.CoughlinShurnas => Band(ordinal, notIndicatedAt: 0, settings.CoughlinShurnasGuardedFrom, settings.CoughlinShurnasUnfavorableFrom),
            // Takakura has no stage 0: every stage describes OA (SPEC §1.6 "— (no OA)").
            GradingSystem.Takakura => Band(ordinal, notIndicatedAt: -1,
                Ordinal(GradingSystem.Takakura, settings.TakakuraGuardedFrom),
                Ordinal(GradingSystem.Takakura, settings.TakakuraUnfavorableFrom)),
            _ => null,
        };
    }

    /// <summary>
    /// The band of the target joint from its worst grade only (SPEC §1.4 [D]); grades of other joints or
    /// the other side are ignored. Systems are never converted into each other (SPEC §1.2): each system's
    /// worst grade is banded on its own scale and the most severe band wins, because readers disagree
    /// (PRIMA: Takakura I yet KL III) and the cautious reading protects the patient.
    /// </summary>
    public static TargetJointBand ForTargetJoint(IReadOnlyList<OaGrade> grades, Joint joint, Side side, GradeBandSettings settings)
    {
        CandidacyBand? worstBand = null;
        OaGrade? deciding = null;
        List<RuleInputError>? rejected = null;
        var reasons = new List<Reason>(2);
        for (var i = 0; i < grades.Count; i++)
        {
            var grade = grades[i];
            if (grade.Joint != joint || grade.Side != side)
            {
                continue;
            }

            var errors = Validate(grade);
            if (errors.Count > 0)
            {
                (rejected ??= []).AddRange(errors);
                continue;
            }

            var band = BandFor(grade, settings);
            if (band is null)
            {
                reasons.Add(new("G-LATROBE",
                    $"La Trobe score {grade.Value} recorded for information; it has no candidacy band, grade the joint with KL.",
                    "One of your X-ray scores is kept for the record but is not used to decide on the injection.",
                    "SPEC §1.4, §1.6"));
                continue;
            }

            if (worstBand is null || band > worstBand || (band == worstBand && grade.ReadOn > deciding!.ReadOn))
            {
                worstBand = band;
                deciding = grade;
            }
        }

        if (deciding is not null && worstBand is { } b)
        {
            reasons.Insert(0, new($"B-{b}",
                $"Target joint band {b} from {Describe(deciding)} (worst grade of the target joint).",
                b switch
                {
                    CandidacyBand.NotIndicated => "Your X-rays do not show arthritis in this joint, so the pain may come from somewhere else.",
                    CandidacyBand.Favorable => "Your X-rays show early arthritis with cartilage left, the stage these injections are studied in.",
                    CandidacyBand.Guarded => "Your X-rays show moderate arthritis; the injection may help less, and we will talk through the options, including surgery.",
                    _ => "Your X-rays show advanced arthritis with little cartilage left; surgery is usually the better option.",
                },
                BandSource));
        }

        return new(worstBand, deciding, reasons, (IReadOnlyList<RuleInputError>?)rejected ?? []);
    }

    /// <summary>Plain description of a grade, e.g. "KL 3 (KL1957-original, read by Dr Lee on 2025-03-01)".</summary>
    public static string Describe(OaGrade grade)
    {
        var system = grade.System switch
        {
            GradingSystem.KellgrenLawrence => "KL",
            GradingSystem.Takakura => "Takakura stage",
            GradingSystem.CoughlinShurnas => "Coughlin–Shurnas grade",
            _ => "La Trobe",
        };
        return $"{system} {grade.Value} ({grade.DefinitionVersion}, read by {grade.Reader} on {grade.ReadOn:yyyy-MM-dd})";
    }

    /// <summary>Position of a value on its own system's scale, or -1 when it is not a value of that system.</summary>
    public static int Ordinal(GradingSystem system, string value) => system switch
    {
        GradingSystem.KellgrenLawrence or GradingSystem.CoughlinShurnas => value switch
        {
            "0" => 0,
            "1" => 1,
            "2" => 2,
            "3" => 3,
            "4" => 4,
            _ => -1,
        },
        GradingSystem.Takakura => value switch
        {
            "1" => 1,
            "2" => 2,
            "3a" or "3A" => 3,
            "3b" or "3B" => 4,
            "4" => 5,
            _ => -1,
        },
        _ => -1,
    };

    /// <summary>La Trobe: OA present if osteophytes or narrowing score ≥ 2 (Menz 2007; SPEC §1.4).</summary>
    public static bool LaTrobeOaPresent(int osteophytes, int narrowing) => osteophytes >= 2 || narrowing >= 2;

    public static bool TryParseLaTrobe(string value, out int osteophytes, out int narrowing)
    {
        osteophytes = -1;
        narrowing = -1;
        if (value is not { Length: 3 } || value[1] != '/' || value[0] is < '0' or > '3' || value[2] is < '0' or > '3')
        {
            return false;
        }

        osteophytes = value[0] - '0';
        narrowing = value[2] - '0';
        return true;
    }

    private static CandidacyBand Band(int ordinal, int notIndicatedAt, int guardedFrom, int unfavorableFrom) =>
        ordinal == notIndicatedAt ? CandidacyBand.NotIndicated
        : ordinal >= unfavorableFrom ? CandidacyBand.Unfavorable
        : ordinal >= guardedFrom ? CandidacyBand.Guarded
        : CandidacyBand.Favorable;
}

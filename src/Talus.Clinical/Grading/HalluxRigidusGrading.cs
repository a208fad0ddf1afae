namespace Talus.Clinical;

/// <summary>Weight-bearing AP + lateral findings of the first MTP, by the Coughlin–Shurnas grade they describe (SPEC §1.3).</summary>
public enum HalluxRadiograph
{
    /// <summary>Normal.</summary>
    Normal = 0,
    /// <summary>Dorsal osteophyte is the main finding; minimal narrowing, sclerosis, flattening of MT head.</summary>
    DorsalOsteophyteMinimalNarrowing = 1,
    /// <summary>Dorsal, lateral ± medial osteophytes; ≤ ¼ of dorsal joint space involved; mild–moderate narrowing and sclerosis.</summary>
    OsteophytesUpToQuarterDorsalSpace = 2,
    /// <summary>Substantial narrowing, possible cysts, &gt; ¼ of dorsal joint space involved, sesamoids enlarged/cystic/irregular.</summary>
    SubstantialNarrowingOverQuarterDorsalSpace = 3,
}

/// <summary>Pain and stiffness on examination, by the Coughlin–Shurnas grade they describe (SPEC §1.3).</summary>
public enum HalluxClinicalFinding
{
    /// <summary>No pain; only stiffness / loss of motion on exam.</summary>
    StiffnessWithoutPain = 0,
    /// <summary>Mild or occasional pain and stiffness; pain at extremes of dorsiflexion and/or plantarflexion.</summary>
    MildPainAtExtremes = 1,
    /// <summary>Moderate–severe pain and stiffness, may be constant; pain just before maximum dorsiflexion and plantarflexion.</summary>
    ModerateToSeverePainBeforeMaximum = 2,
    /// <summary>Nearly constant pain and substantial stiffness at extremes of range of motion.</summary>
    NearlyConstantPainAtExtremes = 3,
}

/// <summary>Examination and radiograph findings of a first MTP joint; at least one motion measure is needed.</summary>
public sealed record HalluxFindings(
    decimal? DorsiflexionDegrees,
    decimal? MotionLossPercent,
    HalluxRadiograph Radiograph,
    HalluxClinicalFinding Clinical,
    bool PainAtMidRangeOfPassiveMotion);

/// <summary>A derived Coughlin–Shurnas grade with the grade each finding pointed to.</summary>
public sealed record HalluxRigidusGrade(int? Grade, IReadOnlyList<Reason> Reasons, IReadOnlyList<RuleInputError> Errors);

/// <summary>Coughlin–Shurnas grade from findings (Coughlin &amp; Shurnas, JBJS Am 2003;85:2072–2088; SPEC §1.3).</summary>
public static class HalluxRigidusGrading
{
    private const string Source = "SPEC §1.3 (Coughlin & Shurnas, J Bone Joint Surg Am 2003;85(11):2072–2088)";

    /// <summary>
    /// The grade is the highest grade whose criteria are met (SPEC §1.3): each finding (dorsiflexion,
    /// loss versus the normal side, radiograph, clinical picture) points to a grade and the highest wins.
    /// Where the published ranges touch (30°, 20%…) the value belongs to the higher grade for the same reason.
    /// Grade 4 is grade 3 plus definite pain at mid-range of passive motion.
    /// </summary>
    public static HalluxRigidusGrade Derive(HalluxFindings findings)
    {
        var errors = new List<RuleInputError>();
        if (findings.DorsiflexionDegrees is null && findings.MotionLossPercent is null)
        {
            errors.Add(new(nameof(HalluxFindings.DorsiflexionDegrees), "Record dorsiflexion in degrees or the percentage loss versus the normal side (SPEC §1.3)."));
        }

        if (findings.DorsiflexionDegrees is < 0 or > 120)
        {
            errors.Add(new(nameof(HalluxFindings.DorsiflexionDegrees), "Dorsiflexion must be between 0 and 120 degrees."));
        }

        if (findings.MotionLossPercent is < 0 or > 100)
        {
            errors.Add(new(nameof(HalluxFindings.MotionLossPercent), "Loss of motion must be between 0 and 100 percent."));
        }

        if (errors.Count > 0)
        {
            return new(null, [], errors);
        }

        var reasons = new List<Reason>(5);
        var grade = 0;
        if (findings.DorsiflexionDegrees is { } df)
        {
            // SPEC §1.3: 40–60° grade 0; 30–40° grade 1; 10–30° grade 2; ≤ 10° grade 3.
            var g = df <= 10m ? 3 : df <= 30m ? 2 : df <= 40m ? 1 : 0;
            reasons.Add(Finding($"CS-DF{g}", $"Dorsiflexion {df}° meets grade {g}."));
            grade = Math.Max(grade, g);
        }

        if (findings.MotionLossPercent is { } loss)
        {
            // SPEC §1.3: loss 10–20% grade 0; 20–50% grade 1 (not 20–60%, §10 #2); 50–75% grade 2; 75–100% grade 3.
            var g = loss >= 75m ? 3 : loss >= 50m ? 2 : loss >= 20m ? 1 : 0;
            reasons.Add(Finding($"CS-LOSS{g}", $"Loss of motion {loss}% versus the normal side meets grade {g}."));
            grade = Math.Max(grade, g);
        }

        var radiograph = (int)findings.Radiograph;
        reasons.Add(Finding($"CS-XR{radiograph}", $"Radiographic findings meet grade {radiograph}."));
        grade = Math.Max(grade, radiograph);

        var clinical = (int)findings.Clinical;
        reasons.Add(Finding($"CS-CLIN{clinical}", $"Clinical findings meet grade {clinical}."));
        grade = Math.Max(grade, clinical);

        if (findings.PainAtMidRangeOfPassiveMotion)
        {
            if (grade == 3)
            {
                grade = 4;
                reasons.Add(Finding("CS-MIDRANGE", "Grade 3 findings plus definite pain at mid-range of passive motion: grade 4."));
            }
            else
            {
                reasons.Add(Finding("CS-MIDRANGE-CHECK",
                    $"Pain at mid-range recorded without grade 3 findings (grade {grade}); grade 4 needs both. Re-check the examination and radiographs."));
            }
        }

        return new(grade, reasons, []);
    }

    private static Reason Finding(string code, string clinicianText) =>
        new(code, clinicianText, "This is one of the findings used to grade the arthritis in your big toe joint.", Source);
}

namespace Talus.Clinical;

public enum ImageGuidance
{
    None,
    Ultrasound,
    Fluoroscopy,
}

/// <summary>CPT size class of a joint for arthrocentesis/injection codes 2060x (SPEC §1.5).</summary>
public enum JointSizeClass
{
    Small,
    Intermediate,
}

/// <summary>
/// Size class per joint. Ankle (intermediate) and first MTP (small) are named in CPT [C]; the others are not
/// named and follow payer policy [GK], so they are settings.
/// </summary>
public sealed record ProcedureCodingSettings
{
    public JointSizeClass Ankle { get; init; } = JointSizeClass.Intermediate;
    // SPEC §1.5 [GK]: subtalar commonly reported as intermediate
    public JointSizeClass Subtalar { get; init; } = JointSizeClass.Intermediate;
    // SPEC §1.5 [GK]: Chopart joints small or intermediate by payer policy; intermediate like the subtalar joint
    public JointSizeClass Talonavicular { get; init; } = JointSizeClass.Intermediate;
    public JointSizeClass Calcaneocuboid { get; init; } = JointSizeClass.Intermediate;
    // SPEC §1.5 [GK]: midfoot usually small
    public JointSizeClass Midfoot { get; init; } = JointSizeClass.Small;
    public JointSizeClass FirstMtp { get; init; } = JointSizeClass.Small;

    public JointSizeClass For(Joint joint) => joint switch
    {
        Joint.Ankle => Ankle,
        Joint.Subtalar => Subtalar,
        Joint.Talonavicular => Talonavicular,
        Joint.Calcaneocuboid => Calcaneocuboid,
        Joint.Midfoot => Midfoot,
        _ => FirstMtp,
    };
}

/// <summary>
/// CPT/HCPCS codes for a foot or ankle injection (SPEC §8.2). Codes and our own short notes only: CPT
/// descriptors are AMA-copyrighted and need a licence to display.
/// </summary>
public static class ProcedureCoding
{
    public const string CptSystem = "CPT";
    private const string Source = "SPEC §8.2";

    /// <param name="drug">For a corticosteroid injection, the drug and the dose per joint: it is coded with its J-code (SPEC §8.2).</param>
    public static CodeSelection Select(Joint joint, InjectionProduct product, ImageGuidance guidance, CodingLaterality laterality, ProcedureCodingSettings settings,
        CorticosteroidDose? drug = null)
    {
        if (laterality == CodingLaterality.Unknown)
        {
            return new([], [new(nameof(laterality), "Record which side is injected: a procedure is always coded with its side.")]);
        }

        CodeSelection? drugCodes = null;
        if (product == InjectionProduct.Corticosteroid)
        {
            drugCodes = DrugCoding.Select(drug, laterality == CodingLaterality.Bilateral ? 2 : 1);
            if (drugCodes.Errors.Count > 0)
            {
                return new([], drugCodes.Errors);
            }
        }

        var sides = laterality == CodingLaterality.Bilateral ? new[] { CodingLaterality.Right, CodingLaterality.Left } : [laterality];
        var codes = new List<CodeChoice>(4);
        foreach (var side in sides)
        {
            var modifier = Modifier(joint, side);
            if (product == InjectionProduct.PlateletRichPlasma)
            {
                codes.Add(new(CptSystem, "0232T", modifier, "PRP injection, all-inclusive (Category III)",
                    Why("CPT-0232T", "PRP: 0232T includes image guidance, harvest and preparation; do not add 2060x, 76942 or 77002 for the same site. Category III: no RVUs, usually not covered.")));
                continue;
            }

            if (InjectionProducts.IsCellBased(product))
            {
                codes.Add(new(CptSystem, "20999", modifier, "Unlisted musculoskeletal procedure: cell-based harvest and injection, foot/ankle",
                    Why("CPT-20999", "Cell-based injection of the foot/ankle has no specific code: report unlisted 20999 with a description of harvest, processing, guidance and injection. " +
                        "Not 0565T/0566T (knee only), not 38220–38222 (diagnostic marrow), not 38230/38232 (transplant), not 20939 (spine).")));
                continue;
            }

            // Corticosteroid or HA: the drug itself is billed with its HCPCS J-code (steroids: DrugCoding, SPEC §8.2).
            var size = settings.For(joint);
            var small = size == JointSizeClass.Small;
            switch (guidance)
            {
                case ImageGuidance.Ultrasound:
                    codes.Add(new(CptSystem, small ? "20604" : "20606", modifier, $"{size} joint injection with ultrasound guidance",
                        Why(small ? "CPT-20604" : "CPT-20606", $"{joint} is coded as a {size.ToString().ToLowerInvariant()} joint; ultrasound guidance is included, so 76942 is never added.")));
                    break;
                case ImageGuidance.Fluoroscopy:
                    codes.Add(new(CptSystem, small ? "20600" : "20605", modifier, $"{size} joint injection without ultrasound guidance",
                        Why(small ? "CPT-20600" : "CPT-20605", $"{joint} is coded as a {size.ToString().ToLowerInvariant()} joint; fluoroscopy is reported separately.")));
                    codes.Add(new(CptSystem, "77002", null, "Fluoroscopic guidance for needle placement",
                        Why("CPT-77002", "77002 accompanies the non-ultrasound codes 20600/20605 only [GK].")));
                    break;
                default:
                    codes.Add(new(CptSystem, small ? "20600" : "20605", modifier, $"{size} joint injection without imaging guidance",
                        Why(small ? "CPT-20600" : "CPT-20605", $"{joint} is coded as a {size.ToString().ToLowerInvariant()} joint.")));
                    break;
            }
        }

        // The drug once for the claim (both sides' dose together), after the administration lines.
        codes.AddRange(drugCodes?.Codes ?? []);
        return new(codes, []);
    }

    /// <summary>Combinations SPEC §8.2 forbids in one foot/ankle injection claim (every <see cref="Joint"/> is foot or ankle); empty when clean.</summary>
    public static IReadOnlyList<Reason> Check(IReadOnlyList<string> codes)
    {
        var problems = new List<Reason>();
        bool Has(string c) => codes.Contains(c);
        if (Has("76942") && (Has("20604") || Has("20606") || Has("20611")))
        {
            problems.Add(Why("CPT-NO-76942", "76942 is not reported with 20604/20606/20611: ultrasound guidance is included."));
        }

        if (Has("77002") && (Has("20604") || Has("20606")))
        {
            problems.Add(Why("CPT-NO-77002-US", "77002 goes only with the non-ultrasound codes 20600/20605, not with 20604/20606."));
        }

        if (Has("0232T") && (Has("20600") || Has("20604") || Has("20605") || Has("20606") || Has("76942") || Has("77002")))
        {
            problems.Add(Why("CPT-0232T-ALL", "0232T is all-inclusive: no 2060x, 76942 or 77002 for the same site."));
        }

        if (Has("0565T") || Has("0566T"))
        {
            problems.Add(Why("CPT-KNEE-ONLY", "0565T/0566T are for the knee only; report 20999 for the foot and ankle."));
        }

        if (Has("20610") || Has("20611"))
        {
            problems.Add(Why("CPT-MAJOR-JOINT", "20610/20611 are major-joint codes (shoulder, hip, knee), not for the foot or ankle."));
        }

        if (Has("38220") || Has("38221") || Has("38222"))
        {
            problems.Add(Why("CPT-DIAGNOSTIC-MARROW", "38220–38222 are diagnostic marrow procedures, not a therapeutic BMAC harvest [GK]."));
        }

        return problems;
    }

    /// <summary>HCPCS level II side modifiers [GK]: T5/TA for the right/left great toe, RT/LT otherwise.</summary>
    private static string Modifier(Joint joint, CodingLaterality side) => joint == Joint.FirstMtp
        ? (side == CodingLaterality.Right ? "T5" : "TA")
        : (side == CodingLaterality.Right ? "RT" : "LT");

    private static Reason Why(string code, string text) =>
        new(code, text, "This is the billing code for the procedure.", Source);
}

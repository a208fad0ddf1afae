namespace Talus.Clinical;

/// <summary>The type of OA as documented by the clinician (SPEC §8.1).</summary>
public enum OaDiagnosisType
{
    /// <summary>Type not documented: coded as primary (Coding Clinic 4Q 2016).</summary>
    Undocumented,
    Primary,
    PostTraumatic,
    Secondary,
    /// <summary>Traumatic arthropathy (injury &gt; 7 days old), distinct from post-traumatic OA.</summary>
    TraumaticArthropathy,
}

/// <summary>Side for coding: bilateral is two codes; Unknown only when the record says the side is unknown.</summary>
public enum CodingLaterality
{
    Right,
    Left,
    Bilateral,
    Unknown,
}

/// <summary>
/// A code with our own short note (never an AMA CPT descriptor), why it was chosen, and how many units are billed
/// (1 for a procedure; for a drug J-code, the dose over the code's descriptor amount).
/// </summary>
public sealed record CodeChoice(string System, string Code, string? Modifier, string Note, Reason Reason, int Units = 1);

public sealed record CodeSelection(IReadOnlyList<CodeChoice> Codes, IReadOnlyList<RuleInputError> Errors);

/// <summary>ICD-10-CM codes for foot and ankle OA (public domain; SPEC §8.1).</summary>
public static class DiagnosisCoding
{
    public const string IcdSystem = "ICD-10-CM";

    public static CodeSelection Select(Joint joint, OaDiagnosisType type, CodingLaterality laterality)
    {
        var codes = new List<CodeChoice>(2);
        if (laterality == CodingLaterality.Bilateral)
        {
            // SPEC §8.1 rule 1: no bilateral ankle/foot OA code; report right and left.
            codes.Add(One(joint, type, CodingLaterality.Right));
            codes.Add(One(joint, type, CodingLaterality.Left));
        }
        else
        {
            codes.Add(One(joint, type, laterality));
        }

        return new(codes, []);
    }

    private static CodeChoice One(Joint joint, OaDiagnosisType type, CodingLaterality side)
    {
        var sideDigit = side switch { CodingLaterality.Right => "1", CodingLaterality.Left => "2", _ => "9" };
        var sideWord = side switch { CodingLaterality.Right => "right", CodingLaterality.Left => "left", _ => "unspecified side" };
        var sideNote = side == CodingLaterality.Unknown ? " Unspecified-side code used because the record states the side is unknown." : "";

        if (type == OaDiagnosisType.TraumaticArthropathy)
        {
            return new(IcdSystem, "M12.57" + sideDigit, null, $"Traumatic arthropathy, {sideWord} ankle and foot",
                Why("ICD-M12.57", "Traumatic arthropathy (injury > 7 days old) is M12.57-, distinct from post-traumatic OA M19.17-." + sideNote, "SPEC §8.1 rule 4"));
        }

        if (joint == Joint.FirstMtp)
        {
            // M19 Excludes1 hallux rigidus: degenerative 1st MTP arthritis is M20.2- whatever the OA type.
            var code = side switch { CodingLaterality.Right => "M20.21", CodingLaterality.Left => "M20.22", _ => "M20.20" };
            return new(IcdSystem, code, null, $"Hallux rigidus, {sideWord} foot",
                Why("ICD-M20.2", "First MTP arthritis is coded as hallux rigidus M20.2- (M19 excludes hallux rigidus)." + sideNote, "SPEC §8.1 rule 3"));
        }

        return type switch
        {
            OaDiagnosisType.PostTraumatic => new(IcdSystem, "M19.17" + sideDigit, null, $"Post-traumatic OA, {sideWord} ankle and foot",
                Why("ICD-M19.17", "Post-traumatic OA of ankle/foot is M19.17- (not M12.57-)." + sideNote, "SPEC §8.1 rule 4")),
            OaDiagnosisType.Secondary => new(IcdSystem, "M19.27" + sideDigit, null, $"Secondary OA, {sideWord} ankle and foot",
                Why("ICD-M19.27", "Secondary OA of ankle/foot." + sideNote, "SPEC §8.1")),
            OaDiagnosisType.Undocumented => new(IcdSystem, "M19.07" + sideDigit, null, $"Primary OA, {sideWord} ankle and foot",
                Why("ICD-M19.07-DEFAULT", "OA type not documented: primary is the default (Coding Clinic 4Q 2016). Ask the clinician to document the type." + sideNote, "SPEC §8.1 rule 2")),
            _ => new(IcdSystem, "M19.07" + sideDigit, null, $"Primary OA, {sideWord} ankle and foot",
                Why("ICD-M19.07", "Primary OA of ankle/foot." + sideNote, "SPEC §8.1")),
        };
    }

    private static Reason Why(string code, string text, string source) =>
        new(code, text, "This is the billing code for the diagnosis of arthritis in your joint.", source);
}

namespace Talus.Clinical;

/// <summary>The corticosteroid given in an intra-articular steroid injection (the drug SPEC §8.2 names a J-code for).</summary>
public enum Corticosteroid
{
    TriamcinoloneAcetonide,
    MethylprednisoloneAcetate,
    /// <summary>Betamethasone acetate with betamethasone sodium phosphate; the dose is the mg of each ester.</summary>
    BetamethasoneAcetateAndSodiumPhosphate,
    DexamethasoneSodiumPhosphate,
    /// <summary>Any other steroid (e.g. triamcinolone hexacetonide): SPEC gives it no J-code, so it is coded by hand.</summary>
    Other,
}

/// <summary>The drug and the dose given into one joint, in mg (for betamethasone: mg of each ester).</summary>
public sealed record CorticosteroidDose(Corticosteroid Drug, decimal DoseMg);

/// <summary>One HCPCS J-code and the drug amount one unit of it stands for (its descriptor).</summary>
public sealed record DrugCode(string Code, Corticosteroid Drug, decimal MgPerUnit, string Note);

/// <summary>
/// HCPCS level II J-codes for the corticosteroid of a steroid injection, with units per the code's descriptor
/// (SPEC §8.2). Only the codes SPEC gives are known; a dose that is not a whole number of units, or a drug SPEC does not
/// code, is refused with the reason rather than guessed (SPEC gives no rounding rule for partial units).
/// </summary>
public static class DrugCoding
{
    public const string HcpcsSystem = "HCPCS";
    private const string Source = "SPEC §8.2";

    /// <summary>Largest dose accepted as input (an input range, not a clinical limit).</summary>
    public const decimal MaxDoseMg = 1000;

    // SPEC §8.2 [GK]: J3301 triamcinolone acetonide 10 mg / J1030 methylprednisolone acetate 40 mg / J1040 80 mg /
    // J0702 betamethasone acetate + sodium phosphate 3 mg each / J1100 dexamethasone sodium phosphate 1 mg.
    public static IReadOnlyList<DrugCode> Codes { get; } =
    [
        new("J3301", Corticosteroid.TriamcinoloneAcetonide, 10, "Triamcinolone acetonide, per 10 mg"),
        new("J1040", Corticosteroid.MethylprednisoloneAcetate, 80, "Methylprednisolone acetate, per 80 mg"),
        new("J1030", Corticosteroid.MethylprednisoloneAcetate, 40, "Methylprednisolone acetate, per 40 mg"),
        new("J0702", Corticosteroid.BetamethasoneAcetateAndSodiumPhosphate, 3, "Betamethasone acetate 3 mg and betamethasone sodium phosphate 3 mg"),
        new("J1100", Corticosteroid.DexamethasoneSodiumPhosphate, 1, "Dexamethasone sodium phosphate, per 1 mg"),
    ];

    /// <summary>
    /// The J-code line(s) for the drug, for the given number of injected sides (bilateral = the dose twice). Units are
    /// the dose divided by the descriptor amount; where two codes exist (methylprednisolone 80 mg and 40 mg) the larger
    /// code takes as many whole units as fit and the smaller the exact rest, so the claim has the fewest units.
    /// </summary>
    public static CodeSelection Select(CorticosteroidDose? drug, int sides = 1)
    {
        if (drug is null)
        {
            return Refuse("drug", "Name the corticosteroid and its dose: the drug of a steroid injection is billed with its own HCPCS J-code.");
        }

        if (!Enum.IsDefined(drug.Drug))
        {
            return Refuse("drug.drug", "Unknown corticosteroid.");
        }

        if (drug.DoseMg <= 0 || drug.DoseMg > MaxDoseMg)
        {
            return Refuse("drug.doseMg", $"Give the dose in mg, more than 0 and at most {MaxDoseMg:0}.");
        }

        var codes = Codes.Where(c => c.Drug == drug.Drug).OrderByDescending(c => c.MgPerUnit).ToList();
        if (codes.Count == 0)
        {
            return Refuse("drug.drug", "SPEC §8.2 gives no J-code for this corticosteroid: code the drug by hand from the current HCPCS file.");
        }

        var total = drug.DoseMg * Math.Max(1, sides);
        var smallest = codes[^1].MgPerUnit;
        if (total % smallest != 0)
        {
            return Refuse("drug.doseMg",
                $"{Describe(total)} mg is not a whole number of units of {codes[^1].Code} ({Describe(smallest)} mg per unit), and SPEC §8.2 gives no rule for a partial unit: " +
                "record the dose exactly as given and enter the units by the payer's rule.");
        }

        var choices = new List<CodeChoice>(codes.Count);
        var rest = total;
        foreach (var code in codes)
        {
            var units = (int)decimal.Floor(rest / code.MgPerUnit);
            if (units == 0)
            {
                continue;
            }

            rest -= units * code.MgPerUnit;
            var sidesText = sides > 1 ? $" ({Describe(drug.DoseMg)} mg into each of {sides} joints)" : "";
            choices.Add(new(HcpcsSystem, code.Code, null, code.Note,
                new($"HCPCS-{code.Code}",
                    $"{code.Code}: {units} unit{(units == 1 ? "" : "s")} = {Describe(units * code.MgPerUnit)} mg of {Describe(total)} mg given{sidesText}; one unit is {Describe(code.MgPerUnit)} mg per the code's descriptor.",
                    "This is the billing code for the medicine in your injection.", Source),
                units));
        }

        return new(choices, []);
    }

    private static CodeSelection Refuse(string field, string message) => new([], [new(field, message)]);

    private static string Describe(decimal mg) => mg.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}

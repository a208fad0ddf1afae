namespace Talus.Clinical.Registry;

/// <summary>The registry's practice-configurable disclosure and de-identification settings.</summary>
public sealed record RegistrySettings
{
    /// <summary>
    /// Slices with fewer patients than this are hidden. The default 5 is the practice's choice (issue 10); for comparison,
    /// the CMS Cell Size Suppression Policy hides cells of 1–10 beneficiaries (CMS, "CMS Cell Size Suppression Policy", 2020). [D]
    /// </summary>
    public int SmallCellThreshold { get; init; } = 5;

    /// <summary>z for the two-sided 95% Wilson interval: the 97.5th percentile of the standard normal.</summary>
    public double ConfidenceZ { get; init; } = 1.959963984540054;

    /// <summary>Largest per-patient date shift of the research export, in days either way [D].</summary>
    public int DateShiftMaxDays { get; init; } = 182;

    /// <summary>
    /// 3-digit ZIP prefixes whose area had 20,000 people or fewer (HHS de-identification guidance, 2000 Census list): these become
    /// "000" (45 CFR 164.514(b)(2)(i)(B)). Update when HHS publishes a newer list.
    /// </summary>
    public IReadOnlyList<string> RestrictedZip3 { get; init; } =
        ["036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893"];
}

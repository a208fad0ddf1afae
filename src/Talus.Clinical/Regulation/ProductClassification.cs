namespace Talus.Clinical;

/// <summary>Compliance flag of a product (SPEC §6.2, §6.3).</summary>
public enum RegulatoryFlag
{
    /// <summary>Not an HCT/P or FDA-approved for the use: practice of medicine (still disclose: not approved for OA).</summary>
    Green,
    /// <summary>Unconcentrated marrow, same procedure: closest fit to the SSP exception (21 CFR 1271.15(b)).</summary>
    GreenAmber,
    /// <summary>Relies on the SSP exception; allowed only with counsel sign-off recorded.</summary>
    Amber,
    /// <summary>351 biologic (IND required): blocked.</summary>
    Red,
    /// <summary>351 biologic used under a recorded IND: research protocol and research consent only.</summary>
    ResearchOnly,
}

/// <summary>Whether the California B&amp;P §684 stem-cell notice must be shown (SPEC §6.4).</summary>
public enum CaliforniaNotice
{
    NotApplicable,
    Recommended,
    Mandatory,
}

/// <summary>The product as prepared for one procedure; flags the category does not already imply.</summary>
public sealed record BiologicProduct
{
    public required InjectionProduct Type { get; init; }
    public TissueSource Source { get; init; } = TissueSource.Autologous;
    /// <summary>Harvested and implanted on the same day.</summary>
    public bool SameDay { get; init; }
    /// <summary>Harvested and implanted during the same surgical procedure.</summary>
    public bool SameProcedure { get; init; }
    public bool CultureExpanded { get; init; }
    public bool EnzymaticDigestion { get; init; }
    /// <summary>A cellular fraction is isolated (SVF).</summary>
    public bool IsolatedCellFraction { get; init; }
    /// <summary>FDA-approved (BLA) for this indication; none is for osteoarthritis (SPEC §6.2).</summary>
    public bool FdaApprovedForIndication { get; init; }
    public string? IndNumber { get; init; }
}

/// <summary>
/// Practice choices in the compliance check (SPEC §6.2–§6.4 [D]); counsel decides them, the software records them.
/// </summary>
public sealed record RegulationSettings
{
    /// <summary>SPEC §6.2 [D]: micro-fragmented adipose is AMBER→RED pending legal review; default RED.</summary>
    public RegulatoryFlag MicrofragmentedAdiposeFlag { get; init; } = RegulatoryFlag.Red;
    /// <summary>SPEC §6.2 [D]: AMBER products are allowed only when counsel sign-off is recorded here.</summary>
    public bool CounselSignOffRecorded { get; init; }
    /// <summary>Who signed off and when, e.g. "J. Doe, Esq., 2025-02-01, memo #12".</summary>
    public string? CounselSignOffReference { get; init; }
    /// <summary>SPEC §6.4 [D], §10 #12: show the §684 notice for every cell-based product, not only where the statute strictly applies.</summary>
    public bool CaliforniaNoticeForEveryCellBasedProduct { get; init; } = true;
}

/// <summary>The flag, whether the practice may proceed, and the notices and consents that follow from it.</summary>
public sealed record ProductClassificationResult(
    RegulatoryFlag Flag,
    bool MayProceed,
    CaliforniaNotice CaliforniaNotice,
    bool ResearchConsentRequired,
    IReadOnlyList<Reason> Reasons);

/// <summary>US regulatory status of an orthobiologic product (SPEC §6.3 algorithm; 21 CFR 1271).</summary>
public static class ProductClassification
{
    /// <summary>California B&amp;P Code §684(b) notice, verbatim (SPEC §6.4). Posted ≥ 8.5 × 11 in, ≥ 40-point type, and given in writing before the first therapy.</summary>
    public const string CaliforniaNoticeText =
        "THIS NOTICE MUST BE PROVIDED TO YOU UNDER CALIFORNIA LAW. This health care practitioner performs one or more stem cell therapies " +
        "that have not been approved by the United States Food and Drug Administration. You are encouraged to consult with your primary " +
        "care physician prior to undergoing a stem cell therapy.";

    private const string Part1271 = "SPEC §6.1–§6.3; 21 CFR 1271.3, 1271.10(a), 1271.15(b)";

    public static ProductClassificationResult Classify(BiologicProduct product, RegulationSettings settings)
    {
        var reasons = new List<Reason>(4);
        var flag = Flag(product, settings, reasons);
        var cellBased = InjectionProducts.IsCellBased(product.Type);

        var mayProceed = flag switch
        {
            RegulatoryFlag.Green or RegulatoryFlag.GreenAmber or RegulatoryFlag.ResearchOnly => true,
            RegulatoryFlag.Amber => settings.CounselSignOffRecorded,
            _ => false,
        };
        if (flag == RegulatoryFlag.Amber)
        {
            reasons.Add(settings.CounselSignOffRecorded
                ? new("REG-COUNSEL", $"Counsel sign-off recorded: {settings.CounselSignOffReference ?? "reference not given"}. Log device, lot and settings for every procedure.",
                    "Our legal advisers have reviewed how this procedure is offered.", "SPEC §6.2 [D]")
                : new("REG-COUNSEL", "AMBER product: not allowed until counsel sign-off is recorded in the practice settings.",
                    "This procedure is not offered until a legal review is complete.", "SPEC §6.2 [D]"));
        }

        var notice = NoticeFor(flag, cellBased, settings);
        if (notice != CaliforniaNotice.NotApplicable)
        {
            reasons.Add(new("CA-684", notice == CaliforniaNotice.Mandatory
                    ? "Give the Cal. B&P §684 notice in writing before the first therapy and post it at the entrance (≥ 8.5×11 in, ≥ 40-point type)."
                    : "Recommended: give the Cal. B&P §684 notice (practice policy; a compliant same-procedure product may fall outside §684(a)(3)).",
                "California law requires us to tell you that stem cell therapies like this one have not been approved by the FDA.",
                "SPEC §6.4; Cal. Bus. & Prof. Code §684 (SB 512, 2017)"));
        }

        var research = flag == RegulatoryFlag.ResearchOnly;
        if (research)
        {
            reasons.Add(new("CA-24172",
                "Research use: IRB approval, 21 CFR 50.25 consent elements, and the California Experimental Subject's Bill of Rights (H&S §24172) with written, dated consent (§24173).",
                "This treatment is offered only as part of a research study. You will receive a written list of your rights as a research participant before you decide.",
                "SPEC §6.4, §9.2; Cal. Health & Safety Code §§24172–24173; 21 CFR 50.25"));
        }

        return new(flag, mayProceed, notice, research, reasons);
    }

    private static RegulatoryFlag Flag(BiologicProduct p, RegulationSettings settings, List<Reason> reasons)
    {
        if (p.Type is InjectionProduct.PlateletRichPlasma)
        {
            reasons.Add(new("REG-PRP", "PRP is a blood component, not an HCT/P; practice of medicine. Still disclose that it is not FDA-approved for OA.",
                "PRP is made from your own blood. It is not FDA-approved for arthritis, and studies in the ankle have not shown it works better than salt water.",
                "SPEC §6.2 (21 CFR 1271.3(d) excludes blood components [GK])"));
            return RegulatoryFlag.Green;
        }

        if (p.Type is InjectionProduct.Corticosteroid or InjectionProduct.HyaluronicAcid)
        {
            reasons.Add(new("REG-DRUG", "Approved drug or device, not an HCT/P (HA is off-label in the ankle).",
                "This is a standard medicine injection, not a cell product.", "SPEC §6.1, §5.1"));
            return RegulatoryFlag.Green;
        }

        if (p.FdaApprovedForIndication)
        {
            reasons.Add(new("REG-BLA", "FDA-approved (BLA) for this indication.", "This product is FDA-approved for this use.", "SPEC §6.2"));
            return RegulatoryFlag.Green;
        }

        var hasInd = !string.IsNullOrWhiteSpace(p.IndNumber);
        if (p.Source == TissueSource.Allogeneic || p.Type == InjectionProduct.AllogeneicPerinatal)
        {
            // 1271.10(a)(4)(ii): allogeneic from an unrelated donor fails when living cells are the active principle.
            return Biologic(hasInd, p, reasons, "allogeneic cells from an unrelated donor fail 21 CFR 1271.10(a)(4)",
                "Donor-cell products are regulated as drugs and are not FDA-approved for arthritis.");
        }

        if (p.CultureExpanded || p.EnzymaticDigestion || p.IsolatedCellFraction
            || p.Type is InjectionProduct.StromalVascularFraction or InjectionProduct.CultureExpandedMsc)
        {
            // FDA MM/HU guidance Example 14-1 (SVF); US v. California Stem Cell Treatment Center (9th Cir. 2024), binding in California.
            if (IsProcessedAdipose(p))
            {
                reasons.Add(SameProcedureUnavailable);
            }

            return Biologic(hasInd, p, reasons, "more than minimally manipulated (1271.3(f)): culture expansion, enzymatic digestion or cell-fraction isolation",
                "Cells that are grown in a lab or separated out are regulated as drugs and may only be used in an approved research study.");
        }

        if (hasInd)
        {
            reasons.Add(new("REG-IND", $"Used under IND {p.IndNumber}: research protocol only.",
                "This treatment is offered only as part of a research study.", Part1271));
            return RegulatoryFlag.ResearchOnly;
        }

        if (p.Source == TissueSource.Autologous && p.SameDay && p.SameProcedure)
        {
            switch (p.Type)
            {
                case InjectionProduct.BoneMarrowAspirate:
                    reasons.Add(new("REG-SSP", "Unconcentrated marrow, same procedure: closest fit to the SSP exception 1271.15(b) (and 1271.3(d)(4)); a review lists marrow for MSK use as non-homologous.",
                        "Your own bone marrow is taken and injected in the same visit without being processed.", Part1271));
                    return RegulatoryFlag.GreenAmber;
                case InjectionProduct.BoneMarrowAspirateConcentrate:
                    reasons.Add(new("REG-SSP", "BMAC relies on the SSP exception 1271.15(b); centrifugation is arguably beyond rinse/cleanse/size/shape and homologous use is disputed.",
                        "Your own bone marrow is concentrated and injected in the same visit. Its regulatory status is debated, so we follow extra safeguards.",
                        Part1271 + "; FDA SSP guidance 2017 (82 FR 54289); ASIPP 2020"));
                    return RegulatoryFlag.Amber;
                case InjectionProduct.MicrofragmentedAdipose:
                    reasons.Add(new("REG-MFAT", $"Micro-fragmented adipose: structure altered (more than minimal for structural tissue) and OA use argued non-homologous; practice setting = {settings.MicrofragmentedAdiposeFlag}.",
                        "Processed fat-tissue injections have an uncertain legal status.", Part1271 + "; Bone Rep 2022"));
                    return settings.MicrofragmentedAdiposeFlag == RegulatoryFlag.Amber ? RegulatoryFlag.Amber : RegulatoryFlag.Red;
            }
        }

        reasons.Add(new("REG-NOT-SSP", "Not removed and implanted in the same individual during the same procedure: the SSP exception does not apply; 351 product.",
            "This preparation is regulated as a drug and cannot be offered outside an approved study.", Part1271));
        return RegulatoryFlag.Red;
    }

    /// <summary>
    /// Why the same-surgical-procedure exception cannot save an enzymatically processed (or cell-fraction) adipose
    /// product, in SPEC §6.1's citation of the 2024 Ninth Circuit ruling.
    /// </summary>
    public static readonly Reason SameProcedureUnavailable = new("REG-SSP-9CIR",
        "The same surgical procedure exception (21 CFR 1271.15(b)) does not apply: it covers only implanting the same HCT/P that was removed, " +
        "and removing fat and implanting SVF is not the same HCT/P → exception unavailable; SVF is a drug. " +
        "9th Cir. 2024 (US v. California Stem Cell Treatment Center, No. 22-56014 — binding in California); " +
        "so held also 11th Cir. 2021 (US v. US Stem Cell Clinic, 998 F.3d 1302).",
        "Fat tissue that is broken down to separate out its cells is no longer the same tissue that was taken from you. " +
        "A federal appeals court ruled in 2024 that such a preparation is a drug, so it may only be used in an approved research study.",
        "SPEC §6.1–§6.3; 21 CFR 1271.15(b); 9th Cir. 2024 (US v. California Stem Cell Treatment Center, No. 22-56014)");

    /// <summary>Adipose-derived and enzymatically digested or reduced to its cell fraction (SVF).</summary>
    private static bool IsProcessedAdipose(BiologicProduct p) =>
        p.Type == InjectionProduct.StromalVascularFraction
        || (p.Type == InjectionProduct.MicrofragmentedAdipose && (p.EnzymaticDigestion || p.IsolatedCellFraction));

    private static RegulatoryFlag Biologic(bool hasInd, BiologicProduct p, List<Reason> reasons, string why, string patientText)
    {
        if (hasInd)
        {
            reasons.Add(new("REG-IND", $"351 biologic ({why}); used under IND {p.IndNumber}: research only.",
                "This treatment is offered only as part of a research study.", Part1271 + "; PHS Act §351"));
            return RegulatoryFlag.ResearchOnly;
        }

        reasons.Add(new("REG-351", $"351 biologic ({why}): IND required; blocked.", patientText, Part1271 + "; PHS Act §351"));
        return RegulatoryFlag.Red;
    }

    private static CaliforniaNotice NoticeFor(RegulatoryFlag flag, bool cellBased, RegulationSettings settings)
    {
        if (!cellBased)
        {
            return CaliforniaNotice.NotApplicable;
        }

        if (settings.CaliforniaNoticeForEveryCellBasedProduct)
        {
            return flag is RegulatoryFlag.Amber or RegulatoryFlag.Red or RegulatoryFlag.ResearchOnly
                ? CaliforniaNotice.Mandatory
                : CaliforniaNotice.Recommended;
        }

        // Statute only: §684 covers FDA-regulated, unapproved stem-cell therapies and exempts IND holders.
        return flag is RegulatoryFlag.Amber or RegulatoryFlag.Red ? CaliforniaNotice.Mandatory : CaliforniaNotice.NotApplicable;
    }
}

namespace Talus.Clinical.AfterCare;

/// <summary>After-care durations (SPEC §4.7 [GK/D]; no trial-standard protocol exists).</summary>
public sealed record AfterCareSettings
{
    /// <summary>Relative rest and elevation, days 0–2 (SPEC §4.7).</summary>
    public int RestDays { get; init; } = 2;

    /// <summary>Harvest-site dressing kept dry for 24–48 h: 2 days (SPEC §4.7).</summary>
    public int HarvestDressingDryDays { get; init; } = 2;

    /// <summary>Boot, brace or stiff-soled shoe for weeks 0–2 (SPEC §4.7).</summary>
    public int SupportWeeks { get; init; } = 2;

    /// <summary>No running, jumping or impact sport until week 6 (program default [GK], configurable) (SPEC §4.7, IC-11).</summary>
    public int HighImpactRestrictionWeeks { get; init; } = 6;

    /// <summary>Avoid NSAIDs for 14 days after the injection; acetaminophen allowed (SPEC §2.4 [D]).</summary>
    public int NsaidAvoidanceDaysAfter { get; init; } = 14;
}

/// <summary>
/// One dated instruction. <see cref="End"/> is the last day it applies (inclusive); null = no end date.
/// </summary>
public sealed record AfterCareInstruction(string Code, DateOnly Start, DateOnly? End, string PatientText, string Source);

/// <summary>Builds the patient's dated after-care plan (SPEC §4.7, the CarePlan template).</summary>
public static class AfterCarePlan
{
    private const string Source = "SPEC §4.7 [GK/D]";

    /// <summary>
    /// The plan from the procedure date. A walking boot or lace-up brace for ankle, subtalar, Chopart and midfoot joints;
    /// a stiff-soled shoe for the 1st MTP. The harvest-site line appears only when cells were harvested.
    /// </summary>
    public static IReadOnlyList<AfterCareInstruction> For(DateOnly procedureDate, Joint joint, bool hasHarvest, AfterCareSettings settings)
    {
        var supportEnd = procedureDate.AddDays((7 * settings.SupportWeeks) - 1);
        var impactEnd = procedureDate.AddDays((7 * settings.HighImpactRestrictionWeeks) - 1);
        var plan = new List<AfterCareInstruction>
        {
            new("AC-REST", procedureDate, procedureDate.AddDays(settings.RestDays),
                "Rest and keep your foot raised for the first two days. Take acetaminophen (paracetamol) for pain if you need it.",
                Source),
            new("AC-WARNING-SIGNS", procedureDate, null,
                "Call us at once if you have a fever, redness that spreads, or swelling that gets much worse.",
                Source),
        };

        if (hasHarvest)
        {
            plan.Add(new("AC-HARVEST-SITE", procedureDate, procedureDate.AddDays(settings.HarvestDressingDryDays),
                "Keep the dressing where the cells were taken clean and dry for 24 to 48 hours.",
                Source));
        }

        plan.Add(joint == Joint.FirstMtp
            ? new("AC-SUPPORT-SHOE", procedureDate, supportEnd,
                "Walk as comfort allows in a stiff-soled shoe.",
                Source)
            : new("AC-SUPPORT-BOOT", procedureDate, supportEnd,
                "Walk as comfort allows in your walking boot or lace-up brace.",
                Source));

        plan.Add(new("AC-LOW-IMPACT", supportEnd.AddDays(1), impactEnd,
            "Build up gentle activity such as walking and cycling; swim only once the needle marks have healed. Start or restart physical therapy.",
            Source));

        plan.Add(new("AC-NO-IMPACT", procedureDate, impactEnd,
            $"Do not run, jump or play impact sports for {settings.HighImpactRestrictionWeeks} weeks.",
            Source));

        plan.Add(new("AC-NO-NSAID", procedureDate, procedureDate.AddDays(settings.NsaidAvoidanceDaysAfter),
            $"Do not take anti-inflammatory painkillers such as ibuprofen or naproxen for {settings.NsaidAvoidanceDaysAfter} days. Acetaminophen (paracetamol) is fine.",
            "SPEC §2.4 [D], §4.7"));

        return plan;
    }
}

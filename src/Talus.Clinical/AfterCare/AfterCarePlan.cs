using System.ComponentModel;

namespace Talus.Clinical.AfterCare;

/// <summary>
/// After-care durations (SPEC §4.7 [GK/D]; no trial-standard protocol exists). Every duration counts from the procedure
/// day as day 0: "N days" covers days 0 to N−1 and the patient resumes on day N; "N weeks" is 7×N days.
/// </summary>
public sealed record AfterCareSettings
{
    /// <summary>Relative rest and elevation, days 0–2 = 3 days (SPEC §4.7 "Day 0–2").</summary>
    public int RestDays { get; init; } = 3;

    /// <summary>Harvest-site dressing kept dry for 24–48 h: 2 days, days 0–1 (SPEC §4.7).</summary>
    public int HarvestDressingDryDays { get; init; } = 2;

    /// <summary>Boot, brace or stiff-soled shoe for weeks 0–2 (SPEC §4.7).</summary>
    public int SupportWeeks { get; init; } = 2;

    /// <summary>No running, jumping or impact sport until week 6 (program default [GK], configurable) (SPEC §4.7, IC-11).</summary>
    public int HighImpactRestrictionWeeks { get; init; } = 6;

    /// <summary>Avoid NSAIDs for 14 days after the injection; acetaminophen allowed (SPEC §2.4 [D]).</summary>
    public int NsaidAvoidanceDaysAfter { get; init; } = 14;
}

/// <summary>
/// One dated instruction. Convention (SPEC §2.4, §4.7): day 0 is the procedure day; <see cref="Start"/> is the first day
/// it applies and <see cref="End"/> the last day it applies, inclusive ("avoid for 14 days" = days 0–13, End = day 13);
/// the patient may resume on <see cref="ResumeOn"/> (day 14). End null = no end date.
/// </summary>
public sealed record AfterCareInstruction(
    string Code,
    [property: Description("First day the instruction applies (the procedure day is day 0).")] DateOnly Start,
    [property: Description("Last day the instruction applies, inclusive (\"avoid for 14 days\" ends on day 13); null = no end date.")] DateOnly? End,
    string PatientText,
    string Source)
{
    /// <summary>The first day the restriction no longer applies (End + 1); null when it has no end.</summary>
    [Description("First day the restriction no longer applies: the day after end (\"avoid for 14 days\" resumes on day 14); null = no end date.")]
    public DateOnly? ResumeOn => End?.AddDays(1);

    /// <summary>Whether the instruction applies on a day (Start ≤ day ≤ End).</summary>
    public bool AppliesOn(DateOnly day) => day >= Start && (End is null || day <= End);
}

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
        // One convention for every item: an item lasting N days covers days 0..N-1 (End = last day, inclusive).
        DateOnly LastDay(int days) => procedureDate.AddDays(days - 1);
        var supportEnd = LastDay(7 * settings.SupportWeeks);
        var impactEnd = LastDay(7 * settings.HighImpactRestrictionWeeks);
        var plan = new List<AfterCareInstruction>
        {
            new("AC-REST", procedureDate, LastDay(settings.RestDays),
                $"Rest and keep your foot raised for {settings.RestDays} days, counting the day of the procedure. Take acetaminophen (paracetamol) for pain if you need it.",
                Source),
            new("AC-WARNING-SIGNS", procedureDate, null,
                "Call us at once if you have a fever, redness that spreads, or swelling that gets much worse.",
                Source),
        };

        if (hasHarvest)
        {
            plan.Add(new("AC-HARVEST-SITE", procedureDate, LastDay(settings.HarvestDressingDryDays),
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

        plan.Add(new("AC-NO-NSAID", procedureDate, LastDay(settings.NsaidAvoidanceDaysAfter),
            $"Do not take anti-inflammatory painkillers such as ibuprofen or naproxen for {settings.NsaidAvoidanceDaysAfter} days. Acetaminophen (paracetamol) is fine.",
            "SPEC §2.4 [D], §4.7"));

        return plan;
    }
}

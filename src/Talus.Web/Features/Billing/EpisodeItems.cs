using Talus.Clinical;
using Talus.Web.Features.Plan;

namespace Talus.Web.Features.Billing;

/// <summary>One item an episode needs: which price-book item, how many, and whether it is scheduled separately.</summary>
public sealed record EpisodeItem(PriceItemKind Kind, InjectionProduct? Product, int Quantity, bool SeparatelyScheduled = false);

/// <summary>
/// The items of a treatment plan's episode, from the consultation to the follow-ups (issue list; SPEC §4.2 visits,
/// §7.1 items), plus the optional repeat injection within 12 months as a separately scheduled item (SPEC §4.6, §7.2 element 6).
/// </summary>
public static class EpisodeItems
{
    public static IReadOnlyList<EpisodeItem> For(TreatmentPlan plan, BillingSettings settings, ProcedureCodingSettings coding)
    {
        var items = new List<EpisodeItem> { new(PriceItemKind.Consultation, null, 1) };
        if (plan.Product is not { } product)
        {
            switch (plan.Alternative)
            {
                case NonInjectionOption.PhysicalTherapy:
                    items.Add(new(PriceItemKind.PhysicalTherapyVisit, null, settings.PhysicalTherapyVisits));
                    break;
                case NonInjectionOption.CustomOrthotics:
                    items.Add(new(PriceItemKind.CustomOrthotics, null, 1));
                    break;
                case NonInjectionOption.Bracing:
                    items.Add(new(PriceItemKind.BraceOffTheShelf, null, 1));
                    break;
            }
            return items;
        }

        var injections = Math.Max(1, plan.PlannedInjections);
        items.Add(new(PriceItemKind.XRay, null, 1));
        var procedureDay = new List<EpisodeItem>();
        var injection = coding.For(plan.Joint) == JointSizeClass.Small ? PriceItemKind.SmallJointInjection : PriceItemKind.IntermediateJointInjection;
        if (product == InjectionProduct.PlateletRichPlasma)
        {
            // 0232T includes guidance, harvest and preparation (SPEC §8.2): one all-inclusive item per injection.
            procedureDay.Add(new(PriceItemKind.PlateletRichPlasma, null, injections));
        }
        else if (InjectionProducts.IsCellBased(product))
        {
            items.Add(new(PriceItemKind.LabPanel, null, 1));
            if (InjectionProducts.NeedsTissueHarvest(product))
            {
                procedureDay.Add(new(InjectionProducts.NeedsMarrowHarvest(product) ? PriceItemKind.BoneMarrowHarvest : PriceItemKind.AdiposeHarvest, null, injections));
                procedureDay.Add(new(PriceItemKind.CellProcessing, product, injections));
            }
            else
            {
                procedureDay.Add(new(PriceItemKind.CellProduct, product, injections));
            }
            procedureDay.Add(new(PriceItemKind.UltrasoundGuidance, null, injections));
            procedureDay.Add(new(injection, null, injections));
        }
        else
        {
            procedureDay.Add(new(injection, null, injections));
            procedureDay.Add(new(product == InjectionProduct.Corticosteroid ? PriceItemKind.Corticosteroid : PriceItemKind.HyaluronicAcid, null, injections));
        }
        items.AddRange(procedureDay);
        if (settings.FollowUpVisits > 0)
        {
            items.Add(new(PriceItemKind.FollowUpVisit, null, settings.FollowUpVisits));
        }
        if (settings.FollowUpImaging > 0)
        {
            items.Add(new(PriceItemKind.FollowUpImaging, null, settings.FollowUpImaging));
        }
        // The optional repeat injection within 12 months is scheduled separately (SPEC §4.6, §7.2 element 6).
        items.AddRange(procedureDay.Select(i => i with { Quantity = 1, SeparatelyScheduled = true }));
        return items;
    }
}

using Talus.Clinical;
using Talus.Web.Shared;

namespace Talus.Web.Features.Plan;

/// <summary>English names for staff pages and the frozen consent text (product and option names from Shared/Labels; the portal uses PatientText.resx).</summary>
public static class PlanText
{
    public static string Product(InjectionProduct p) => Labels.Of(p);

    public static string Alternative(NonInjectionOption o) => Labels.Of(o);

    public static string Joint(Joint j) => j switch
    {
        Talus.Clinical.Joint.Ankle => "ankle",
        Talus.Clinical.Joint.Subtalar => "subtalar joint",
        Talus.Clinical.Joint.Talonavicular => "talonavicular joint",
        Talus.Clinical.Joint.Calcaneocuboid => "calcaneocuboid joint",
        Talus.Clinical.Joint.Midfoot => "midfoot",
        Talus.Clinical.Joint.FirstMtp => "big-toe joint (1st MTP)",
        _ => j.ToString(),
    };

    public static string JointSide(Joint j, Side s) => $"{(s == Side.Left ? "Left" : "Right")} {Joint(j)}";

    public static string Choice(TreatmentPlan p) =>
        p.Product is { } product ? PlanText.Product(product) : p.Alternative is { } alt ? Alternative(alt) : "—";

    public static string Flag(RegulatoryFlag f) => f switch
    {
        RegulatoryFlag.Green => "GREEN",
        RegulatoryFlag.GreenAmber => "GREEN/AMBER",
        RegulatoryFlag.Amber => "AMBER",
        RegulatoryFlag.Red => "RED",
        RegulatoryFlag.ResearchOnly => "RESEARCH ONLY",
        _ => f.ToString(),
    };
}

using Talus.Clinical;

namespace Talus.Web.Features.Plan;

/// <summary>English names for staff pages and the frozen consent text (the portal uses PatientText.resx).</summary>
public static class PlanText
{
    public static string Product(InjectionProduct p) => p switch
    {
        InjectionProduct.PlateletRichPlasma => "Platelet-rich plasma (PRP)",
        InjectionProduct.BoneMarrowAspirate => "Bone-marrow aspirate, unconcentrated",
        InjectionProduct.BoneMarrowAspirateConcentrate => "Bone-marrow aspirate concentrate (BMAC)",
        InjectionProduct.MicrofragmentedAdipose => "Micro-fragmented adipose tissue",
        InjectionProduct.StromalVascularFraction => "Stromal vascular fraction (SVF)",
        InjectionProduct.CultureExpandedMsc => "Culture-expanded MSC",
        InjectionProduct.AllogeneicPerinatal => "Allogeneic umbilical cord / perinatal product",
        InjectionProduct.Corticosteroid => "Corticosteroid",
        InjectionProduct.HyaluronicAcid => "Hyaluronic acid",
        _ => p.ToString(),
    };

    public static string Alternative(NonInjectionOption o) => o switch
    {
        NonInjectionOption.PhysicalTherapy => "Physical therapy",
        NonInjectionOption.CustomOrthotics => "Custom orthotics",
        NonInjectionOption.Bracing => "Bracing",
        NonInjectionOption.ActivityModification => "Activity modification",
        NonInjectionOption.WeightLoss => "Weight loss",
        NonInjectionOption.OralOrTopicalNsaids => "Oral or topical NSAIDs",
        NonInjectionOption.Surgery => "Surgery referral",
        NonInjectionOption.NoTreatment => "No treatment for now",
        _ => o.ToString(),
    };

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

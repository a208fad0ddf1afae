namespace Talus.Clinical;

/// <summary>What is injected into the joint (SPEC §6.2 rows, plus the conventional comparators of §5.3).</summary>
public enum InjectionProduct
{
    /// <summary>Platelet-rich plasma: autologous blood component, not an HCT/P.</summary>
    PlateletRichPlasma,
    /// <summary>Unconcentrated bone-marrow aspirate, same procedure.</summary>
    BoneMarrowAspirate,
    /// <summary>Bone-marrow aspirate concentrate, point-of-care centrifugation.</summary>
    BoneMarrowAspirateConcentrate,
    /// <summary>Micro-fragmented adipose tissue (mechanical, no enzymes).</summary>
    MicrofragmentedAdipose,
    /// <summary>Stromal vascular fraction (enzymatic or mechanical isolation of the cellular fraction).</summary>
    StromalVascularFraction,
    /// <summary>Culture-expanded mesenchymal stromal cells, any source.</summary>
    CultureExpandedMsc,
    /// <summary>Allogeneic umbilical cord / Wharton's jelly / amniotic product.</summary>
    AllogeneicPerinatal,
    /// <summary>Intra-articular corticosteroid.</summary>
    Corticosteroid,
    /// <summary>Intra-articular hyaluronic acid.</summary>
    HyaluronicAcid,
}

/// <summary>Whose cells: the patient's own or a donor's.</summary>
public enum TissueSource
{
    Autologous,
    Allogeneic,
}

/// <summary>Facts about a product that its category does not already imply.</summary>
public static class InjectionProducts
{
    /// <summary>Products made of human cells or tissue (everything except PRP, steroid and HA).</summary>
    public static bool IsCellBased(InjectionProduct product) =>
        product is not (InjectionProduct.PlateletRichPlasma or InjectionProduct.Corticosteroid or InjectionProduct.HyaluronicAcid);

    /// <summary>Products that need a bone-marrow or adipose harvest from the patient on the day.</summary>
    public static bool NeedsTissueHarvest(InjectionProduct product) =>
        product is InjectionProduct.BoneMarrowAspirate or InjectionProduct.BoneMarrowAspirateConcentrate
            or InjectionProduct.MicrofragmentedAdipose or InjectionProduct.StromalVascularFraction;

    /// <summary>Products needing a bone-marrow harvest, where marrow malignancy matters (SPEC §2.2 A4).</summary>
    public static bool NeedsMarrowHarvest(InjectionProduct product) =>
        product is InjectionProduct.BoneMarrowAspirate or InjectionProduct.BoneMarrowAspirateConcentrate;
}

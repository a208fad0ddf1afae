namespace Talus.Clinical;

/// <summary>The foot and ankle joints the program treats (SPEC §1.5).</summary>
public enum Joint
{
    /// <summary>Tibiotalar (ankle) joint.</summary>
    Ankle,
    /// <summary>Subtalar joint, posterior facet.</summary>
    Subtalar,
    /// <summary>Talonavicular joint (Chopart).</summary>
    Talonavicular,
    /// <summary>Calcaneocuboid joint (Chopart).</summary>
    Calcaneocuboid,
    /// <summary>Tarsometatarsal (Lisfranc) and naviculocuneiform joints.</summary>
    Midfoot,
    /// <summary>First metatarsophalangeal joint (hallux).</summary>
    FirstMtp,
}

/// <summary>Laterality is always explicit; bilateral is two joint records (SPEC §0).</summary>
public enum Side
{
    Right,
    Left,
}

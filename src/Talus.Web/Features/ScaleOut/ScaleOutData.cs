using Microsoft.EntityFrameworkCore;

namespace Talus.Web.Features.ScaleOut;

/// <summary>One data-protection key (XML) of the key ring every instance shares: cookies, bearer tokens, antiforgery.</summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

/// <summary>Which instance runs a background job until <see cref="ExpiresAt"/>; a crashed holder's lease simply runs out.</summary>
public sealed class WorkerLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>Hits of one rate-limit key in one fixed window (window number = Unix seconds / window length), shared by all instances.</summary>
public sealed class RateCounter
{
    public required string Key { get; set; }
    public long Window { get; set; }
    public int Count { get; set; }
    /// <summary>When the row may be deleted (the window's end).</summary>
    public DateTime ExpiresAt { get; set; }
}

public static class ScaleOutModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<DataProtectionKeyRow>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.Property(k => k.Xml).HasMaxLength(20_000);
        });
        b.Entity<WorkerLease>(e =>
        {
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(100);
            e.Property(l => l.Holder).HasMaxLength(200);
        });
        b.Entity<RateCounter>(e =>
        {
            e.HasKey(c => new { c.Key, c.Window });
            e.Property(c => c.Key).HasMaxLength(300);
            e.HasIndex(c => c.ExpiresAt);
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Billing;

/// <summary>What obliges the practice to give a Good Faith Estimate (SPEC §7.2 timing table).</summary>
public enum GfeTrigger
{
    /// <summary>A self-pay service was scheduled ≥ 3 business days ahead.</summary>
    Scheduled,
    /// <summary>The patient asked for an estimate (portal or staff).</summary>
    Requested,
    /// <summary>Scope or charges changed after issue: a new version ≥ 1 business day before the service.</summary>
    Changed,
}

public enum GfeDueStatus { Open, Issued }

/// <summary>
/// A Good Faith Estimate the practice owes, with its deadline from the business-day rules (SPEC §7.2). Closed by the
/// first GFE issued for the patient on or after it was created.
/// </summary>
public sealed class GfeDueItem : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public int LocationId { get; set; }
    public GfeTrigger Trigger { get; set; }
    public Guid? AppointmentId { get; set; }
    /// <summary>The scheduled service date (local), when the trigger is a booking.</summary>
    public DateOnly? ServiceDate { get; set; }
    /// <summary>The practice-local day of the booking or request: business days count from it.</summary>
    public DateOnly TriggeredOn { get; set; }
    public DateOnly DueBy { get; set; }
    public int LeadBusinessDays { get; set; }
    /// <summary>The rule's explanation, for staff (e.g. "Scheduled 8 business days ahead (3–9): due within 1 business day").</summary>
    public required string Rule { get; set; }
    public GfeDueStatus Status { get; set; }
    public Guid? IssuedGfeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
}

/// <summary>
/// One issued version of a patient's Good Faith Estimate: the full content as issued (JSON) and the PDF given to the
/// patient. Written once and never changed or deleted (kept ≥ 6 years, SPEC §7.2 retention): a change of scope or
/// charges issues the next version of the same series.
/// </summary>
public sealed class GoodFaithEstimateRecord : IPatientRecord, IImmutableRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    /// <summary>The estimate series it was issued from (Estimate.SeriesId).</summary>
    public Guid SeriesId { get; set; }
    /// <summary>1, 2, 3… per series.</summary>
    public int Version { get; set; }
    public Guid EstimateId { get; set; }
    public int EstimateVersion { get; set; }
    public int LocationId { get; set; }
    public DateOnly? ServiceDate { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateTime IssuedAt { get; set; }
    public string? IssuedBy { get; set; }
    public long TotalCents { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>The issued content (<see cref="GfeContent"/>) as JSON.</summary>
    public required string ContentJson { get; set; }
    public required byte[] Pdf { get; set; }
    public required string PdfSha256 { get; set; }
}

/// <summary>
/// The final billed amount of one provider or facility for an issued GFE (bill reconciliation, SPEC §7.2). A correction
/// adds a row; the latest row per provider applies.
/// </summary>
public sealed class BilledAmount : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid GfeId { get; set; }
    public required string EntityNpi { get; set; }
    public long BilledCents { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>The date of the initial bill: the 120-day dispute window counts from it.</summary>
    public DateOnly BilledOn { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

public enum DisputeStatus { Open, Closed }

/// <summary>
/// A patient-provider dispute about one provider's bill. While it is open the bill may not go to collections and late
/// fees are suspended (45 CFR 149.620; SPEC §7.2): <see cref="CollectionsPaused"/>.
/// </summary>
public sealed class Dispute : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid GfeId { get; set; }
    public required string EntityNpi { get; set; }
    public DisputeStatus Status { get; set; }
    public DateOnly OpenedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public Guid Concurrency { get; set; } = Ids.NewVersion();

    public bool CollectionsPaused => Status == DisputeStatus.Open;
}

public static class GfeModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<GfeDueItem>(e =>
        {
            e.HasIndex(x => new { x.Status, x.DueBy });
            e.HasIndex(x => new { x.PatientId, x.Status });
            e.Property(x => x.Rule).HasMaxLength(400);
        });
        b.Entity<GoodFaithEstimateRecord>(e =>
        {
            e.HasIndex(x => new { x.SeriesId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.PatientId, x.IssuedAt });
            e.HasIndex(x => x.IssuedOn);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.PdfSha256).HasMaxLength(64);
            e.Property(x => x.ContentJson).HasMaxLength(200_000);
        });
        b.Entity<BilledAmount>(e =>
        {
            e.HasIndex(x => new { x.GfeId, x.EntityNpi, x.RecordedAt });
            e.Property(x => x.EntityNpi).HasMaxLength(10);
            e.Property(x => x.Currency).HasMaxLength(3);
        });
        b.Entity<Dispute>(e =>
        {
            e.HasIndex(x => new { x.GfeId, x.EntityNpi });
            e.HasIndex(x => new { x.Status, x.PatientId });
            e.Property(x => x.EntityNpi).HasMaxLength(10);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.Concurrency).IsConcurrencyToken();
            e.Ignore(x => x.CollectionsPaused);
        });
    }
}

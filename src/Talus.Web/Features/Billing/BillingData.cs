using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Billing;

public enum BillingEntityKind { Provider, Facility }

/// <summary>
/// A provider or facility that bills items of the price book, at one location: what a Good Faith Estimate names for
/// each group of items (SPEC §7.2 element 5: name, NPI, TIN, state and office location).
/// </summary>
public sealed class BillingEntity : IAuditedRecord
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public Location? Location { get; set; }
    public BillingEntityKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>10-digit National Provider Identifier (Luhn check digit over the prefix 80840).</summary>
    public required string Npi { get; set; }
    /// <summary>Taxpayer identification number, 9 digits written NN-NNNNNNN.</summary>
    public required string Tin { get; set; }
    public required string AddressLine { get; set; }
    public required string City { get; set; }
    public string State { get; set; } = "CA";
    public required string PostalCode { get; set; }
    public bool IsActive { get; set; } = true;
}

public enum PriceBookStatus { Draft, Active, Retired }

/// <summary>
/// One version of a location's prices. An active book is never edited: a change makes the next version (a draft),
/// which applies from its effective date once activated; the earlier book then ends the day before.
/// </summary>
public sealed class PriceBook : IAuditedRecord
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public Location? Location { get; set; }
    /// <summary>1, 2, 3… per location.</summary>
    public int Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Last day the book applies; null while it is open-ended.</summary>
    public DateOnly? EffectiveTo { get; set; }
    public PriceBookStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public string? ActivatedBy { get; set; }
    public Guid Concurrency { get; set; } = Ids.NewVersion();
    public List<PriceItem> Items { get; set; } = [];

    public bool AppliesOn(DateOnly day) => Status != PriceBookStatus.Draft && EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo);
}

/// <summary>What a price-book item is; every item of the practice's episode and its alternatives (issue list, SPEC §7.1).</summary>
public enum PriceItemKind
{
    Consultation,
    XRay,
    Mri,
    LabPanel,
    BoneMarrowHarvest,
    AdiposeHarvest,
    /// <summary>Processing of the harvested tissue; the product (cell source and method) says which.</summary>
    CellProcessing,
    UltrasoundGuidance,
    FluoroscopyGuidance,
    SmallJointInjection,
    IntermediateJointInjection,
    /// <summary>A product received from outside (allogeneic); the product says which.</summary>
    CellProduct,
    FollowUpVisit,
    FollowUpImaging,
    PlateletRichPlasma,
    Corticosteroid,
    HyaluronicAcid,
    CustomOrthotics,
    PhysicalTherapyVisit,
    BraceOffTheShelf,
    BraceCustom,
}

/// <summary>One priced item of a price book, in integer cents, billed by one provider or facility.</summary>
public sealed class PriceItem : IAuditedRecord
{
    public int Id { get; set; }
    public int PriceBookId { get; set; }
    public PriceItemKind Kind { get; set; }
    /// <summary>For processing and products: which cell source and method (e.g. BMAC, micro-fragmented adipose).</summary>
    public InjectionProduct? Product { get; set; }
    public required string Description { get; set; }
    /// <summary>CPT or HCPCS code (SPEC §8.2); our own description, never the AMA descriptor.</summary>
    public required string ServiceCode { get; set; }
    public long UnitCents { get; set; }
    public string Currency { get; set; } = "USD";
    public int BillingEntityId { get; set; }
    public BillingEntity? BillingEntity { get; set; }
}

public enum CoverageStatus
{
    /// <summary>No health coverage.</summary>
    Uninsured,
    /// <summary>Insured, but the patient pays and no claim is submitted (a "self-pay" individual, SPEC §7.2).</summary>
    InsuredSelfPay,
    /// <summary>Insured, and the practice bills the payer.</summary>
    InsuredBilling,
}

/// <summary>
/// The coverage status the practice asked the patient and recorded (SPEC §7.2: providers must ask). Never edited: a new
/// answer adds a row, the latest one applies.
/// </summary>
public sealed class Coverage : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public CoverageStatus Status { get; set; }
    public string? PayerName { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

public enum PayerDecision
{
    Covered,
    /// <summary>Not covered: investigational / experimental (SPEC §7.1 "Insurance").</summary>
    NotCoveredExperimental,
    PriorAuthorization,
}

/// <summary>
/// A payer's rule for an item kind or a service code. Without a rule, cell-based products and PRP are not covered
/// (SPEC §7.1 "Insurance" [D]) and other items are covered.
/// </summary>
public sealed class PayerRule : IAuditedRecord
{
    public int Id { get; set; }
    public required string PayerName { get; set; }
    /// <summary>The rule applies to this kind…</summary>
    public PriceItemKind? Kind { get; set; }
    /// <summary>…or to this service code (a code rule wins over a kind rule).</summary>
    public string? ServiceCode { get; set; }
    public PayerDecision Decision { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

public enum EstimateStatus { Draft, Presented, Accepted, Superseded }

public enum PaymentOption { PayInFull, Deposit, Instalments }

/// <summary>
/// One version of a patient's episode estimate. Once presented to the patient its content never changes: a change
/// makes the next version of the same series and the presented one becomes Superseded.
/// </summary>
public sealed class Estimate : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    /// <summary>The same for every version of one episode's estimate (the id of version 1).</summary>
    public Guid SeriesId { get; set; }
    public int Version { get; set; }
    public EstimateStatus Status { get; set; }
    public int LocationId { get; set; }
    public int? PriceBookId { get; set; }
    public Guid? TreatmentPlanId { get; set; }
    public Guid? EpisodeId { get; set; }
    /// <summary>The primary service in plain words (e.g. "Bone marrow concentrate injection, right ankle").</summary>
    public required string Title { get; set; }
    /// <summary>ICD-10-CM codes, space-separated (SPEC §8.1).</summary>
    public string DiagnosisCodes { get; set; } = "";
    public CoverageStatus Coverage { get; set; }
    public string? PayerName { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>Sum of the lines within the episode (separately scheduled lines excluded).</summary>
    public long TotalCents { get; set; }
    public long PatientResponsibilityCents { get; set; }
    public PaymentOption? PaymentOption { get; set; }
    /// <summary>Pay in full: the discount taken off the patient responsibility.</summary>
    public long DiscountCents { get; set; }
    public long DepositCents { get; set; }
    public int InstalmentCount { get; set; }
    public DateOnly? FirstInstalmentDue { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? PresentedAt { get; set; }
    public string? PresentedBy { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? SupersededAt { get; set; }
    public Guid Concurrency { get; set; } = Ids.NewVersion();
    public List<EstimateLine> Lines { get; set; } = [];

    public bool IsFrozen => Status != EstimateStatus.Draft;
}

/// <summary>
/// One line of an estimate. The billing entity is copied (name, NPI, TIN, address, state) so an issued document never
/// changes when the price book or the entity changes.
/// </summary>
public sealed class EstimateLine : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid EstimateId { get; set; }
    public Guid PatientId { get; set; }
    public int Order { get; set; }
    public PriceItemKind? Kind { get; set; }
    public required string Description { get; set; }
    public required string ServiceCode { get; set; }
    public string? Modifier { get; set; }
    public int Quantity { get; set; } = 1;
    public long UnitCents { get; set; }
    /// <summary>Scheduled separately, before or after the episode (e.g. a repeat injection within 12 months; SPEC §7.2 element 6): shown, not in the totals.</summary>
    public bool SeparatelyScheduled { get; set; }
    public PayerDecision? PayerDecision { get; set; }
    public long PatientCents { get; set; }
    public int? BillingEntityId { get; set; }
    public required string EntityName { get; set; }
    public required string EntityNpi { get; set; }
    public required string EntityTin { get; set; }
    public required string EntityAddress { get; set; }
    public required string EntityCity { get; set; }
    public required string EntityState { get; set; }
    public required string EntityPostalCode { get; set; }

    public long TotalCents => checked(UnitCents * Quantity);
}

public static class BillingModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<BillingEntity>(e =>
        {
            e.HasOne(x => x.Location).WithMany().HasForeignKey(x => x.LocationId);
            e.HasIndex(x => new { x.LocationId, x.Npi }).IsUnique();
            e.Property(x => x.Npi).HasMaxLength(10);
            e.Property(x => x.Tin).HasMaxLength(10);
            e.Property(x => x.State).HasMaxLength(2);
            e.Property(x => x.PostalCode).HasMaxLength(10);
        });
        b.Entity<PriceBook>(e =>
        {
            e.HasOne(x => x.Location).WithMany().HasForeignKey(x => x.LocationId);
            e.HasIndex(x => new { x.LocationId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.LocationId, x.Status, x.EffectiveFrom });
            e.Property(x => x.Concurrency).IsConcurrencyToken();
            e.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.PriceBookId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PriceItem>(e =>
        {
            e.HasOne(x => x.BillingEntity).WithMany().HasForeignKey(x => x.BillingEntityId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.ServiceCode).HasMaxLength(10);
            e.Property(x => x.Currency).HasMaxLength(3);
        });
        b.Entity<Coverage>(e => e.HasIndex(x => new { x.PatientId, x.RecordedAt }));
        b.Entity<PayerRule>(e =>
        {
            e.HasIndex(x => new { x.PayerName, x.Kind, x.ServiceCode }).IsUnique();
            e.Property(x => x.ServiceCode).HasMaxLength(10);
        });
        b.Entity<Estimate>(e =>
        {
            e.HasIndex(x => new { x.SeriesId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.PatientId, x.CreatedAt });
            e.HasIndex(x => new { x.Status, x.LocationId });
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.DiagnosisCodes).HasMaxLength(200);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Concurrency).IsConcurrencyToken();
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.EstimateId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(x => x.IsFrozen);
        });
        b.Entity<EstimateLine>(e =>
        {
            e.HasIndex(x => new { x.EstimateId, x.Order });
            e.Property(x => x.ServiceCode).HasMaxLength(10);
            e.Property(x => x.Modifier).HasMaxLength(4);
            e.Property(x => x.EntityNpi).HasMaxLength(10);
            e.Property(x => x.EntityTin).HasMaxLength(10);
            e.Property(x => x.EntityState).HasMaxLength(2);
            e.Property(x => x.EntityPostalCode).HasMaxLength(10);
            e.Ignore(x => x.TotalCents);
        });
    }
}

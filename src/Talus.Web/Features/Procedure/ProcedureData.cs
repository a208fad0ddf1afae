using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Procedure;

public enum HarvestSite { None, PosteriorIliacCrest, AnteriorIliacCrest, ProximalTibia, Calcaneus, AbdominalFat, FlankFat, ThighFat, PeripheralBlood, Other }

public enum Anesthesia { Local, LocalWithOralSedation, RegionalBlock, None }

/// <summary>
/// The structured record of one injection procedure (PRODUCT capability 9): what was taken, how it was processed, what
/// was injected where, by whom, and the regulatory classification and consent it was done under. The dated after-care
/// plan (SPEC §4.7) is generated and stored with it.
/// </summary>
public sealed class ProcedureRecord : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid PlanId { get; set; }
    public int PlanVersion { get; set; }
    public Guid ConsentPacketId { get; set; }
    public DateOnly PerformedOn { get; set; }
    public int LocationId { get; set; }
    public int OperatorId { get; set; }
    public StaffMember? Operator { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    public InjectionProduct Product { get; set; }
    public TissueSource Source { get; set; }
    public HarvestSite HarvestSite { get; set; }
    public string? ProcessingSystem { get; set; }
    public string? ProcessingSettings { get; set; }
    public decimal? HarvestVolumeMl { get; set; }
    public decimal InjectateVolumeMl { get; set; }
    /// <summary>Total nucleated cells, millions (if measured).</summary>
    public decimal? NucleatedCellsMillions { get; set; }
    /// <summary>Platelet count of the injectate, ×10³/µL (if measured).</summary>
    public decimal? PlateletCountThousandsPerMicroliter { get; set; }
    public ImageGuidance ImageGuidance { get; set; }
    public Anesthesia Anesthesia { get; set; }
    public int? DurationMinutes { get; set; }
    /// <summary>For any product received from outside the practice: lot, donor id and expiry.</summary>
    public string? ExternalLot { get; set; }
    public string? ExternalDonorId { get; set; }
    public DateOnly? ExternalExpiry { get; set; }
    public string? Complications { get; set; }
    public RegulatoryFlag Flag { get; set; }
    public string? IndNumber { get; set; }
    /// <summary>The classification reasons as recorded (JSON), so the decision can be reproduced.</summary>
    public required string ClassificationJson { get; set; }
    /// <summary>The after-care plan generated for this procedure (JSON of AfterCareInstruction[]).</summary>
    public required string AfterCareJson { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public List<AdverseEvent> AdverseEvents { get; set; } = [];
}

public enum AdverseEventType { PostInjectionFlare, Infection, BleedingOrBruising, HarvestSitePain, NerveInjury, VasovagalReaction, AnestheticReaction, AllergicReaction, Other }

public enum Severity { Mild, Moderate, Severe, LifeThreatening }

public enum AdverseOutcome { Resolved, Resolving, NotResolved, ResolvedWithSequelae, Fatal, Unknown }

public enum Relatedness { Related, PossiblyRelated, Unlikely, NotRelated }

/// <summary>An adverse event after a procedure; can be added at any time later.</summary>
public sealed class AdverseEvent : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid ProcedureId { get; set; }
    public AdverseEventType Type { get; set; }
    public string? Description { get; set; }
    public Severity Severity { get; set; }
    public DateOnly OnsetOn { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public AdverseOutcome Outcome { get; set; }
    public Relatedness RelatedToProcedure { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

public static class ProcedureModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ProcedureRecord>(e =>
        {
            e.HasIndex(p => new { p.PatientId, p.PerformedOn });
            // Treated joints and their repeat injections read from the index alone (JointSurvivals.BackfillSql).
            e.HasIndex(p => new { p.PatientId, p.Joint, p.Side, p.PerformedOn, p.Id });
            // The registry's adverse-event counts per product read the procedures from this index alone, not the wide table (BuildRegistry.AdverseEventsSql).
            e.HasIndex(p => new { p.Product, p.Source, p.Id });
            e.HasOne(p => p.Operator).WithMany().HasForeignKey(p => p.OperatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Location>().WithMany().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.AdverseEvents).WithOne().HasForeignKey(a => a.ProcedureId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.HarvestVolumeMl).HasPrecision(7, 1);
            e.Property(p => p.InjectateVolumeMl).HasPrecision(7, 1);
            e.Property(p => p.NucleatedCellsMillions).HasPrecision(10, 2);
            e.Property(p => p.PlateletCountThousandsPerMicroliter).HasPrecision(10, 1);
            e.Property(p => p.Complications).HasMaxLength(4000);
            e.Property(p => p.ClassificationJson).HasMaxLength(20000);
            e.Property(p => p.AfterCareJson).HasMaxLength(20000);
        });
        b.Entity<AdverseEvent>(e =>
        {
            e.HasIndex(a => a.PatientId);
            e.Property(a => a.Description).HasMaxLength(4000);
        });
    }
}

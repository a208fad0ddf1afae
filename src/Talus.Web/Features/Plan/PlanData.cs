using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Plan;

/// <summary>A chosen option that is not an injection (PRODUCT: alternatives beside the injections).</summary>
public enum NonInjectionOption { PhysicalTherapy, CustomOrthotics, Bracing, ActivityModification, WeightLoss, OralOrTopicalNsaids, Surgery, NoTreatment }

/// <summary>
/// One version of a patient's treatment plan for one joint on one side. A change never overwrites: it adds the next
/// version and marks the previous one superseded, so the history (and what each consent was given for) is kept.
/// </summary>
public sealed class TreatmentPlan : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    /// <summary>1, 2, 3… per patient, joint and side.</summary>
    public int Version { get; set; }
    /// <summary>The injected product, when the plan includes an injection.</summary>
    public InjectionProduct? Product { get; set; }
    public TissueSource Source { get; set; } = TissueSource.Autologous;
    /// <summary>IND number when a 351 product is used under a research protocol (SPEC §6.3).</summary>
    public string? IndNumber { get; set; }
    /// <summary>The chosen option when no injection is planned.</summary>
    public NonInjectionOption? Alternative { get; set; }
    public int PlannedInjections { get; set; }
    public required string Rationale { get; set; }
    public string? PhysicalTherapy { get; set; }
    public string? Orthotics { get; set; }
    public string? ActivityChanges { get; set; }
    public string? WeightManagement { get; set; }
    /// <summary>The decision aid the patient was shown, and its content version.</summary>
    public Guid? DecisionAidRecordId { get; set; }
    public string? DecisionAidContentVersion { get; set; }
    /// <summary>The latest candidacy assessment for this joint when the version was made.</summary>
    public Guid? CandidacyAssessmentId { get; set; }
    public CandidacyVerdict? CandidacyVerdict { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? SupersededAt { get; set; }

    public bool IsCurrent => SupersededAt is null;
}

public static class PlanModel
{
    public static void Configure(ModelBuilder b) => b.Entity<TreatmentPlan>(e =>
    {
        e.HasIndex(p => new { p.PatientId, p.Joint, p.Side, p.Version }).IsUnique();
        e.Property(p => p.Rationale).HasMaxLength(4000);
        e.Property(p => p.PhysicalTherapy).HasMaxLength(2000);
        e.Property(p => p.Orthotics).HasMaxLength(2000);
        e.Property(p => p.ActivityChanges).HasMaxLength(2000);
        e.Property(p => p.WeightManagement).HasMaxLength(2000);
        e.Ignore(p => p.IsCurrent);
    });
}

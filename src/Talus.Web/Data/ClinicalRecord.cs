using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.Instruments;

namespace Talus.Web.Data;

// The patient's clinical record: intake, questionnaires, evaluations, imaging, labs, candidacy, decision aid.
// Every entity belongs to one patient (IPatientRecord), so each write is audited with that patient.
// Records are added, never overwritten: a new evaluation or assessment is a new row.

public enum RecordStatus { Draft, Submitted }

public enum EnteredBy { Staff, Patient }

public enum ActivityLevel { Sedentary, Light, Moderate, Active, Athletic }

public enum SmokingStatus { Never, Former, Current }

/// <summary>
/// What the patient tells the practice before the evaluation. A patient may save a draft and come back; staff may
/// enter or complete it. Null means "not answered yet" (candidacy then names what is missing).
/// </summary>
public sealed class Intake : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public RecordStatus Status { get; set; }
    public EnteredBy EnteredBy { get; set; }
    /// <summary>The joint that brings the patient in.</summary>
    public Joint? TargetJoint { get; set; }
    public Side? TargetSide { get; set; }
    public int? SymptomDurationMonths { get; set; }
    /// <summary>How long conservative care has been tried (inclusion rule I3, SPEC §2.1).</summary>
    public int? ConservativeCareMonths { get; set; }
    public int? PainNrsAverage { get; set; }
    public int? PainNrsWorst { get; set; }
    public string? Goals { get; set; }
    public ActivityLevel? ActivityLevel { get; set; }
    public bool? SportsActive { get; set; }
    public SmokingStatus? Smoking { get; set; }
    public decimal? HeightCm { get; set; }
    public decimal? WeightKg { get; set; }

    // Medical history the contraindication rules need (SPEC §2.2, §2.3).
    public bool? Diabetic { get; set; }
    public bool? KnownCoagulopathy { get; set; }
    public bool? PlateletDysfunction { get; set; }
    public bool? InflammatoryArthritis { get; set; }
    public bool? ActiveMalignancy { get; set; }
    public bool? HematologicOrBoneMalignancy { get; set; }
    public bool? MalignancyHistory { get; set; }
    public DateOnly? MalignancyLastActiveOn { get; set; }
    public bool? PregnantOrBreastfeeding { get; set; }
    /// <summary>Fever or illness in the last two weeks (rule R12); the date says when it began.</summary>
    public bool? RecentFeverOrIllness { get; set; }
    public DateOnly? RecentFeverOrIllnessOn { get; set; }
    public bool? CanCompleteFollowUp { get; set; }
    public string? OtherHistory { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public Guid Version { get; set; } = Ids.NewVersion();

    public List<MedicationEntry> Medications { get; set; } = [];
    public List<PriorTreatment> PriorTreatments { get; set; } = [];
    public List<AllergyEntry> Allergies { get; set; } = [];

    public decimal? Bmi => HeightCm is > 0 && WeightKg is > 0 ? Math.Round(WeightKg.Value / (HeightCm.Value / 100m * (HeightCm.Value / 100m)), 1) : null;
}

/// <summary>The medication classes the washout and contraindication rules read (SPEC §2.3, §2.4).</summary>
public enum MedicationClass { Anticoagulant, Nsaid, SystemicCorticosteroid, Immunosuppressant, LowDoseAspirin, Other }

public sealed class MedicationEntry : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid IntakeId { get; set; }
    public required string Name { get; set; }
    public MedicationClass Class { get; set; }
    public string? Dose { get; set; }
    public bool Ongoing { get; set; }
    public DateOnly? LastDoseOn { get; set; }
}

public enum PriorTreatmentKind
{
    ActivityModification, PhysicalTherapy, Bracing, Orthotics, NsaidsOrAnalgesics,
    CorticosteroidInjection, HyaluronicAcidInjection, PrpInjection, CellInjection, Surgery, Arthroscopy,
}

/// <summary>A treatment tried before, with dates (conservative care for rule I3; injections and surgery for washouts).</summary>
public sealed class PriorTreatment : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid IntakeId { get; set; }
    public PriorTreatmentKind Kind { get; set; }
    public Joint? Joint { get; set; }
    public Side? Side { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? LastOn { get; set; }
    public bool? Helped { get; set; }
    public string? Notes { get; set; }
}

public sealed class AllergyEntry : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid IntakeId { get; set; }
    public required string Substance { get; set; }
    public string? Reaction { get; set; }
}

public enum LinkPurpose { Intake, Questionnaire }

/// <summary>
/// A secure, expiring link a patient opens without signing in (intake, a follow-up questionnaire). Only the SHA-256
/// hash of the token is stored; the token itself appears once, in the link sent to the patient.
/// </summary>
public sealed class PatientLink : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public LinkPurpose Purpose { get; set; }
    /// <summary>What the link opens (an intake id, a scheduled questionnaire id), if any.</summary>
    public Guid? TargetId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? CreatedBy { get; set; }
}

public enum QuestionnaireContext { Baseline, FollowUp, Other }

/// <summary>One completed (or partly completed) questionnaire with its scores, computed server-side on submit.</summary>
public sealed class QuestionnaireResponse : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public InstrumentId Instrument { get; set; }
    public QuestionnaireContext Context { get; set; }
    /// <summary>The program visit (e.g. "V3") for follow-up questionnaires.</summary>
    public string? Visit { get; set; }
    /// <summary>The follow-up visit these answers are for (null = baseline or unscheduled).</summary>
    public Guid? FollowUpVisitId { get; set; }
    public Joint? Joint { get; set; }
    public Side? Side { get; set; }
    public RecordStatus Status { get; set; }
    public EnteredBy EnteredBy { get; set; }
    /// <summary>Answers as a JSON object item key → value (null = not answered).</summary>
    public required string AnswersJson { get; set; }
    /// <summary>Scores as a JSON object subscale key → unrounded score (null = invalid), empty for drafts.</summary>
    public string ScoresJson { get; set; } = "{}";
    /// <summary>The scoring rule used, so a score can be reproduced (e.g. "FAOS Koos2012HalfAnswered").</summary>
    public string? ScoringVersion { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A clinician's examination of one joint on one side, on one date. Never overwritten.</summary>
public sealed class Evaluation : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public DateOnly ExaminedOn { get; set; }
    public int? ClinicianId { get; set; }
    public StaffMember? Clinician { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    /// <summary>Coronal malalignment / talar tilt in degrees (rule R10).</summary>
    public decimal? MalalignmentDegrees { get; set; }
    public string? Alignment { get; set; }
    public bool? Instability { get; set; }
    public bool? MechanicalSymptoms { get; set; }
    public bool? InfectionAtSite { get; set; }
    public bool? HemodynamicInstability { get; set; }
    public bool? CanGiveInformedConsent { get; set; }
    public int? DorsiflexionDegrees { get; set; }
    public int? PlantarflexionDegrees { get; set; }
    public bool? PainAtMidRange { get; set; }
    public int? PainNrs { get; set; }
    public string? Notes { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

public enum ImagingModality { WeightBearingRadiograph, Mri, Ultrasound, Ct }

public sealed class ImagingStudy : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public ImagingModality Modality { get; set; }
    public DateOnly PerformedOn { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    public string? Report { get; set; }
    public DateTime RecordedAt { get; set; }
    public List<ImagingGrade> Grades { get; set; } = [];
}

/// <summary>One grade in one grading system by one reader. Systems are never converted into each other (SPEC §1.2).</summary>
public sealed class ImagingGrade : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid ImagingStudyId { get; set; }
    public GradingSystem System { get; set; }
    public required string Value { get; set; }
    public required string Reader { get; set; }
    public DateOnly ReadOn { get; set; }
    public required string DefinitionVersion { get; set; }
}

/// <summary>A laboratory result with its unit and reference range (LOINC codes, SPEC §2.5, §8.3).</summary>
public sealed class LabResult : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public required string Loinc { get; set; }
    public required string Name { get; set; }
    public decimal Value { get; set; }
    public required string Unit { get; set; }
    public decimal? ReferenceLow { get; set; }
    public decimal? ReferenceHigh { get; set; }
    public DateOnly CollectedOn { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// A candidacy assessment as run: the rules version, the exact input and the result (JSON), so it can be reproduced;
/// and a clinician's override with its required reason, keeping what it overrode.
/// </summary>
public sealed class CandidacyAssessment : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    public InjectionProduct Product { get; set; }
    public DateOnly AssessedOn { get; set; }
    public required string RulesVersion { get; set; }
    public required string InputJson { get; set; }
    public required string ResultJson { get; set; }
    public CandidacyVerdict Verdict { get; set; }
    /// <summary>The grade band of the result (SPEC §1.6), copied from it so the registry can slice by band in SQL.</summary>
    public CandidacyBand? Band { get; set; }
    public DateOnly? EarliestEligibleDate { get; set; }
    public string? AssessedBy { get; set; }
    public DateTime At { get; set; }
    public CandidacyVerdict? OverrideVerdict { get; set; }
    public string? OverrideReason { get; set; }
    public string? OverriddenBy { get; set; }
    public DateTime? OverriddenAt { get; set; }
}

/// <summary>The decision aid as a patient saw it: its content version and the options with their numbers (JSON).</summary>
public sealed class DecisionAidRecord : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    /// <summary>Version of the decision-aid content and model (e.g. "decision-aid 1.0 / prior 2025.1").</summary>
    public required string ContentVersion { get; set; }
    public required string OptionsJson { get; set; }
    public string? ChosenOption { get; set; }
    public DateTime ShownAt { get; set; }
    public string? ShownBy { get; set; }
}

public static class ClinicalRecordModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Intake>(e =>
        {
            e.HasIndex(i => new { i.PatientId, i.StartedAt });
            e.Property(i => i.Version).IsConcurrencyToken();
            e.Property(i => i.Goals).HasMaxLength(2000);
            e.Property(i => i.OtherHistory).HasMaxLength(4000);
            e.Ignore(i => i.Bmi);
            e.HasMany(i => i.Medications).WithOne().HasForeignKey(m => m.IntakeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(i => i.PriorTreatments).WithOne().HasForeignKey(m => m.IntakeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(i => i.Allergies).WithOne().HasForeignKey(m => m.IntakeId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MedicationEntry>().HasIndex(m => m.PatientId);
        b.Entity<PriorTreatment>().HasIndex(m => m.PatientId);
        b.Entity<AllergyEntry>().HasIndex(m => m.PatientId);
        b.Entity<PatientLink>(e =>
        {
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasIndex(l => l.PatientId);
        });
        b.Entity<QuestionnaireResponse>(e =>
        {
            e.HasIndex(q => new { q.PatientId, q.Instrument, q.CompletedOn });
            // The chart's latest baseline answer per instrument: one probe, whatever the number of answers.
            e.HasIndex(q => new { q.PatientId, q.Context, q.Status, q.Instrument, q.UpdatedAt });
            e.HasIndex(q => q.FollowUpVisitId);
            e.Property(q => q.AnswersJson).HasMaxLength(8000);
            e.Property(q => q.ScoresJson).HasMaxLength(4000);
        });
        b.Entity<Evaluation>(e =>
        {
            e.HasIndex(x => new { x.PatientId, x.ExaminedOn });
            e.Property(x => x.Notes).HasMaxLength(4000);
        });
        b.Entity<ImagingStudy>(e =>
        {
            e.HasIndex(x => new { x.PatientId, x.PerformedOn });
            e.Property(x => x.Report).HasMaxLength(8000);
            e.HasMany(x => x.Grades).WithOne().HasForeignKey(g => g.ImagingStudyId).OnDelete(DeleteBehavior.Cascade);
        });
        // A patient's grades by date: the Observation search and the bulk export read them by patient (decision 0017).
        b.Entity<ImagingGrade>().HasIndex(x => new { x.PatientId, x.ReadOn });
        b.Entity<LabResult>(e =>
        {
            e.HasIndex(x => new { x.PatientId, x.Loinc, x.CollectedOn });
            e.Property(x => x.Value).HasPrecision(12, 4);
            e.Property(x => x.ReferenceLow).HasPrecision(12, 4);
            e.Property(x => x.ReferenceHigh).HasPrecision(12, 4);
        });
        b.Entity<Intake>().Property(i => i.HeightCm).HasPrecision(6, 1);
        b.Entity<Intake>().Property(i => i.WeightKg).HasPrecision(6, 1);
        b.Entity<Evaluation>().Property(i => i.MalalignmentDegrees).HasPrecision(5, 1);
        b.Entity<CandidacyAssessment>(e =>
        {
            e.HasIndex(x => new { x.PatientId, x.At });
            e.HasIndex(x => new { x.PatientId, x.Joint, x.Side, x.AssessedOn });
            e.Property(x => x.InputJson).HasMaxLength(20000);
            e.Property(x => x.ResultJson).HasMaxLength(40000);
            e.Property(x => x.OverrideReason).HasMaxLength(2000);
        });
        b.Entity<DecisionAidRecord>(e =>
        {
            e.HasIndex(x => new { x.PatientId, x.ShownAt });
            e.Property(x => x.OptionsJson).HasMaxLength(40000);
        });
    }
}

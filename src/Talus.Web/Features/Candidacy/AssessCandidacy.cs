using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Evaluation;

using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Candidacy;

using Intake = Talus.Web.Data.Intake;

/// <summary>Which joint, side and product to assess; joint and side default to the intake's target joint.</summary>
public sealed class CandidacyRequest
{
    public Joint? Joint { get; set; }
    public Side? Side { get; set; }
    /// <summary>Defaults to BMAC, the program's main cell product.</summary>
    public InjectionProduct? Product { get; set; }
    [Display(Name = "Planned procedure date")] public DateOnly? PlannedProcedureDate { get; set; }
}

public sealed class OverrideRequest
{
    [Required(ErrorMessage = "An override needs the physician's documented reason."), StringLength(2000, MinimumLength = 1), Display(Name = "Reason")]
    public string? Reason { get; set; }
}

/// <summary>Where a missing item is entered, for the report's links.</summary>
public sealed record MissingItem(string Item, string Where, string Href);

/// <summary>A stored assessment as the report shows it: the run, the exact input, the result and any override.</summary>
public sealed record CandidacyReportView(
    Guid Id, Joint Joint, Side Side, InjectionProduct Product, DateOnly AssessedOn, string RulesVersion,
    CandidacyVerdict Verdict, CandidacyVerdict EffectiveVerdict, DateOnly? EarliestEligibleDate, CandidacyBand? Band,
    string? AssessedBy, DateTime At, CandidacyResult Result, CandidacyInput Input, IReadOnlyList<MissingItem> Missing,
    CandidacyVerdict? OverrideVerdict, string? OverrideReason, string? OverriddenBy, DateTime? OverriddenAt,
    IReadOnlyList<CandidacyFinding> Overridden);

/// <summary>
/// Builds the candidacy input from the patient's current record (latest submitted intake, latest evaluation of the target
/// joint, its imaging grades, latest labs by LOINC), runs the SPEC §2.7 rules, and stores the assessment so it can be
/// reproduced. Re-running adds a new assessment; an override with a reason is kept beside what it overrode.
/// </summary>
public static class AssessCandidacy
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };


    /// <summary>
    /// How far ahead a planned procedure date may lie: the longest assessment age a practice can configure
    /// (CandidacySettings.MaxAssessmentAgeDays, 1–365), since an assessment older than that can never clear the procedure gate.
    /// The earliest is today in the practice zone (a past date is not a plan).
    /// </summary>
    public const int PlannedDateHorizonDays = 365;

    public static async Task<Outcome<CandidacyReportView>> RunAsync(Guid patientId, CandidacyRequest? request, string? user, ClinicDb db,
        PracticeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(request) is { } invalid)
        {
            return invalid;
        }
        var today = PracticeClock.Today(clock);
        var errors = new FieldErrors();
        if (request!.PlannedProcedureDate is { } planned && (planned < today || planned > today.AddDays(PlannedDateHorizonDays)))
        {
            errors.Add("plannedProcedureDate", planned < today
                ? "The planned procedure date is in the past."
                : $"The planned procedure date must be within {PlannedDateHorizonDays} days of today (by {today.AddDays(PlannedDateHorizonDays):yyyy-MM-dd}).");
        }
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return Outcome.NotFound("No patient with this id.");
        }
        var intake = await LatestIntakeAsync(patientId, db, ct);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.PatientId == patientId).ToListAsync(ct);

        var latestExam = evaluations.OrderByDescending(e => e.ExaminedOn).ThenByDescending(e => e.RecordedAt).FirstOrDefault();
        var joint = request.Joint ?? intake?.TargetJoint ?? latestExam?.Joint;
        var side = request.Side ?? intake?.TargetSide ?? latestExam?.Side;
        if (joint is null)
        {
            errors.Add("joint", "Choose the target joint: the intake does not name one and no joint has been evaluated.");
        }
        if (side is null)
        {
            errors.Add("side", "Choose the side of the target joint.");
        }
        if (errors.ToFailure() is { } missing)
        {
            return missing;
        }

        var input = await BuildInputAsync(patient, intake, evaluations, joint!.Value, side!.Value,
            request.Product ?? InjectionProduct.BoneMarrowAspirateConcentrate, request.PlannedProcedureDate, today, db, ct);
        foreach (var e in Clinical.Candidacy.Validate(input, today))
        {
            errors.Add(InputCheck.Camel(e.Field), e.Message);
        }
        if (errors.ToFailure() is { } record)
        {
            return record;
        }

        var result = Clinical.Candidacy.Assess(input, await settings.GetAsync<CandidacySettings>(ct), today);
        var assessment = new CandidacyAssessment
        {
            PatientId = patientId,
            Joint = input.TargetJoint,
            Side = input.TargetSide,
            Product = input.Product,
            AssessedOn = today,
            RulesVersion = result.RulesVersion,
            InputJson = JsonSerializer.Serialize(input, Json),
            ResultJson = JsonSerializer.Serialize(result, Json),
            Verdict = result.Verdict,
            Band = result.Band,
            EarliestEligibleDate = result.EarliestEligibleDate,
            AssessedBy = user,
            At = clock.GetUtcNow().UtcDateTime,
        };
        db.CandidacyAssessments.Add(assessment);
        await db.SaveChangesAsync(ct);
        return ToView(assessment, patientId);
    }

    /// <summary>
    /// Overrides the relative findings of one assessment with a documented reason (SPEC §1.6, §2.3). No reason is bad input;
    /// an assessment already overridden, or with nothing overridable (absolute contraindication, missing information), is refused.
    /// </summary>
    public static async Task<Outcome<CandidacyReportView>> OverrideAsync(Guid patientId, Guid assessmentId, OverrideRequest? request, string? user,
        ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(request) is { } invalid)
        {
            return invalid;
        }
        var assessment = await db.CandidacyAssessments.FirstOrDefaultAsync(a => a.Id == assessmentId && a.PatientId == patientId, ct);
        if (assessment is null)
        {
            return Outcome.NotFound("No such assessment for this patient.");
        }
        if (assessment.OverrideVerdict is not null)
        {
            return Outcome.Refused("This assessment is already overridden. Run a new assessment to override again.");
        }
        var result = JsonSerializer.Deserialize<CandidacyResult>(assessment.ResultJson, Json)!;
        var outcome = Clinical.Candidacy.Override(result, user ?? "", request!.Reason ?? "", PracticeClock.Today(clock));
        if (!outcome.Succeeded)
        {
            var errors = new FieldErrors();
            foreach (var e in outcome.Errors.Where(e => e.Field != "verdict"))
            {
                errors.Add(InputCheck.Camel(e.Field), e.Message);
            }
            return errors.ToFailure()
                ?? Outcome.Refused(string.Join(" ", outcome.Errors.Select(e => e.Message)), [.. result.Findings.Where(f => !f.Overridable).Select(f => f.Reason)]);
        }
        var o = outcome.Override!;
        assessment.OverrideVerdict = o.Verdict;
        assessment.OverrideReason = o.OverrideReason;
        assessment.OverriddenBy = o.OverriddenBy;
        assessment.OverriddenAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return ToView(assessment, patientId);
    }

    public static async Task<List<CandidacyReportView>> HistoryAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        [.. (await db.CandidacyAssessments.AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync(ct))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id.ToString()).Select(a => ToView(a, patientId))];

    public static async Task<CandidacyReportView?> FindAsync(Guid patientId, Guid assessmentId, ClinicDb db, CancellationToken ct) =>
        await db.CandidacyAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId && a.PatientId == patientId, ct) is { } a
            ? ToView(a, patientId)
            : null;

    public static CandidacyReportView ToView(CandidacyAssessment a, Guid patientId)
    {
        var result = JsonSerializer.Deserialize<CandidacyResult>(a.ResultJson, Json)!;
        var input = JsonSerializer.Deserialize<CandidacyInput>(a.InputJson, Json)!;
        var overridden = a.OverrideVerdict is null ? [] : result.Findings.Where(f => f.Overridable).ToList();
        return new(a.Id, a.Joint, a.Side, a.Product, a.AssessedOn, a.RulesVersion, a.Verdict, a.OverrideVerdict ?? a.Verdict,
            a.EarliestEligibleDate, result.Band, a.AssessedBy, a.At, result, input, [.. result.MissingInformation.Select(m => WhereToEnter(m, patientId))],
            a.OverrideVerdict, a.OverrideReason, a.OverriddenBy, a.OverriddenAt, overridden);
    }

    /// <summary>The latest submitted intake with its medications and prior treatments (null when none was submitted).</summary>
    public static Task<Intake?> LatestIntakeAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        db.Intakes.AsNoTracking().AsSplitQuery().Include(i => i.Medications).Include(i => i.PriorTreatments)
            .Where(i => i.PatientId == patientId && i.Status == RecordStatus.Submitted)
            .OrderByDescending(i => i.SubmittedAt).ThenByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id).FirstOrDefaultAsync(ct);

    /// <summary>Maps the stored record to the rules' input. Unknown stays null, so the rules name it as missing.</summary>
    public static async Task<CandidacyInput> BuildInputAsync(Patient patient, Intake? intake, IReadOnlyList<Data.Evaluation> evaluations,
        Joint joint, Side side, InjectionProduct product, DateOnly? planned, DateOnly today, ClinicDb db, CancellationToken ct)
    {
        var exam = evaluations.Where(e => e.Joint == joint && e.Side == side)
            .OrderByDescending(e => e.ExaminedOn).ThenByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id.ToString()).FirstOrDefault();
        var grades = await db.ImagingGrades.AsNoTracking()
            .Join(db.ImagingStudies.AsNoTracking(), g => g.ImagingStudyId, s => s.Id, (g, s) => new { g, s })
            .Where(x => x.s.PatientId == patient.Id)
            .Select(x => new { x.g.System, x.g.Value, x.s.Joint, x.s.Side, x.g.Reader, x.g.ReadOn, x.g.DefinitionVersion })
            .ToListAsync(ct);
        var labs = (await db.LabResults.AsNoTracking().Where(l => l.PatientId == patient.Id).ToListAsync(ct))
            .GroupBy(l => l.Loinc)
            .ToDictionary(g => g.Key, g => (decimal?)g.OrderByDescending(l => l.CollectedOn).ThenByDescending(l => l.RecordedAt).ThenByDescending(l => l.Id.ToString()).First().Value);
        decimal? Lab(string loinc) => labs.TryGetValue(loinc, out var v) ? v : null;

        bool? instability = exam is null || (exam.Instability is null && exam.MechanicalSymptoms is null)
            ? null
            : exam.Instability == true || exam.MechanicalSymptoms == true;
        int? intakePain = intake is null ? null : Max(intake.PainNrsAverage, intake.PainNrsWorst);

        return new CandidacyInput
        {
            TargetJoint = joint,
            TargetSide = side,
            Product = product,
            Source = product == InjectionProduct.AllogeneicPerinatal ? TissueSource.Allogeneic : TissueSource.Autologous,
            PlannedProcedureDate = planned,
            Grades = [.. grades.Select(g => new OaGrade(g.System, g.Value, g.Joint, g.Side, g.Reader, g.ReadOn, g.DefinitionVersion))],
            DateOfBirth = patient.BirthDate,
            SymptomDurationMonths = intake?.SymptomDurationMonths,
            ConservativeCareMonths = intake?.ConservativeCareMonths,
            ConservativeModalities = intake is null ? null : Modalities(intake),
            PainNrs = exam?.PainNrs ?? intakePain,
            CanGiveInformedConsent = exam?.CanGiveInformedConsent,
            CanCompleteFollowUp = intake?.CanCompleteFollowUp,
            ActiveInfection = exam?.InfectionAtSite,
            HemodynamicInstability = exam?.HemodynamicInstability,
            PlateletDysfunction = intake?.PlateletDysfunction,
            ActiveMalignancy = intake?.ActiveMalignancy,
            HematologicOrBoneMalignancy = intake?.HematologicOrBoneMalignancy,
            PregnantOrBreastfeeding = intake?.PregnantOrBreastfeeding,
            Diabetic = intake?.Diabetic,
            KnownCoagulopathy = intake?.KnownCoagulopathy,
            InflammatoryArthritis = intake?.InflammatoryArthritis,
            CurrentSmoker = intake?.Smoking is { } smoking ? smoking == SmokingStatus.Current : null,
            InstabilityOrMechanicalSymptoms = instability,
            MalalignmentDegrees = exam?.MalalignmentDegrees,
            MalignancyHistory = intake?.MalignancyHistory,
            MalignancyLastActiveOn = intake?.MalignancyLastActiveOn,
            History = intake is null ? null : History(intake, joint, side, today),
            Bmi = intake?.Bmi,
            HbA1cPercent = Lab(LabPanel.HbA1c),
            HemoglobinGramsPerDeciliter = Lab(LabPanel.Hemoglobin),
            Platelets = Lab(LabPanel.Platelets),
            Inr = Lab(LabPanel.Inr),
            CreatinineMgPerDeciliter = Lab(LabPanel.Creatinine),
            AltUnitsPerLiter = Lab(LabPanel.Alt),
            AstUnitsPerLiter = Lab(LabPanel.Ast),
        };
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>Conservative care tried (rule I3): prior treatments and NSAID/analgesic use.</summary>
    private static List<ConservativeModality> Modalities(Intake intake)
    {
        var list = new List<ConservativeModality>();
        foreach (var t in intake.PriorTreatments)
        {
            ConservativeModality? m = t.Kind switch
            {
                PriorTreatmentKind.ActivityModification => ConservativeModality.ActivityModification,
                PriorTreatmentKind.PhysicalTherapy => ConservativeModality.PhysicalTherapy,
                PriorTreatmentKind.Bracing => ConservativeModality.Bracing,
                PriorTreatmentKind.Orthotics => ConservativeModality.Orthotics,
                PriorTreatmentKind.NsaidsOrAnalgesics => ConservativeModality.NsaidsOrAnalgesics,
                PriorTreatmentKind.CorticosteroidInjection => ConservativeModality.CorticosteroidInjection,
                PriorTreatmentKind.HyaluronicAcidInjection => ConservativeModality.HyaluronicAcidInjection,
                _ => null,
            };
            if (m is { } value && !list.Contains(value))
            {
                list.Add(value);
            }
        }
        if (intake.Medications.Any(m => m.Class == MedicationClass.Nsaid) && !list.Contains(ConservativeModality.NsaidsOrAnalgesics))
        {
            list.Add(ConservativeModality.NsaidsOrAnalgesics);
        }
        return list;
    }

    /// <summary>
    /// Dated exposures for washouts and windows (SPEC §2.3, §2.4). A prior treatment without a joint is counted against the
    /// target joint (the cautious reading); an undated, stopped medication cannot start a washout and is left out.
    /// </summary>
    private static List<HistoryEvent> History(Intake intake, Joint joint, Side side, DateOnly today)
    {
        var events = new List<HistoryEvent>();
        foreach (var m in intake.Medications)
        {
            HistoryKind? kind = m.Class switch
            {
                MedicationClass.Anticoagulant => HistoryKind.Anticoagulant,
                MedicationClass.Nsaid => HistoryKind.Nsaid,
                MedicationClass.SystemicCorticosteroid => HistoryKind.SystemicCorticosteroid,
                MedicationClass.Immunosuppressant => HistoryKind.Immunosuppressant,
                MedicationClass.LowDoseAspirin => HistoryKind.LowDoseAspirin,
                _ => null,
            };
            if (kind is null || (m.LastDoseOn is null && !m.Ongoing))
            {
                continue;
            }
            events.Add(new HistoryEvent(kind.Value, m.LastDoseOn ?? today, m.Ongoing));
        }
        foreach (var t in intake.PriorTreatments)
        {
            var onTarget = (t.Joint is null || t.Joint == joint) && (t.Side is null || t.Side == side);
            HistoryKind? kind = t.Kind switch
            {
                PriorTreatmentKind.CorticosteroidInjection => HistoryKind.IntraArticularSteroidTargetJoint,
                PriorTreatmentKind.HyaluronicAcidInjection or PriorTreatmentKind.PrpInjection or PriorTreatmentKind.CellInjection
                    => HistoryKind.IntraArticularInjectionTargetJoint,
                PriorTreatmentKind.Surgery or PriorTreatmentKind.Arthroscopy => HistoryKind.SurgeryOnTargetJoint,
                _ => null,
            };
            if (kind is null || !onTarget || (t.LastOn ?? t.StartedOn) is not { } on)
            {
                continue;
            }
            events.Add(new HistoryEvent(kind.Value, on));
        }
        if (intake.RecentFeverOrIllnessOn is { } fever)
        {
            events.Add(new HistoryEvent(HistoryKind.FeverOrIllness, fever));
        }
        return events;
    }

    /// <summary>Where each missing item is entered: the exam, imaging, labs or the intake.</summary>
    public static MissingItem WhereToEnter(string item, Guid patientId)
    {
        var i = item.ToLowerInvariant();
        var evaluations = $"/patients/{patientId}/evaluations";
        if (i.Contains("imaging"))
        {
            return new(item, "Imaging", $"{evaluations}/imaging/new");
        }
        if (i is "platelet count" or "haemoglobin" or "hba1c" or "inr" or "creatinine" or "alt" or "ast" || i.Contains("or hba1c"))
        {
            return new(item, "Labs", $"{evaluations}/labs/new");
        }
        if (i.Contains("haemodynamic") || i.Contains("informed consent") || i.Contains("alignment") || i.Contains("instability")
            || i.Contains("infection") || i.Contains("pain intensity"))
        {
            return new(item, "Exam", $"{evaluations}/new");
        }
        return new(item, "Intake", $"/patients/{patientId}#intake");
    }
}

using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

using Talus.Web.Shared;

namespace Talus.Web.Features.Intake;

/// <summary>What an intake must hold: checks for any save (dates, rows) and for a submitted intake (the answers candidacy needs).</summary>
public static class IntakeRules
{
    private static readonly HashSet<PriorTreatmentKind> Injections =
    [
        PriorTreatmentKind.CorticosteroidInjection, PriorTreatmentKind.HyaluronicAcidInjection, PriorTreatmentKind.PrpInjection,
        PriorTreatmentKind.CellInjection, PriorTreatmentKind.Surgery, PriorTreatmentKind.Arthroscopy,
    ];

    /// <summary>Whether a treatment is tied to one joint and side (injections, surgery), whose dates drive washouts (SPEC §2.4, R14).</summary>
    public static bool IsJointProcedure(PriorTreatmentKind kind) => Injections.Contains(kind);

    /// <summary>Problems that make even a draft unsavable: dates in the future, half-filled rows.</summary>
    public static FieldErrors Invalid(IntakeInput input, DateOnly today)
    {
        var e = new FieldErrors();
        void NotFuture(DateOnly? d, string field)
        {
            if (d > today)
            {
                e.Add(field, "This date is in the future. Please check it.");
            }
        }
        void TooLong(string? text, int max, string field)
        {
            if (text?.Length > max)
            {
                e.Add(field, $"Please keep this under {max} characters.");
            }
        }
        NotFuture(input.MalignancyLastActiveOn, nameof(IntakeInput.MalignancyLastActiveOn));
        NotFuture(input.RecentFeverOrIllnessOn, nameof(IntakeInput.RecentFeverOrIllnessOn));
        for (var i = 0; i < input.Medications.Count; i++)
        {
            var m = input.Medications[i];
            if (string.IsNullOrWhiteSpace(m.Name))
            {
                e.Add($"Medications[{i}].Name", "Please write the name of the medicine.");
            }
            NotFuture(m.LastDoseOn, $"Medications[{i}].LastDoseOn");
            TooLong(m.Name, 200, $"Medications[{i}].Name");
            TooLong(m.Dose, 100, $"Medications[{i}].Dose");
        }
        for (var i = 0; i < input.PriorTreatments.Count; i++)
        {
            var t = input.PriorTreatments[i];
            if (t.Kind is null)
            {
                e.Add($"PriorTreatments[{i}].Kind", "Please choose the treatment.");
            }
            NotFuture(t.StartedOn, $"PriorTreatments[{i}].StartedOn");
            NotFuture(t.LastOn, $"PriorTreatments[{i}].LastOn");
            TooLong(t.Notes, 400, $"PriorTreatments[{i}].Notes");
            if (t.StartedOn is { } s && t.LastOn is { } l && l < s)
            {
                e.Add($"PriorTreatments[{i}].LastOn", "The last time cannot be before the first time.");
            }
        }
        for (var i = 0; i < input.Allergies.Count; i++)
        {
            TooLong(input.Allergies[i].Substance, 200, $"Allergies[{i}].Substance");
            TooLong(input.Allergies[i].Reaction, 200, $"Allergies[{i}].Reaction");
            if (string.IsNullOrWhiteSpace(input.Allergies[i].Substance))
            {
                e.Add($"Allergies[{i}].Substance", "Please write what you are allergic to.");
            }
        }
        return e;
    }

    /// <summary>What is still missing before an intake can be submitted, field by field.</summary>
    public static FieldErrors Incomplete(IntakeInput input)
    {
        var e = new FieldErrors();
        void Need(object? value, string field, string message)
        {
            if (value is null)
            {
                e.Add(field, message);
            }
        }
        const string YesNo = "Please answer yes or no.";
        Need(input.TargetJoint, nameof(IntakeInput.TargetJoint), "Please choose the joint that bothers you most.");
        Need(input.TargetSide, nameof(IntakeInput.TargetSide), "Please choose the side.");
        Need(input.SymptomDurationMonths, nameof(IntakeInput.SymptomDurationMonths), "Please tell us how many months it has hurt.");
        Need(input.PainNrsAverage, nameof(IntakeInput.PainNrsAverage), "Please choose a number from 0 to 10.");
        Need(input.Diabetic, nameof(IntakeInput.Diabetic), YesNo);
        Need(input.KnownCoagulopathy, nameof(IntakeInput.KnownCoagulopathy), YesNo);
        Need(input.PlateletDysfunction, nameof(IntakeInput.PlateletDysfunction), YesNo);
        Need(input.InflammatoryArthritis, nameof(IntakeInput.InflammatoryArthritis), YesNo);
        Need(input.ActiveMalignancy, nameof(IntakeInput.ActiveMalignancy), YesNo);
        Need(input.HematologicOrBoneMalignancy, nameof(IntakeInput.HematologicOrBoneMalignancy), YesNo);
        Need(input.MalignancyHistory, nameof(IntakeInput.MalignancyHistory), YesNo);
        if (input.MalignancyHistory == true)
        {
            Need(input.MalignancyLastActiveOn, nameof(IntakeInput.MalignancyLastActiveOn), "Please give an approximate date.");
        }
        Need(input.PregnantOrBreastfeeding, nameof(IntakeInput.PregnantOrBreastfeeding), YesNo);
        Need(input.RecentFeverOrIllness, nameof(IntakeInput.RecentFeverOrIllness), YesNo);
        if (input.RecentFeverOrIllness == true)
        {
            Need(input.RecentFeverOrIllnessOn, nameof(IntakeInput.RecentFeverOrIllnessOn), "Please give the date it started.");
        }
        Need(input.CanCompleteFollowUp, nameof(IntakeInput.CanCompleteFollowUp), YesNo);
        Need(input.Smoking, nameof(IntakeInput.Smoking), "Please choose one.");
        Need(input.ActivityLevel, nameof(IntakeInput.ActivityLevel), "Please choose one.");
        Need(input.HeightCm, nameof(IntakeInput.HeightCm), "Please enter your height.");
        Need(input.WeightKg, nameof(IntakeInput.WeightKg), "Please enter your weight.");
        for (var i = 0; i < input.Medications.Count; i++)
        {
            var m = input.Medications[i];
            Need(m.Class, $"Medications[{i}].Class", "Please choose what kind of medicine it is (or \"Something else\").");
            if (!m.Ongoing)
            {
                Need(m.LastDoseOn, $"Medications[{i}].LastDoseOn", "Please give the date of the last dose, or tick \"I still take it\".");
            }
        }
        for (var i = 0; i < input.PriorTreatments.Count; i++)
        {
            var t = input.PriorTreatments[i];
            if (t.Kind is { } kind && IsJointProcedure(kind))
            {
                Need(t.Joint, $"PriorTreatments[{i}].Joint", "Please choose the joint.");
                Need(t.Side, $"PriorTreatments[{i}].Side", "Please choose the side.");
                Need(t.LastOn, $"PriorTreatments[{i}].LastOn", "Please give the month of the last one.");
            }
        }
        return e;
    }
}

/// <summary>Reads a patient's intakes.</summary>
public static class ReadIntakes
{
    public static Task<List<Data.Intake>> AllAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        Query(db).Where(i => i.PatientId == patientId).OrderByDescending(i => i.StartedAt).ToListAsync(ct);

    public static Task<Data.Intake?> OneAsync(Guid patientId, Guid intakeId, ClinicDb db, CancellationToken ct) =>
        Query(db).FirstOrDefaultAsync(i => i.PatientId == patientId && i.Id == intakeId, ct);

    /// <summary>The intake to show: the open draft if any, else the latest submitted one.</summary>
    public static async Task<Data.Intake?> CurrentAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        await Query(db).Where(i => i.PatientId == patientId && i.Status == RecordStatus.Draft).OrderByDescending(i => i.StartedAt).FirstOrDefaultAsync(ct)
        ?? await Query(db).Where(i => i.PatientId == patientId).OrderByDescending(i => i.SubmittedAt).FirstOrDefaultAsync(ct);

    /// <summary>The latest submitted intake (what the chart summarises), or null.</summary>
    public static Task<Data.Intake?> LatestSubmittedAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        Query(db).Where(i => i.PatientId == patientId && i.Status == RecordStatus.Submitted).OrderByDescending(i => i.SubmittedAt).FirstOrDefaultAsync(ct);

    private static IQueryable<Data.Intake> Query(ClinicDb db) =>
        db.Intakes.AsNoTracking().Include(i => i.Medications).Include(i => i.PriorTreatments).Include(i => i.Allergies).AsSplitQuery();
}

/// <summary>Starts, saves and submits intakes. A submitted intake is kept as it was: a change is a new intake.</summary>
public static class SaveIntake
{
    /// <summary>Starts a new draft with the given answers (or submits it at once when <paramref name="submit"/>).</summary>
    public static async Task<Outcome<Data.Intake>> StartAsync(Guid patientId, IntakeInput input, EnteredBy by, bool submit, ClinicDb db,
        TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        input.DropBlankRows();
        var errors = IntakeRules.Invalid(input, Today(clock));
        if (submit && !errors.Any)
        {
            errors = IntakeRules.Incomplete(input);
        }
        if (errors.Any)
        {
            return Outcome.Invalid(errors.ToDictionary());
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var intake = new Data.Intake { PatientId = patientId, Status = RecordStatus.Draft, EnteredBy = by, StartedAt = now, UpdatedAt = now };
        input.ApplyTo(intake);
        if (submit)
        {
            intake.Status = RecordStatus.Submitted;
            intake.SubmittedAt = now;
        }
        db.Intakes.Add(intake);
        await db.SaveChangesAsync(ct);
        return intake;
    }

    /// <summary>Rewrites a draft with the given answers. Pass the version last read to refuse a stale copy (409).</summary>
    public static async Task<Outcome<Data.Intake>> UpdateAsync(Guid patientId, Guid intakeId, IntakeInput input, Guid? expectedVersion,
        ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        input.DropBlankRows();
        var intake = await db.Intakes.Include(i => i.Medications).Include(i => i.PriorTreatments).Include(i => i.Allergies).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.PatientId == patientId && i.Id == intakeId, ct);
        if (intake is null)
        {
            return Outcome.NotFound();
        }
        if (intake.Status != RecordStatus.Draft)
        {
            return Outcome.Invalid("status", "This intake was already submitted and is kept as it was; start a new intake to change answers.");
        }
        var errors = IntakeRules.Invalid(input, Today(clock));
        if (errors.Any)
        {
            return Outcome.Invalid(errors.ToDictionary());
        }
        if (expectedVersion is { } v)
        {
            db.Entry(intake).Property(i => i.Version).OriginalValue = v;
        }
        // The rows are rewritten: the old ones deleted, the new ones added (explicitly, as their ids are set already).
        db.RemoveRange(intake.Medications);
        db.RemoveRange(intake.PriorTreatments);
        db.RemoveRange(intake.Allergies);
        input.ApplyTo(intake);
        db.AddRange(intake.Medications);
        db.AddRange(intake.PriorTreatments);
        db.AddRange(intake.Allergies);
        intake.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        intake.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return intake;
    }

    /// <summary>Submits a draft when everything needed is answered; otherwise names each missing answer and changes nothing.</summary>
    public static async Task<Outcome<Data.Intake>> SubmitAsync(Guid patientId, Guid intakeId, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var intake = await db.Intakes.Include(i => i.Medications).Include(i => i.PriorTreatments).Include(i => i.Allergies).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.PatientId == patientId && i.Id == intakeId, ct);
        if (intake is null)
        {
            return Outcome.NotFound();
        }
        if (intake.Status != RecordStatus.Draft)
        {
            return Outcome.Invalid("status", "This intake was already submitted.");
        }
        var missing = IntakeRules.Incomplete(IntakeInput.From<IntakeInput>(intake));
        if (missing.Any)
        {
            return Outcome.Invalid(missing.ToDictionary());
        }
        var now = clock.GetUtcNow().UtcDateTime;
        intake.Status = RecordStatus.Submitted;
        intake.SubmittedAt = now;
        intake.UpdatedAt = now;
        intake.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return intake;
    }

    internal static DateOnly Today(TimeProvider clock) => Talus.Web.Shared.PracticeClock.Today(clock);
}

/// <summary>An intake as the API shows it: its state and its answers.</summary>
public sealed record IntakeView(Guid Id, Guid PatientId, RecordStatus Status, EnteredBy EnteredBy, DateTime StartedAt, DateTime UpdatedAt,
    DateTime? SubmittedAt, Guid Version, decimal? Bmi, IntakeInput Answers)
{
    public static IntakeView From(Data.Intake i) =>
        new(i.Id, i.PatientId, i.Status, i.EnteredBy, i.StartedAt, i.UpdatedAt, i.SubmittedAt, i.Version, i.Bmi, IntakeInput.From<IntakeInput>(i));
}

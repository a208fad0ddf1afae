using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Evaluation;

public sealed record EvaluationView(Guid Id, DateOnly ExaminedOn, Joint Joint, Side Side, string? Alignment, decimal? MalalignmentDegrees,
    bool? Instability, bool? MechanicalSymptoms, bool? InfectionAtSite, bool? HemodynamicInstability, bool? CanGiveInformedConsent,
    int? DorsiflexionDegrees, int? PlantarflexionDegrees, bool? PainAtMidRange, int? PainNrs, string? Notes, string? Clinician,
    DateTime RecordedAt, string? RecordedBy)
{
    public static EvaluationView From(Data.Evaluation e) => new(e.Id, e.ExaminedOn, e.Joint, e.Side, e.Alignment, e.MalalignmentDegrees,
        e.Instability, e.MechanicalSymptoms, e.InfectionAtSite, e.HemodynamicInstability, e.CanGiveInformedConsent,
        e.DorsiflexionDegrees, e.PlantarflexionDegrees, e.PainAtMidRange, e.PainNrs, e.Notes, e.Clinician?.DisplayName, e.RecordedAt, e.RecordedBy);
}

public sealed record GradeView(Guid Id, GradingSystem System, string Value, string Reader, DateOnly ReadOn, string DefinitionVersion, CandidacyBand? Band);

public sealed record ImagingView(Guid Id, ImagingModality Modality, DateOnly PerformedOn, Joint Joint, Side Side, string? Report,
    DateTime RecordedAt, IReadOnlyList<GradeView> Grades);

public sealed record LabView(Guid Id, string Loinc, string Name, decimal Value, string Unit, decimal? ReferenceLow, decimal? ReferenceHigh,
    DateOnly CollectedOn, string? Flag, DateTime RecordedAt);

/// <summary>
/// Records and reads evaluations, imaging studies with grades, and lab results. Nothing is ever overwritten. Each
/// write checks its own input (the page and the API only call it).
/// </summary>
public static class RecordEvaluation
{

    public static DateOnly Today(TimeProvider clock) => Talus.Web.Shared.PracticeClock.Today(clock);

    public static async Task<Outcome<EvaluationView>> AddEvaluationAsync(Guid patientId, EvaluationInput input, string? user, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (input.Check(Today(clock)) is { } invalid)
        {
            return invalid;
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound("No such patient.");
        }
        var clinicianId = user is null ? null : await db.Users.Where(u => u.UserName == user).Select(u => u.StaffMemberId).FirstOrDefaultAsync(ct);
        var e = new Data.Evaluation
        {
            PatientId = patientId,
            ExaminedOn = input.ExaminedOn!.Value,
            Joint = input.Joint!.Value,
            Side = input.Side!.Value,
            Alignment = Blank(input.Alignment),
            MalalignmentDegrees = input.MalalignmentDegrees,
            Instability = input.Instability,
            MechanicalSymptoms = input.MechanicalSymptoms,
            InfectionAtSite = input.InfectionAtSite,
            HemodynamicInstability = input.HemodynamicInstability,
            CanGiveInformedConsent = input.CanGiveInformedConsent,
            DorsiflexionDegrees = input.DorsiflexionDegrees,
            PlantarflexionDegrees = input.PlantarflexionDegrees,
            PainAtMidRange = input.Joint == Joint.FirstMtp ? input.PainAtMidRange : null,
            PainNrs = input.PainNrs,
            Notes = Blank(input.Notes),
            ClinicianId = clinicianId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RecordedBy = user,
        };
        db.Evaluations.Add(e);
        await db.SaveChangesAsync(ct);
        return EvaluationView.From(e);
    }

    public static async Task<Outcome<ImagingView>> AddImagingAsync(Guid patientId, ImagingInput input, ClinicDb db, GradeBandSettings bands,
        TimeProvider clock, CancellationToken ct)
    {
        var today = Today(clock);
        if (input.Check(today) is { } invalid)
        {
            return invalid;
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound("No such patient.");
        }
        var joint = input.Joint!.Value;
        var side = input.Side!.Value;
        var study = new ImagingStudy
        {
            PatientId = patientId,
            Modality = input.Modality!.Value,
            PerformedOn = input.PerformedOn!.Value,
            Joint = joint,
            Side = side,
            Report = Blank(input.Report),
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var g in input.Grades)
        {
            var grade = ImagingInput.ToGrade(g, g.System!.Value, joint, side, today);
            study.Grades.Add(new ImagingGrade
            {
                PatientId = patientId,
                ImagingStudyId = study.Id,
                System = grade.System,
                Value = grade.System == GradingSystem.Takakura ? grade.Value.ToLowerInvariant() : grade.Value,
                Reader = grade.Reader,
                ReadOn = grade.ReadOn,
                DefinitionVersion = grade.DefinitionVersion,
            });
        }
        db.ImagingStudies.Add(study);
        await db.SaveChangesAsync(ct);
        return ToView(study, bands);
    }

    public static async Task<Outcome<LabView>> AddLabAsync(Guid patientId, LabInput input, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (input.Check(Today(clock)) is { } invalid)
        {
            return invalid;
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound("No such patient.");
        }
        var known = LabPanel.Find(input.Loinc);
        var lab = new LabResult
        {
            PatientId = patientId,
            Loinc = input.Loinc!.Trim(),
            Name = Blank(input.Name) ?? known!.Name,
            Value = input.Value!.Value,
            Unit = Blank(input.Unit) ?? known!.Unit,
            ReferenceLow = input.ReferenceLow ?? (input.ReferenceHigh is null ? known?.ReferenceLow : null),
            ReferenceHigh = input.ReferenceHigh ?? (input.ReferenceLow is null ? known?.ReferenceHigh : null),
            CollectedOn = input.CollectedOn!.Value,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.LabResults.Add(lab);
        await db.SaveChangesAsync(ct);
        return ToView(lab);
    }

    /// <summary>Every evaluation, newest first (history is kept; the first per joint and side is the current one).</summary>
    public static async Task<List<EvaluationView>> EvaluationsAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        [.. (await EvaluationsQuery(db, patientId).ToListAsync(ct))
            .OrderByDescending(e => e.ExaminedOn).ThenByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id.ToString()).Select(EvaluationView.From)];

    public static async Task<List<ImagingView>> ImagingAsync(Guid patientId, ClinicDb db, GradeBandSettings bands, CancellationToken ct) =>
        [.. (await ImagingQuery(db, patientId).ToListAsync(ct))
            .OrderByDescending(s => s.PerformedOn).ThenByDescending(s => s.RecordedAt).ThenByDescending(s => s.Id.ToString()).Select(s => ToView(s, bands))];

    public static async Task<List<LabView>> LabsAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        [.. (await LabsQuery(db, patientId).ToListAsync(ct))
            .OrderByDescending(l => l.CollectedOn).ThenByDescending(l => l.RecordedAt).ThenByDescending(l => l.Id.ToString()).Select(ToView)];

    // Compiled once: the chart and the evaluations page read these on every request (decision 0018, addenda of 2026-12-01).
    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<Data.Evaluation>> EvaluationsQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid patientId) => db.Evaluations.AsNoTracking().Include(e => e.Clinician).Where(e => e.PatientId == patientId));

    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<ImagingStudy>> ImagingQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid patientId) => db.ImagingStudies.AsNoTracking().Include(s => s.Grades).Where(s => s.PatientId == patientId));

    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<LabResult>> LabsQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid patientId) => db.LabResults.AsNoTracking().Where(l => l.PatientId == patientId));

    /// <summary>The band of a joint from its worst grade (SPEC §1.4, §1.6), or null when it has no usable grade.</summary>
    public static TargetJointBand BandOf(IEnumerable<ImagingView> studies, Joint joint, Side side, GradeBandSettings bands) =>
        OaGrading.ForTargetJoint([.. studies.SelectMany(s => s.Grades.Select(g => new OaGrade(g.System, g.Value, s.Joint, s.Side, g.Reader, g.ReadOn, g.DefinitionVersion)))],
            joint, side, bands);

    private static ImagingView ToView(ImagingStudy s, GradeBandSettings bands) => new(s.Id, s.Modality, s.PerformedOn, s.Joint, s.Side, s.Report, s.RecordedAt,
        [.. s.Grades.Select(g => new GradeView(g.Id, g.System, g.Value, g.Reader, g.ReadOn, g.DefinitionVersion,
            OaGrading.BandFor(new OaGrade(g.System, g.Value, s.Joint, s.Side, g.Reader, g.ReadOn, g.DefinitionVersion), bands)))]);

    private static LabView ToView(LabResult l) => new(l.Id, l.Loinc, l.Name, l.Value, l.Unit, l.ReferenceLow, l.ReferenceHigh, l.CollectedOn,
        LabPanel.Flag(l.Value, l.ReferenceLow, l.ReferenceHigh), l.RecordedAt);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Label(Joint joint) => joint switch
    {
        Joint.FirstMtp => "1st MTP",
        Joint.Midfoot => "Midfoot (TMT/NC)",
        _ => joint.ToString(),
    };

    public static string Label(GradingSystem system) => system switch
    {
        GradingSystem.KellgrenLawrence => "KL",
        GradingSystem.CoughlinShurnas => "Coughlin–Shurnas",
        GradingSystem.LaTrobe => "La Trobe",
        _ => "Takakura",
    };
}

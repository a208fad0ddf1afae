using Microsoft.EntityFrameworkCore;
using Talus.Clinical.FollowUp;
using Talus.Clinical;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Billing;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Evaluation;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Intake;
using Talus.Web.Features.Outcomes;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Portal;
using Talus.Web.Features.Procedure;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Patients;

/// <summary>One appointment as the chart lists it: local start at its location, what, where, with whom, status.</summary>
public sealed record ChartAppointment(Guid Id, DateTime LocalStart, string TypeName, string? EpisodeStep, string LocationName, string? ProviderName,
    AppointmentStatus Status);

/// <summary>The intake the chart summarises (the latest submitted one, else the open draft), its baseline scores and open links.</summary>
public sealed record ChartIntake(Data.Intake? Intake, bool DraftInProgress, IReadOnlyList<QuestionnaireResponse> Baseline,
    List<IntakeLinks.LinkView> OpenLinks);

public sealed record ChartEstimate(string Title, int Version, EstimateStatus Status, long PatientResponsibilityCents);

/// <summary>Procedures newest first with their adverse events, and the protocol follow-ups still to book after the latest.</summary>
public sealed record ChartProcedures(IReadOnlyList<ProcedureRecord> Procedures, IReadOnlyDictionary<int, string> LocationNames,
    IReadOnlyList<FollowUpDue> DueFollowUps, bool FollowUpsMissing);

/// <summary>
/// Everything the chart page shows, read on the page's one database context in one pass: a patient row with the
/// single-row facts beside it (latest estimate and decision aid, intake choice, portal sign-in), then one projected
/// query per kind of record. The section components render these; none reads the database on a GET.
/// docs/decisions/0018-chart-read-model.md
/// </summary>
public sealed record PatientChart(
    Patient Patient,
    string? PreferredLocationName,
    IReadOnlyList<ChartAppointment> Appointments,
    ChartIntake Intake,
    IReadOnlyList<EvaluationView> Evaluations,
    IReadOnlyList<ImagingView> Imaging,
    IReadOnlyList<LabView> Labs,
    GradeBandSettings Bands,
    CandidacyAssessment? LatestCandidacy,
    DecisionAidRecord? LatestDecisionAid,
    IReadOnlyList<TreatmentPlan> Plans,
    ChartEstimate? LatestEstimate,
    IReadOnlyList<ConsentPacket> ConsentPackets,
    LocationZones Zones,
    IReadOnlyList<NoticeCopyView> NoticeCopies,
    ChartProcedures Procedures,
    IReadOnlyList<SurgeryRecord> Surgeries,
    IReadOnlyList<JointProgress> FollowUp,
    PortalAccount.Status Portal)
{
    /// <summary>How far back the appointments section reaches, and how many it lists.</summary>
    private const int AppointmentDaysBack = 90, AppointmentRows = 40;

    /// <summary>The chart of one patient, or null when there is no such patient.</summary>
    public static Task<PatientChart?> LoadAsync(Guid patientId, ClinicDb db, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
        db.OnOneConnectionAsync(() => ReadAsync(patientId, db, settings, clock, ct), ct);

    private static async Task<PatientChart?> ReadAsync(Guid patientId, ClinicDb db, PracticeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-AppointmentDaysBack);
        var head = await HeadQuery(db, patientId, since, now, BaselineSet[0], BaselineSet[1], BaselineSet[2], BaselineSet[3], BaselineSet[4], ct);
        return head is null ? null : await BodyAsync(patientId, new Head(head.Patient, head.Location, head.SubmittedIntake, head.DraftIntake,
            head.PortalAccount, head.PortalPassword, head.EstimateTitle is { } title
                ? new ChartEstimate(title, head.EstimateVersion ?? 0, head.EstimateStatus ?? default, head.EstimateCents ?? 0) : null,
            head.LatestFollowUpStart, head.Has,
            [.. new[] { head.Baseline0, head.Baseline1, head.Baseline2, head.Baseline3, head.Baseline4 }.OfType<Guid>()], since), db, settings, clock, ct);
    }

    /// <summary>
    /// The chart's first query, compiled once: its expression (about thirty subqueries) is the largest of the chart, and a
    /// LINQ query walks and hashes its whole tree on every call to find its cached plan and extract its parameters, which
    /// was the largest single share of the app's CPU on a PostgreSQL chart (decision 0018, addendum of 2026-12-01).
    /// </summary>
    private static readonly Func<ClinicDb, Guid, DateTime, DateTime, InstrumentId, InstrumentId, InstrumentId, InstrumentId, InstrumentId,
        CancellationToken, Task<HeadRow?>> HeadQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid patientId, DateTime since, DateTime now, InstrumentId b0, InstrumentId b1, InstrumentId b2, InstrumentId b3,
            InstrumentId b4, CancellationToken _) => db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new HeadRow
        {
            Patient = p,
            Location = p.PreferredLocation == null ? null : p.PreferredLocation.Name,
            SubmittedIntake = db.Intakes.Where(i => i.PatientId == patientId && i.Status == RecordStatus.Submitted)
                .OrderByDescending(i => i.SubmittedAt).Select(i => (Guid?)i.Id).FirstOrDefault(),
            DraftIntake = db.Intakes.Where(i => i.PatientId == patientId && i.Status == RecordStatus.Draft)
                .OrderByDescending(i => i.StartedAt).Select(i => (Guid?)i.Id).FirstOrDefault(),
            PortalAccount = db.Users.Any(u => u.PatientId == patientId),
            PortalPassword = db.Users.Any(u => u.PatientId == patientId && u.PasswordHash != null),
            // The latest estimate as four scalar subqueries: a row subquery needs APPLY, which SQLite lacks.
            EstimateTitle = db.Estimates.Where(e => e.PatientId == patientId).OrderByDescending(e => e.CreatedAt).Select(e => e.Title).FirstOrDefault(),
            EstimateVersion = db.Estimates.Where(e => e.PatientId == patientId).OrderByDescending(e => e.CreatedAt).Select(e => (int?)e.Version).FirstOrDefault(),
            EstimateStatus = db.Estimates.Where(e => e.PatientId == patientId).OrderByDescending(e => e.CreatedAt).Select(e => (EstimateStatus?)e.Status).FirstOrDefault(),
            EstimateCents = db.Estimates.Where(e => e.PatientId == patientId).OrderByDescending(e => e.CreatedAt).Select(e => (long?)e.PatientResponsibilityCents).FirstOrDefault(),
            // The start of the latest follow-up or safety call still on the books: whether one is booked after the latest procedure.
            LatestFollowUpStart = db.Appointments.Where(a => a.PatientId == patientId && a.Status != AppointmentStatus.Cancelled
                    && (a.Type!.Code == AppointmentTypeCodes.FollowUp || a.Type.Code == AppointmentTypeCodes.SafetyCall))
                .Max(a => (DateTime?)a.Start),
            // The latest submitted answer of each baseline instrument, one probe each on the (PatientId, Context, Status,
            // Instrument, UpdatedAt) index whatever the number of answers (ties on the time go to the later id: ids are
            // time-ordered, and a clock may give two answers the same instant); the answers themselves are then read by id.
            Baseline0 = db.QuestionnaireResponses.Where(q => q.PatientId == patientId && q.Context == QuestionnaireContext.Baseline
                && q.Status == RecordStatus.Submitted && q.Instrument == b0).OrderByDescending(q => q.UpdatedAt).ThenByDescending(q => q.Id).Select(q => (Guid?)q.Id).FirstOrDefault(),
            Baseline1 = db.QuestionnaireResponses.Where(q => q.PatientId == patientId && q.Context == QuestionnaireContext.Baseline
                && q.Status == RecordStatus.Submitted && q.Instrument == b1).OrderByDescending(q => q.UpdatedAt).ThenByDescending(q => q.Id).Select(q => (Guid?)q.Id).FirstOrDefault(),
            Baseline2 = db.QuestionnaireResponses.Where(q => q.PatientId == patientId && q.Context == QuestionnaireContext.Baseline
                && q.Status == RecordStatus.Submitted && q.Instrument == b2).OrderByDescending(q => q.UpdatedAt).ThenByDescending(q => q.Id).Select(q => (Guid?)q.Id).FirstOrDefault(),
            Baseline3 = db.QuestionnaireResponses.Where(q => q.PatientId == patientId && q.Context == QuestionnaireContext.Baseline
                && q.Status == RecordStatus.Submitted && q.Instrument == b3).OrderByDescending(q => q.UpdatedAt).ThenByDescending(q => q.Id).Select(q => (Guid?)q.Id).FirstOrDefault(),
            Baseline4 = db.QuestionnaireResponses.Where(q => q.PatientId == patientId && q.Context == QuestionnaireContext.Baseline
                && q.Status == RecordStatus.Submitted && q.Instrument == b4).OrderByDescending(q => q.UpdatedAt).ThenByDescending(q => q.Id).Select(q => (Guid?)q.Id).FirstOrDefault(),
            // Which kinds of record the patient has (one index probe each): a kind with none costs no command below.
            Has = new Kinds(
                db.Appointments.Any(a => a.PatientId == patientId && a.Start >= since),
                db.PatientLinks.Any(l => l.PatientId == patientId && l.RevokedAt == null && l.CompletedAt == null && l.ExpiresAt > now),
                db.Evaluations.Any(e => e.PatientId == patientId),
                db.ImagingStudies.Any(i => i.PatientId == patientId),
                db.LabResults.Any(l => l.PatientId == patientId),
                db.CandidacyAssessments.Any(a => a.PatientId == patientId),
                db.DecisionAids.Any(r => r.PatientId == patientId),
                db.TreatmentPlans.Any(t => t.PatientId == patientId),
                db.ConsentPackets.Any(c => c.PatientId == patientId),
                db.CaliforniaNoticeCopies.Any(c => c.PatientId == patientId),
                db.Procedures.Any(r => r.PatientId == patientId),
                db.Surgeries.Any(s => s.PatientId == patientId),
                db.ScoreRows.Any(s => s.PatientId == patientId && s.Joint != null && s.Side != null),
                db.FollowUpVisits.Any(v => v.PatientId == patientId)),
        }).FirstOrDefault());

    /// <summary>The row of the chart's first query.</summary>
    private sealed class HeadRow
    {
        public required Patient Patient { get; init; }
        public string? Location { get; init; }
        public Guid? SubmittedIntake { get; init; }
        public Guid? DraftIntake { get; init; }
        public bool PortalAccount { get; init; }
        public bool PortalPassword { get; init; }
        public string? EstimateTitle { get; init; }
        public int? EstimateVersion { get; init; }
        public EstimateStatus? EstimateStatus { get; init; }
        public long? EstimateCents { get; init; }
        public DateTime? LatestFollowUpStart { get; init; }
        public Guid? Baseline0 { get; init; }
        public Guid? Baseline1 { get; init; }
        public Guid? Baseline2 { get; init; }
        public Guid? Baseline3 { get; init; }
        public Guid? Baseline4 { get; init; }
        public required Kinds Has { get; init; }
    }

    /// <summary>The baseline instruments whose latest answers the first query finds, one subquery each.</summary>
    private static readonly InstrumentId[] BaselineSet = Questionnaires.Baseline is { Length: 5 } set ? set
        : throw new InvalidOperationException("The chart's first query finds the latest answer of exactly five baseline instruments.");

    /// <summary>
    /// The start-up warm-up's chart (<see cref="PageWarmUp"/>): the head query for no patient, then every other query of the
    /// chart for <see cref="Guid.Empty"/> (none finds a row) around an in-memory patient that is no one, so the page's
    /// queries and every section component are compiled before the first person opens a chart, without reading anyone's record.
    /// </summary>
    public static async Task<PatientChart> WarmAsync(ClinicDb db, PracticeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        _ = await LoadAsync(Guid.Empty, db, settings, clock, ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-AppointmentDaysBack);
        return await BodyAsync(Guid.Empty, new Head(PageWarmUp.NoOne(), null, Guid.Empty, null, false, false, null, null, Kinds.All, [Guid.Empty], since),
            db, settings, clock, ct);
    }

    /// <summary>The single-row facts read beside the patient row, and which kinds of record the patient has.</summary>
    private sealed record Head(Patient Patient, string? Location, Guid? SubmittedIntake, Guid? DraftIntake, bool PortalAccount, bool PortalPassword,
        ChartEstimate? Estimate, DateTime? LatestFollowUpStart, Kinds Has, IReadOnlyList<Guid> BaselineIds, DateTime Since);

    private static async Task<PatientChart> BodyAsync(Guid patientId, Head head, ClinicDb db, PracticeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var has = head.Has;
        var since = head.Since;
        var today = PracticeClock.Today(clock);
        // Names and zones serve the appointments, consent packets, notice copies and procedures only.
        var locations = has.Appointments || has.Packets || has.Notices || has.Procedures ? await LocationsAsync(db, ct) : [];
        var locationById = locations.ToDictionary(l => l.Id);

        var appointments = !has.Appointments ? [] : (await AppointmentsQuery(db, patientId, since).ToListAsync(ct))
            .Select(a =>
            {
                var location = locationById[a.LocationId];
                return new ChartAppointment(a.Id, Availability.ToLocal(Availability.Zone(location.TimeZone), a.Start).ToDateTimeUnspecified(), a.TypeName, a.EpisodeStep,
                    location.Name, a.ProviderName, a.Status);
            }).ToList();

        var shownIntake = head.SubmittedIntake ?? head.DraftIntake;
        var intake = shownIntake is { } intakeId ? await IntakeQuery(db, intakeId, ct) : null;
        // The latest submitted baseline answer of each baseline instrument, found by the first query (a patient may have many),
        // read by primary key alone: with the patient id beside it, SQLite walks the patient's answers on the patient index.
        var baselineIds = head.BaselineIds;
        var baseline = baselineIds.Count == 0 ? [] : await BaselineQuery(db, [.. baselineIds]).ToListAsync(ct);
        var chartIntake = new ChartIntake(intake, head.SubmittedIntake is not null && head.DraftIntake is not null,
            [.. Questionnaires.Baseline.Select(id => baseline.Where(q => q.Instrument == id).MaxBy(q => q.UpdatedAt)).OfType<QuestionnaireResponse>()],
            has.Links ? await IntakeLinks.OpenAsync(patientId, db, clock, ct) : []);

        var bands = await settings.GetAsync<GradeBandSettings>(ct);
        var evaluations = has.Evaluations ? await RecordEvaluation.EvaluationsAsync(patientId, db, ct) : [];
        var imaging = has.Imaging ? await RecordEvaluation.ImagingAsync(patientId, db, bands, ct) : [];
        var labs = has.Labs ? await RecordEvaluation.LabsAsync(patientId, db, ct) : [];

        var assessments = !has.Assessments ? [] : await AssessmentsQuery(db, patientId).ToListAsync(ct);
        var decisionAid = !has.DecisionAid ? null : await DecisionAidQuery(db, patientId, ct);
        var plans = !has.Plans ? [] : await PlansQuery(db, patientId).ToListAsync(ct);
        var packets = !has.Packets ? [] : await PacketsQuery(db, patientId).ToListAsync(ct);
        var notices = !has.Notices ? [] : (await NoticesQuery(db, patientId).ToListAsync(ct))
            .Select(c => NoticeCopyView.From(c, c.LocationId is { } id ? locationById.GetValueOrDefault(id) : null)).ToList();

        var procedures = !has.Procedures ? [] : await ProceduresQuery(db, patientId).ToListAsync(ct);
        var chartProcedures = await FollowUpsAfterAsync(patientId, procedures, locations.ToDictionary(l => l.Id, l => l.Name), head.LatestFollowUpStart, settings, today, ct);
        var surgeries = !has.Surgeries ? [] : await SurgeriesQuery(db, patientId).ToListAsync(ct);

        var progress = await Progress.ComputeAsync(patientId, new Progress.Inputs(
            has.ScoreRows ? await Progress.ScoreRowsAsync(patientId, db, ct) : [],
            has.Visits ? await Progress.VisitsAsync(patientId, db, ct) : [],
            [.. procedures.Select(p => new Progress.IndexProcedure(p.Id, p.PerformedOn, p.Product, p.Joint, p.Side))],
            [.. procedures.SelectMany(p => p.AdverseEvents).Select(a => new Progress.OpenEvent(a.ProcedureId, a.ResolvedOn))],
            assessments,
            [.. imaging.Select(i => new Progress.ImagedJoint(i.Joint, i.Side, i.PerformedOn))]), settings, today, ct);

        return new PatientChart(head.Patient, head.Location, appointments, chartIntake, evaluations, imaging, labs, bands,
            assessments.FirstOrDefault(), decisionAid, plans, head.Estimate, packets,
            new LocationZones(locations.ToDictionary(l => l.Id, l => l.TimeZone)), notices, chartProcedures, surgeries, progress,
            new PortalAccount.Status(head.PortalAccount, head.PortalPassword, head.Patient.Email));
    }

    // The chart's per-kind reads, each compiled once like the first query: a LINQ query pays for walking, hashing and
    // funcletizing its expression tree on every call (decision 0018, addenda of 2026-12-01). Same SQL as the LINQ it replaces.

    /// <summary>One appointment row of the chart, before its start is shown in its location's zone.</summary>
    private sealed record AppointmentRow(Guid Id, DateTime Start, int LocationId, string TypeName, string? EpisodeStep, string? ProviderName,
        AppointmentStatus Status);

    private static readonly Func<ClinicDb, Guid, DateTime, IAsyncEnumerable<AppointmentRow>> AppointmentsQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid patientId, DateTime since) => db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.Start >= since).OrderBy(a => a.Start).Take(AppointmentRows)
            .Select(a => new AppointmentRow(a.Id, a.Start, a.LocationId, a.Type!.Name, a.EpisodeStep,
                a.Provider != null ? a.Provider.DisplayName : null, a.Status)));

    private static readonly Func<ClinicDb, Guid, CancellationToken, Task<Data.Intake?>> IntakeQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid intakeId, CancellationToken _) => db.Intakes.AsNoTracking()
            .Include(i => i.Medications).Include(i => i.PriorTreatments).Include(i => i.Allergies).AsSingleQuery()
            .FirstOrDefault(i => i.Id == intakeId));

    private static readonly Func<ClinicDb, Guid[], IAsyncEnumerable<QuestionnaireResponse>> BaselineQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid[] ids) => db.QuestionnaireResponses.AsNoTracking().Where(q => ids.Contains(q.Id)));

    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<CandidacyAssessment>> AssessmentsQuery = EF.CompileAsyncQuery<ClinicDb, Guid, CandidacyAssessment>(
        (ClinicDb db, Guid patientId) => db.CandidacyAssessments.AsNoTracking().Where(a => a.PatientId == patientId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id));

    private static readonly Func<ClinicDb, Guid, CancellationToken, Task<DecisionAidRecord?>> DecisionAidQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid patientId, CancellationToken _) => db.DecisionAids.AsNoTracking().Where(r => r.PatientId == patientId)
            .OrderByDescending(r => r.ShownAt).ThenByDescending(r => r.Id).FirstOrDefault());

    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<TreatmentPlan>> PlansQuery = EF.CompileAsyncQuery<ClinicDb, Guid, TreatmentPlan>(
        (ClinicDb db, Guid patientId) => db.TreatmentPlans.AsNoTracking().Where(p => p.PatientId == patientId)
            .OrderBy(p => p.Joint).ThenBy(p => p.Side).ThenByDescending(p => p.Version));

    /// <summary>The signed text and signature stay in the database: the chart lists the packets, the PDF link serves the rest.</summary>
    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<ConsentPacket>> PacketsQuery = EF.CompileAsyncQuery<ClinicDb, Guid, ConsentPacket>(
        (ClinicDb db, Guid patientId) => db.ConsentPackets.AsNoTracking().Where(c => c.PatientId == patientId)
            .OrderByDescending(c => c.PreparedAt)
            .Select(c => new ConsentPacket
            {
                Id = c.Id, PatientId = c.PatientId, Joint = c.Joint, Side = c.Side, PlanId = c.PlanId, PlanVersion = c.PlanVersion, Product = c.Product,
                TemplateVersion = c.TemplateVersion, Language = c.Language, Flag = c.Flag, LocationId = c.LocationId, Status = c.Status,
                PreparedAt = c.PreparedAt, SignedAt = c.SignedAt, SupersededReason = c.SupersededReason, SectionsJson = "",
            }));

    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<CaliforniaNoticeCopy>> NoticesQuery = EF.CompileAsyncQuery<ClinicDb, Guid, CaliforniaNoticeCopy>(
        (ClinicDb db, Guid patientId) => db.CaliforniaNoticeCopies.AsNoTracking().Where(c => c.PatientId == patientId)
            .OrderByDescending(c => c.GivenAt));

    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<ProcedureRecord>> ProceduresQuery = EF.CompileAsyncQuery<ClinicDb, Guid, ProcedureRecord>(
        (ClinicDb db, Guid patientId) => db.Procedures.AsNoTracking().Include(p => p.Operator).Include(p => p.AdverseEvents)
            .Where(p => p.PatientId == patientId).OrderByDescending(p => p.PerformedOn).ThenByDescending(p => p.RecordedAt));

    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<SurgeryRecord>> SurgeriesQuery = EF.CompileAsyncQuery<ClinicDb, Guid, SurgeryRecord>(
        (ClinicDb db, Guid patientId) => db.Surgeries.AsNoTracking().Where(s => s.PatientId == patientId)
            .OrderByDescending(s => s.PerformedOn));

    /// <summary>
    /// The practice's locations per database, kept for a few seconds: every chart shows their names and zones. A save of
    /// a location in this process drops them (<see cref="ClinicDb"/>); another instance shows the edit within seconds.
    /// </summary>
    private static readonly ShortLivedCache<string, List<Location>> Locations = new(TimeSpan.FromSeconds(5), 64);

    /// <summary>Drops the cached locations: a location was added, changed or removed.</summary>
    public static void ForgetLocations() => Locations.Invalidate();

    private static async Task<List<Location>> LocationsAsync(ClinicDb db, CancellationToken ct) =>
        await Locations.GetOrLoadAsync(db.Database.GetConnectionString() ?? "", async (_, c) => await db.Locations.AsNoTracking().ToListAsync(c), ct);

    /// <summary>Which kinds of record a patient has, from the chart's first query.</summary>
    private sealed record Kinds(bool Appointments, bool Links, bool Evaluations, bool Imaging, bool Labs, bool Assessments,
        bool DecisionAid, bool Plans, bool Packets, bool Notices, bool Procedures, bool Surgeries, bool ScoreRows, bool Visits)
    {
        /// <summary>Every kind: the warm-up compiles every query of the chart.</summary>
        public static readonly Kinds All = new(true, true, true, true, true, true, true, true, true, true, true, true, true, true);
    }

    /// <summary>
    /// The protocol follow-ups (SPEC §4.2) of the latest procedure whose windows are still open, and whether none is
    /// booked after it (then the chart offers to book them).
    /// </summary>
    private static async Task<ChartProcedures> FollowUpsAfterAsync(Guid patientId, List<ProcedureRecord> procedures, Dictionary<int, string> locationNames,
        DateTime? latestFollowUpStart, PracticeSettings settings, DateOnly today, CancellationToken ct)
    {
        if (procedures.FirstOrDefault() is not { } latest)
        {
            return new ChartProcedures(procedures, locationNames, [], false);
        }
        var protocol = await settings.GetAsync<FollowUpSettings>(ct);
        List<FollowUpDue> due = [.. ProcedureBooking.For(patientId, new RecordedProcedure(latest, null), protocol).FollowUpsToBook.Where(f => f.WindowEnd >= today)];
        var from = latest.PerformedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var missing = due.Count > 0 && !(latestFollowUpStart >= from);
        return new ChartProcedures(procedures, locationNames, due, missing);
    }
}

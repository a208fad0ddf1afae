using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Procedure;

namespace Talus.Web.Features.Outcomes;

/// <summary>How one treated joint stands at one registry time point (decision 0009).</summary>
public enum OutcomeStatus
{
    /// <summary>No answers at the visit yet, or no baseline to compare with; not assessed once the window has closed.</summary>
    Open,
    Responder,
    NonResponder,
    /// <summary>The window closed unanswered; not assessed.</summary>
    Missed,
    /// <summary>Lost to follow-up; not assessed.</summary>
    Lost,
}

/// <summary>
/// One procedure (treated joint) at one registry time point (V3–V6, SPEC §4.2), with the slice keys the dashboard groups
/// by and the status computed in C# by the one responder rule (<see cref="BuildRegistry.Classify"/>, SPEC §4.4–§4.5).
/// Derived from audited records (score rows, visits, procedures, candidacy) and rewritten in the same save as they are
/// (<see cref="OutcomeRows"/>), so the dashboard is one GROUP BY over narrow rows. Whether the row is due (window closed
/// or visit completed) depends on the day asked, so it is decided when counting.
/// </summary>
public sealed class OutcomeRow
{
    public Guid ProcedureId { get; set; }
    public ProgramVisit Visit { get; set; }
    public Guid PatientId { get; set; }
    public DateOnly WindowEnd { get; set; }
    public bool VisitCompleted { get; set; }
    public OutcomeStatus Status { get; set; }
    public CandidacyBand? Band { get; set; }
    public InjectionProduct Product { get; set; }
    public TissueSource Source { get; set; }
    public int LocationId { get; set; }
    public int OperatorId { get; set; }
    public string? Lot { get; set; }
    /// <summary>Baseline and follow-up NRS pain, for the §5.3 local prior (the MCID is a setting, so it is applied when counting).</summary>
    public double? NrsBaseline { get; set; }
    public double? NrsFollowUp { get; set; }
    /// <summary>
    /// The latest answer of any visit of this procedure (the same on its four rows): the Kaplan–Meier curves censor a joint
    /// there, so they read these narrow rows instead of every score row (decision 0009).
    /// </summary>
    public DateOnly? LastAnswerOn { get; set; }

    public static void Configure(ModelBuilder b) => b.Entity<OutcomeRow>(e =>
    {
        e.HasKey(o => new { o.ProcedureId, o.Visit });
        e.HasIndex(o => o.PatientId);
        // The dashboard's GROUP BY read in key order from this index alone (no sort, no table).
        e.HasIndex(o => new { o.Visit, o.Band, o.Product, o.Source, o.LocationId, o.OperatorId, o.Lot, o.WindowEnd, o.VisitCompleted, o.Status, o.NrsBaseline, o.NrsFollowUp })
            .HasDatabaseName("IX_OutcomeRows_Slices");
        // The Kaplan–Meier censoring date per procedure read from this index alone (RegistrySql.SurvivalSql).
        e.HasIndex(o => new { o.ProcedureId, o.LastAnswerOn });
        e.Property(o => o.Lot).HasMaxLength(400);
    });
}

/// <summary>
/// Keeps <see cref="OutcomeRow"/>s (and <see cref="JointSurvival"/>s) in step with their sources: <see cref="ClinicDb"/> calls <see cref="RefreshAsync"/>
/// for every procedure (or patient, <see cref="Touched"/>) whose score rows, follow-up visits, procedures or candidacy assessments a save touched, inside
/// that save's transaction; the bulk seeder writes <see cref="ComputeAsync"/>'s rows itself; <see cref="BackfillAsync"/>
/// fills rows for data stored before the table existed (at start, after the migrations).
/// </summary>
public static class OutcomeRows
{
    private const int Chunk = 500;

    /// <summary>
    /// Whose outcome rows the pending changes may alter: a follow-up answer, a visit or a procedure alters only that
    /// procedure's rows; a baseline answer only the rows of the patient's procedures on or after its day (a baseline is
    /// an answer on or before the procedure day, <see cref="BuildRegistry.BaselinesAsync"/>); a candidacy assessment all
    /// the patient's procedures. A procedure or visit deleted, or moved to another patient, joint or time point, may
    /// leave rows that no longer exist: those patients' rows are deleted and written anew.
    /// </summary>
    public static Scope Touched(ChangeTracker tracker)
    {
        var scope = new Scope();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case ScoreRow s when entry.State == EntityState.Modified:
                    scope.Patients.Add(s.PatientId);
                    scope.Joints.Add(s.PatientId);
                    break;
                case ScoreRow { ProcedureId: { } procedure } s:
                    scope.Procedure(procedure, s.PatientId);
                    scope.Joints.Add(s.PatientId);
                    break;
                case ScoreRow s:
                    scope.After(s.PatientId, s.CompletedOn);
                    break;
                case FollowUpVisit v:
                    scope.Procedure(v.ProcedureId, v.PatientId);
                    break;
                case ProcedureRecord p:
                    scope.Procedure(p.Id, p.PatientId);
                    scope.Joints.Add(p.PatientId);
                    break;
                case Data.CandidacyAssessment a:
                    scope.Patients.Add(a.PatientId);
                    scope.Joints.Add(a.PatientId);
                    break;
                case SurgeryRecord surgery:
                    scope.Joints.Add(surgery.PatientId);
                    break;
            }
            if (entry.Entity is ProcedureRecord or FollowUpVisit
                && (entry.State == EntityState.Deleted || entry.Properties.Any(p => p.IsModified && RowKeys.Contains(p.Metadata.Name))))
            {
                var patient = entry.Property(nameof(ProcedureRecord.PatientId));
                foreach (var id in new[] { (Guid)patient.OriginalValue!, (Guid)patient.CurrentValue! })
                {
                    scope.Rewrite.Add(id);
                    scope.Patients.Add(id);
                    scope.Joints.Add(id);
                }
            }
        }
        return scope;
    }

    // What places a procedure's rows (patient, joint, time point): a change to one may leave a row that no longer exists.
    private static readonly HashSet<string> RowKeys =
        [nameof(ProcedureRecord.PatientId), nameof(ProcedureRecord.Joint), nameof(ProcedureRecord.Side), nameof(FollowUpVisit.ProcedureId), nameof(FollowUpVisit.Visit)];

    /// <summary>
    /// Patients whose every procedure's rows are rebuilt, single procedures whose rows are, patients whose procedures
    /// from a day on are, and patients whose treated joints (<see cref="JointSurvival"/>) are.
    /// </summary>
    public sealed class Scope
    {
        private readonly HashSet<Guid> named = [];

        public HashSet<Guid> Patients { get; } = [];
        public HashSet<Guid> Procedures { get; } = [];
        /// <summary>Patients whose procedures on or after the day are rebuilt (a baseline answer of that day).</summary>
        public Dictionary<Guid, DateOnly> From { get; } = [];
        public HashSet<Guid> Joints { get; } = [];
        /// <summary>Patients whose outcome rows and joints are deleted before they are written anew.</summary>
        public HashSet<Guid> Rewrite { get; } = [];
        public bool IsEmpty => Patients.Count == 0 && Procedures.Count == 0 && From.Count == 0 && Joints.Count == 0;

        /// <summary>Every patient whose records are read for the rebuild.</summary>
        public IEnumerable<Guid> AllPatients => Patients.Union(named).Union(From.Keys).Union(Joints);

        public void Procedure(Guid id, Guid patient)
        {
            Procedures.Add(id);
            named.Add(patient);
        }

        public void After(Guid patient, DateOnly day) => From[patient] = From.TryGetValue(patient, out var d) && d < day ? d : day;

        /// <summary>Whether the procedure's outcome rows are rebuilt.</summary>
        public bool Targets(BuildRegistry.ProcedureFacts p) =>
            Patients.Contains(p.PatientId) || Procedures.Contains(p.Id) || (From.TryGetValue(p.PatientId, out var day) && p.PerformedOn >= day);
    }

    /// <summary>The outcome rows of these patients as their stored records say now.</summary>
    public static async Task<List<OutcomeRow>> ComputeAsync(ClinicDb db, IReadOnlyCollection<Guid> patients, CancellationToken ct)
    {
        var rows = new List<OutcomeRow>();
        foreach (var chunk in patients.Chunk(Chunk))
        {
            rows.AddRange(await ComputeAsync(db, await BuildRegistry.LoadProceduresAsync(db, ct, patients: chunk), ct));
        }
        return rows;
    }

    /// <summary>The outcome rows of these procedures (with their slice keys loaded) as their stored records say now.</summary>
    private static async Task<List<OutcomeRow>> ComputeAsync(ClinicDb db, List<BuildRegistry.ProcedureFacts> procedures, CancellationToken ct,
        Dictionary<Guid, DateOnly>? lastAnswers = null)
    {
        var rows = new List<OutcomeRow>();
        if (procedures.Count == 0)
        {
            return rows;
        }
        var byId = procedures.ToDictionary(p => p.Id);
        Guid?[] ids = [.. byId.Keys.Select(id => (Guid?)id)];
        var followUps = await BuildRegistry.FollowUpScoresAsync(db, ct, ids);
        var baselines = await BuildRegistry.BaselinesAsync(db, procedures, ct, [.. procedures.Select(p => p.PatientId).Distinct()]);
        lastAnswers ??= await BuildRegistry.LastAnswersAsync(db, ct, ids);
        var visits = BuildRegistry.Visits;
        var due = await db.FollowUpVisits.AsNoTracking()
            .Where(v => ids.Contains(v.ProcedureId) && visits.Contains(v.Visit))
            .Select(v => new { v.ProcedureId, v.Visit, v.WindowEnd, v.Status })
            .ToListAsync(ct);
        foreach (var v in due)
        {
            var p = byId[v.ProcedureId];
            var baseline = baselines.GetValueOrDefault(p.Id);
            var followUp = followUps.GetValueOrDefault((p.Id, v.Visit));
            var counted = BuildRegistry.Classify(baseline, followUp);
            rows.Add(new OutcomeRow
            {
                ProcedureId = p.Id, Visit = v.Visit, PatientId = p.PatientId, WindowEnd = v.WindowEnd,
                VisitCompleted = v.Status == FollowUpStatus.Completed,
                Status = counted.Responders > 0 ? OutcomeStatus.Responder
                    : counted.NonResponders > 0 ? OutcomeStatus.NonResponder
                    : v.Status == FollowUpStatus.LostToFollowUp ? OutcomeStatus.Lost
                    : v.Status == FollowUpStatus.Missed ? OutcomeStatus.Missed
                    : OutcomeStatus.Open,
                Band = p.Band, Product = p.Product, Source = p.Source, LocationId = p.LocationId, OperatorId = p.OperatorId, Lot = p.Lot,
                NrsBaseline = baseline?.Nrs, NrsFollowUp = followUp?.Nrs,
                LastAnswerOn = lastAnswers.TryGetValue(p.Id, out var last) ? last : null,
            });
        }
        return rows;
    }

    /// <summary>
    /// Brings the rows in <paramref name="scope"/> up to date inside the caller's transaction: a submitted follow-up
    /// answer reads its patient's procedures once, computes its procedure's (at most four) rows and the patient's treated
    /// joints, and writes each table in one statement that leaves unchanged rows alone, whatever else the patient has.
    /// </summary>
    public static async Task RefreshAsync(ClinicDb db, Scope scope, CancellationToken ct)
    {
        if (!db.IsSqlite() && db.Database.CurrentTransaction is not null)
        {
            // Two answers of one patient saved at once would each rewrite the same rows: on PostgreSQL the rebuilds of a
            // patient take turns (a lock per patient held until the transaction ends, taken in key order); SQLite has one
            // writer at a time already.
            Guid[] patients = [.. scope.AllPatients];
            await db.Database.ExecuteSqlAsync($"""
                SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(p::text, 0) AS k FROM unnest({patients}) AS p ORDER BY k) y
                """, ct);
        }
        foreach (var tracked in db.ChangeTracker.Entries<OutcomeRow>().Concat<EntityEntry>(db.ChangeTracker.Entries<JointSurvival>()).ToList())
        {
            tracked.State = EntityState.Detached;
        }
        foreach (var chunk in scope.AllPatients.Chunk(Chunk))
        {
            Guid[] rewrite = [.. chunk.Where(scope.Rewrite.Contains)];
            if (rewrite.Length > 0)
            {
                await db.OutcomeRows.Where(o => rewrite.Contains(o.PatientId)).ExecuteDeleteAsync(ct);
                await db.JointSurvivals.Where(j => rewrite.Contains(j.PatientId)).ExecuteDeleteAsync(ct);
            }
            var procedures = await BuildRegistry.LoadProceduresAsync(db, ct, patients: chunk);
            var targets = procedures.Where(scope.Targets).ToList();
            var joints = procedures.Where(p => scope.Joints.Contains(p.PatientId)).ToList();
            if (targets.Count == 0 && joints.Count == 0)
            {
                continue;
            }
            var lastAnswers = await BuildRegistry.LastAnswersAsync(db, ct, [.. targets.Concat(joints).Select(p => (Guid?)p.Id).Distinct()]);
            if (targets.Count > 0)
            {
                await Upsert.WriteAsync(db, await ComputeAsync(db, targets, ct, lastAnswers), ct);
            }
            if (joints.Count > 0)
            {
                await Upsert.WriteAsync(db, await JointSurvivals.ComputeAsync(db, joints, lastAnswers, ct), ct);
            }
        }
    }

    /// <summary>Writes the rows of procedures that have due-able visits but no outcome rows yet. Idempotent.</summary>
    public static async Task BackfillAsync(ClinicDb db, CancellationToken ct)
    {
        var visits = BuildRegistry.Visits;
        var patients = await db.FollowUpVisits.AsNoTracking()
            .Where(v => visits.Contains(v.Visit) && !db.OutcomeRows.Any(o => o.ProcedureId == v.ProcedureId && o.Visit == v.Visit))
            .Select(v => v.PatientId).Distinct().ToListAsync(ct);
        foreach (var chunk in patients.Chunk(Chunk * 10))
        {
            var scope = new Scope();
            scope.Patients.UnionWith(chunk);
            await RefreshAsync(db, scope, ct);
        }
    }
}

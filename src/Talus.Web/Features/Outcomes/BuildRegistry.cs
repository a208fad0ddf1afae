using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Procedure;
using Talus.Web.Shared;

namespace Talus.Web.Features.Outcomes;

/// <summary>The registry's time points: 3, 6, 12 and 24 months are visits V3–V6 of the program (SPEC §4.2).</summary>
public enum RegistryTimePoint { Month3 = 3, Month6 = 6, Month12 = 12, Month24 = 24 }

/// <summary>How the registry slices its patients.</summary>
public enum RegistryDimension { GradeBand, Product, Location, Provider, Lot }

/// <summary>One slice's responder rate; when <see cref="Suppression"/> is not Shown nothing of it may be displayed.</summary>
public sealed record SliceRate(string Label, ResponderRate Rate, Suppression Suppression)
{
    public bool Hidden => Suppression != Suppression.Shown;
}

public sealed record DimensionRates(RegistryDimension Dimension, IReadOnlyList<SliceRate> Slices);

public sealed record TimePointRates(RegistryTimePoint TimePoint, SliceRate Overall, IReadOnlyList<DimensionRates> Dimensions);

/// <summary>A Kaplan–Meier curve over treated joints, hidden when fewer joints than the small-cell threshold.</summary>
public sealed record SurvivalCurve(int Joints, int Events, IReadOnlyList<KaplanMeierStep> Steps, bool Hidden);

/// <summary>Procedures with at least one adverse event, and with a severe or life-threatening one, per product.</summary>
public sealed record AdverseEventRate(string Label, int Procedures, int WithEvent, int WithSerious, ProportionInterval? Interval, Suppression Suppression)
{
    public bool Hidden => Suppression != Suppression.Shown;
}

/// <summary>Everything the dashboard, the public page and the registry CSV show.</summary>
public sealed record RegistryReport(
    DateOnly AsOf,
    int SmallCellThreshold,
    int Procedures,
    IReadOnlyList<TimePointRates> TimePoints,
    SurvivalCurve TimeToRepeat,
    SurvivalCurve TimeToSurgery,
    IReadOnlyList<AdverseEventRate> AdverseEvents,
    AdverseEventRate AdverseEventsOverall);

/// <summary>
/// Builds the registry from score rows, follow-up visits and procedures (decision 0009). The database does the heavy
/// part — one row per procedure, one pivoted row of scores per procedure and time point — and the pure rules classify
/// (SPEC §4.4–§4.5 OMERACT-OARSI responder) and count (intention to treat, Wilson intervals, small-cell suppression).
/// </summary>
public static class BuildRegistry
{
    internal static readonly ProgramVisit[] Visits = [ProgramVisit.V3, ProgramVisit.V4, ProgramVisit.V5, ProgramVisit.V6];

    public static RegistryTimePoint TimePointOf(ProgramVisit visit) => visit switch
    {
        ProgramVisit.V3 => RegistryTimePoint.Month3,
        ProgramVisit.V4 => RegistryTimePoint.Month6,
        ProgramVisit.V5 => RegistryTimePoint.Month12,
        _ => RegistryTimePoint.Month24,
    };

    /// <summary>One index procedure with what the registry slices it by.</summary>
    public sealed record ProcedureFacts(
        Guid Id, Guid PatientId, Joint Joint, Side Side, DateOnly PerformedOn, InjectionProduct Product, TissueSource Source,
        int LocationId, int OperatorId, string? Lot, CandidacyBand? Band);

    /// <summary>The scores of one visit (or the baseline) the response rules read.</summary>
    public sealed record Scores(double? Nrs, double? FaosPain, double? FaosAdl, double? FaamAdl, double? Global)
    {
        public OutcomeScores ToOutcome() => new((decimal?)Nrs, (decimal?)FaosPain, (decimal?)FaosAdl, (decimal?)FaamAdl, (decimal?)Global);

        public bool Any => Nrs is not null || FaosPain is not null || FaosAdl is not null || FaamAdl is not null || Global is not null;
    }

    /// <summary>The dashboard's report, counted by the database (<see cref="RegistrySql"/>).</summary>
    public static async Task<RegistryReport> RunAsync(ClinicDb db, RegistrySettings registry, McidSettings mcid, DateOnly today, CancellationToken ct) =>
        (await RegistrySql.RunAsync(db, registry, mcid, today, ct)).Report;

    /// <summary>Counts, rates, suppression, curves and adverse-event rates from the loaded data (no database): the reference for the SQL path.</summary>
    public static RegistryReport From(RegistryData data, RegistrySettings registry, McidSettings mcid)
    {
        var byId = data.Procedures.ToDictionary(p => p.Id);
        var counts = new Dictionary<(RegistryTimePoint, RegistryDimension?, string), IttCounts>();
        foreach (var (procedureId, visit) in data.Due)
        {
            if (!byId.TryGetValue(procedureId, out var p))
            {
                continue;
            }
            var counted = Classify(data.Baselines.GetValueOrDefault(p.Id), data.FollowUps.GetValueOrDefault((p.Id, visit)));
            var tp = TimePointOf(visit);
            Add(counts, (tp, null, ""), counted);
            foreach (var dimension in Enum.GetValues<RegistryDimension>())
            {
                Add(counts, (tp, dimension, SliceOf(p, dimension, data)), counted);
            }
        }
        var (repeat, surgery) = Survival(data);
        static List<TimesAtDay> ByDay(List<TimeToEvent> o) => [.. o.Select(x => new TimesAtDay(x.Days, x.Event ? 1 : 0, x.Event ? 0 : 1))];
        return Report(data.AsOf, counts, data.Procedures.Count, ByDay(repeat), ByDay(surgery), data.AdverseEvents, registry);
    }

    /// <summary>
    /// The report from per-cell intention-to-treat counts (key: time point, dimension or null for all, slice label), the
    /// survival inputs grouped by day and the adverse-event counts: Wilson intervals, small-cell and complementary suppression, Kaplan–Meier.
    /// </summary>
    public static RegistryReport Report(DateOnly asOf, Dictionary<(RegistryTimePoint, RegistryDimension?, string), IttCounts> counts, int procedures,
        IReadOnlyList<TimesAtDay> repeat, IReadOnlyList<TimesAtDay> surgery, List<RegistryData.AdverseEventCount> adverse, RegistrySettings registry)
    {
        var timePoints = Enum.GetValues<RegistryTimePoint>().Select(tp =>
        {
            var overall = counts.GetValueOrDefault((tp, null, ""), IttCounts.Zero);
            var dims = Enum.GetValues<RegistryDimension>().Select(d =>
            {
                var cells = counts.Where(c => c.Key.Item1 == tp && c.Key.Item2 == d).OrderBy(c => c.Key.Item3, StringComparer.Ordinal).ToList();
                var suppression = SmallCellSuppression.Suppress([.. cells.Select(c => c.Value.Denominator)], registry.SmallCellThreshold);
                return new DimensionRates(d, [.. cells.Select((c, i) => new SliceRate(c.Key.Item3, ResponderRates.Of(c.Value, registry), suppression[i]))]);
            }).ToList();
            return new TimePointRates(tp, new SliceRate("All treated joints", ResponderRates.Of(overall, registry), Primary(overall.Denominator, registry)), dims);
        }).ToList();

        SurvivalCurve Curve(IReadOnlyList<TimesAtDay> o)
        {
            var joints = o.Sum(x => x.Events + x.Censored);
            return new(joints, o.Sum(x => x.Events), KaplanMeier.EstimateByDay(o), SmallCellSuppression.IsSmall(joints, registry.SmallCellThreshold));
        }
        var (aeRates, aeOverall) = AdverseEvents(adverse, registry);
        return new RegistryReport(asOf, registry.SmallCellThreshold, procedures, timePoints, Curve(repeat), Curve(surgery), aeRates, aeOverall);
    }

    /// <summary>
    /// One joint at one time point: responder (OMERACT-OARSI met and not worsened, SPEC §4.4–§4.5), non-responder, or not
    /// assessed (no answers at the visit, or no baseline to compare with).
    /// </summary>
    public static IttCounts Classify(Scores? baseline, Scores? followUp)
    {
        if (baseline is not { Any: true } || followUp is not { Any: true })
        {
            return new IttCounts(0, 0, 1);
        }
        return TreatmentResponse.IsResponder(baseline.ToOutcome(), followUp.ToOutcome()) ? new IttCounts(1, 0, 0) : new IttCounts(0, 1, 0);
    }

    private static Suppression Primary(int count, RegistrySettings s) =>
        SmallCellSuppression.IsSmall(count, s.SmallCellThreshold) ? Suppression.SmallCell : Suppression.Shown;

    private static void Add<TKey>(Dictionary<TKey, IttCounts> counts, TKey key, IttCounts add) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key, IttCounts.Zero) + add;

    internal const string UnknownLocation = "Unknown location";
    internal const string UnknownProvider = "Unknown provider";

    internal static string BandLabel(CandidacyBand? band) => band is { } b ? Labels.Of(b) : "Not graded";

    internal static string ProductLabel(InjectionProduct product, TissueSource source) => $"{Labels.Of(product)} ({Labels.Of(source).ToLowerInvariant()})";

    internal static string LotLabel(string? lot) => lot ?? "No external lot (point of care)";

    private static string SliceOf(ProcedureFacts p, RegistryDimension dimension, RegistryData names) => dimension switch
    {
        RegistryDimension.GradeBand => BandLabel(p.Band),
        RegistryDimension.Product => ProductLabel(p.Product, p.Source),
        RegistryDimension.Location => names.Locations.GetValueOrDefault(p.LocationId, UnknownLocation),
        RegistryDimension.Provider => names.Providers.GetValueOrDefault(p.OperatorId, UnknownProvider),
        _ => LotLabel(p.Lot),
    };

    /// <summary>The procedures with their slice keys: all, those of <paramref name="patients"/>, or those listed.</summary>
    public static Task<List<ProcedureFacts>> LoadProceduresAsync(ClinicDb db, CancellationToken ct, IReadOnlyCollection<Guid>? patients = null,
        IReadOnlyCollection<Guid>? procedures = null) =>
        db.Procedures.AsNoTracking().Where(p => (patients == null || patients.Contains(p.PatientId)) && (procedures == null || procedures.Contains(p.Id)))
            .Select(p => new ProcedureFacts(p.Id, p.PatientId, p.Joint, p.Side, p.PerformedOn, p.Product, p.Source, p.LocationId, p.OperatorId, p.ExternalLot,
                // The band of the latest candidacy assessment of that joint on or before the procedure (SPEC §1.6).
                db.CandidacyAssessments
                    .Where(a => a.PatientId == p.PatientId && a.Joint == p.Joint && a.Side == p.Side && a.AssessedOn <= p.PerformedOn)
                    .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.At)
                    .Select(a => a.Band).FirstOrDefault()))
            .ToListAsync(ct);

    /// <summary>The follow-up scores pivoted in SQL: one row per procedure and time point, of all procedures or those listed.</summary>
    internal static async Task<Dictionary<(Guid, ProgramVisit), Scores>> FollowUpScoresAsync(ClinicDb db, CancellationToken ct, IReadOnlyCollection<Guid?>? procedures = null)
    {
        var rows = await Measures(db.ScoreRows.AsNoTracking().Where(s => s.ProcedureId != null && s.Visit != null && Visits.Contains(s.Visit!.Value)
                && (procedures == null || procedures.Contains(s.ProcedureId))))
            .GroupBy(s => new { s.ProcedureId, s.Visit })
            .Select(g => new
            {
                g.Key.ProcedureId,
                g.Key.Visit,
                Nrs = g.Max(s => s.Instrument == InstrumentId.NrsPain ? (double?)s.Score : null),
                FaosPain = g.Max(s => s.Instrument == InstrumentId.Faos && s.Subscale == Faos.Pain ? (double?)s.Score : null),
                FaosAdl = g.Max(s => s.Instrument == InstrumentId.Faos && s.Subscale == Faos.Adl ? (double?)s.Score : null),
                FaamAdl = g.Max(s => s.Instrument == InstrumentId.FaamAdl ? (double?)s.Score : null),
                Global = g.Max(s => s.Instrument == InstrumentId.PatientGlobalAssessment ? (double?)s.Score : null),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.ProcedureId!.Value, r.Visit!.Value), r => new Scores(r.Nrs, r.FaosPain, r.FaosAdl, r.FaamAdl, r.Global));
    }

    /// <summary>Each procedure's latest follow-up answer day: of all procedures or those listed.</summary>
    internal static Task<Dictionary<Guid, DateOnly>> LastAnswersAsync(ClinicDb db, CancellationToken ct, IReadOnlyCollection<Guid?>? procedures = null) =>
        db.ScoreRows.AsNoTracking().Where(s => s.ProcedureId != null && (procedures == null || procedures.Contains(s.ProcedureId)))
            .GroupBy(s => s.ProcedureId)
            .Select(g => new { ProcedureId = g.Key!.Value, Last = g.Max(s => s.CompletedOn) })
            .ToDictionaryAsync(x => x.ProcedureId, x => x.Last, ct);

    private static IQueryable<ScoreRow> Measures(IQueryable<ScoreRow> rows) => rows.Where(s =>
        s.Instrument == InstrumentId.NrsPain || s.Instrument == InstrumentId.FaamAdl || s.Instrument == InstrumentId.PatientGlobalAssessment
        || (s.Instrument == InstrumentId.Faos && (s.Subscale == Faos.Pain || s.Subscale == Faos.Adl)));

    /// <summary>
    /// Each procedure's baseline: per measure, the latest answer not tied to a follow-up visit on or before the procedure
    /// day, for the same joint and side (or given without a joint).
    /// </summary>
    internal static async Task<Dictionary<Guid, Scores>> BaselinesAsync(ClinicDb db, List<ProcedureFacts> procedures, CancellationToken ct,
        IReadOnlyCollection<Guid>? patients = null)
    {
        var rows = await Measures(db.ScoreRows.AsNoTracking().Where(s => s.FollowUpVisitId == null && s.Visit == null
                && (patients == null || patients.Contains(s.PatientId))))
            .Select(s => new { s.PatientId, s.Joint, s.Side, s.Instrument, s.Subscale, s.CompletedOn, s.SubmittedAt, s.ResponseId, s.Score })
            .ToListAsync(ct);
        var byPatient = rows.ToLookup(r => r.PatientId);
        var result = new Dictionary<Guid, Scores>();
        foreach (var p in procedures)
        {
            var mine = byPatient[p.PatientId]
                .Where(r => r.CompletedOn <= p.PerformedOn && (r.Joint is null || (r.Joint == p.Joint && (r.Side is null || r.Side == p.Side))))
                .ToList();
            if (mine.Count == 0)
            {
                continue;
            }
            double? Latest(InstrumentId instrument, string? subscale) => mine
                .Where(r => r.Instrument == instrument && (subscale is null || r.Subscale == subscale))
                .OrderByDescending(r => r.CompletedOn).ThenByDescending(r => r.SubmittedAt).ThenByDescending(r => r.ResponseId) // one answer even for ties
                .Select(r => (double?)r.Score).FirstOrDefault();
            result[p.Id] = new Scores(Latest(InstrumentId.NrsPain, null), Latest(InstrumentId.Faos, Faos.Pain), Latest(InstrumentId.Faos, Faos.Adl),
                Latest(InstrumentId.FaamAdl, null), Latest(InstrumentId.PatientGlobalAssessment, null));
        }
        return result;
    }

    /// <summary>
    /// Time to a repeat injection and to surgery in the same joint, from its first procedure; a joint without the event is
    /// censored at its last follow-up (the latest answer after any of its procedures), day 0 when it has none.
    /// </summary>
    private static (List<TimeToEvent> Repeat, List<TimeToEvent> Surgery) Survival(RegistryData data)
    {
        var repeat = new List<TimeToEvent>();
        var surgery = new List<TimeToEvent>();
        foreach (var joint in data.Procedures.GroupBy(p => (p.PatientId, p.Joint, p.Side)))
        {
            var ordered = joint.OrderBy(p => p.PerformedOn).ToList();
            var index = ordered[0].PerformedOn;
            var last = ordered.Select(p => data.LastAnswer.TryGetValue(p.Id, out var d) ? d : p.PerformedOn).Max();
            var censorDays = Math.Max(0, Math.Min(last.DayNumber, data.AsOf.DayNumber) - index.DayNumber);
            var next = ordered.Skip(1).Select(p => (DateOnly?)p.PerformedOn).FirstOrDefault(d => d > index);
            repeat.Add(next is { } r ? new TimeToEvent(r.DayNumber - index.DayNumber, true) : new TimeToEvent(censorDays, false));
            var operated = data.Surgeries[joint.Key].Where(d => d >= index).Select(d => (DateOnly?)d).Min();
            surgery.Add(operated is { } s ? new TimeToEvent(s.DayNumber - index.DayNumber, true) : new TimeToEvent(censorDays, false));
        }
        return (repeat, surgery);
    }

    private static (List<AdverseEventRate>, AdverseEventRate) AdverseEvents(List<RegistryData.AdverseEventCount> adverse, RegistrySettings registry)
    {
        var ordered = adverse.OrderBy(r => Labels.Of(r.Product), StringComparer.Ordinal).ThenBy(r => r.Source).ToList();
        var suppression = SmallCellSuppression.Suppress([.. ordered.Select(r => r.Procedures)], registry.SmallCellThreshold);
        var rates = ordered.Select((r, i) => new AdverseEventRate(ProductLabel(r.Product, r.Source), r.Procedures, r.WithEvent,
            r.WithSerious, ResponderRates.Wilson(r.WithEvent, r.Procedures, registry.ConfidenceZ), suppression[i])).ToList();
        int n = ordered.Sum(r => r.Procedures), e = ordered.Sum(r => r.WithEvent), s = ordered.Sum(r => r.WithSerious);
        return (rates, new AdverseEventRate("All procedures", n, e, s, ResponderRates.Wilson(e, n, registry.ConfidenceZ), Primary(n, registry)));
    }
}

/// <summary>What the registry reads from the database, in a few set-based queries (decision 0009).</summary>
public sealed record RegistryData(
    DateOnly AsOf,
    List<BuildRegistry.ProcedureFacts> Procedures,
    Dictionary<(Guid, ProgramVisit), BuildRegistry.Scores> FollowUps,
    Dictionary<Guid, BuildRegistry.Scores> Baselines,
    List<(Guid ProcedureId, ProgramVisit Visit)> Due,
    Dictionary<Guid, DateOnly> LastAnswer,
    ILookup<(Guid, Joint, Side), DateOnly> Surgeries,
    List<RegistryData.AdverseEventCount> AdverseEvents,
    Dictionary<int, string> Locations,
    Dictionary<int, string> Providers)
{
    public sealed record AdverseEventCount(InjectionProduct Product, TissueSource Source, int Procedures, int WithEvent, int WithSerious);

    public static async Task<RegistryData> LoadAsync(ClinicDb db, DateOnly today, CancellationToken ct)
    {
        var procedures = await BuildRegistry.LoadProceduresAsync(db, ct);
        var followUps = await BuildRegistry.FollowUpScoresAsync(db, ct);
        var baselines = await BuildRegistry.BaselinesAsync(db, procedures, ct);

        // Intention to treat: a visit counts once its window has closed or it has answers (decision 0009).
        var visits = BuildRegistry.Visits;
        var due = (await db.FollowUpVisits.AsNoTracking()
            .Where(v => visits.Contains(v.Visit) && (v.WindowEnd < today || v.Status == FollowUpStatus.Completed))
            .Select(v => new { v.ProcedureId, v.Visit })
            .ToListAsync(ct)).Select(v => (v.ProcedureId, v.Visit)).ToList();

        var lastAnswer = await BuildRegistry.LastAnswersAsync(db, ct);
        var surgeries = (await db.Surgeries.AsNoTracking().Select(s => new { s.PatientId, s.Joint, s.Side, s.PerformedOn }).ToListAsync(ct))
            .ToLookup(s => (s.PatientId, s.Joint, s.Side), s => s.PerformedOn);
        var adverse = await AdverseEventsAsync(db, ct);
        return new RegistryData(today, procedures, followUps, baselines, due, lastAnswer, surgeries, adverse,
            await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct),
            await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct));
    }

    /// <summary>
    /// Procedures, with any adverse event and with a severe or life-threatening one, per product: one grouped statement
    /// (the adverse events grouped per procedure once, joined to the procedures), no lookup per procedure.
    /// </summary>
    public static async Task<List<AdverseEventCount>> AdverseEventsAsync(ClinicDb db, CancellationToken ct) =>
        [.. (await db.Database.SqlQueryRaw<AdverseEventRow>(AdverseEventsSql).ToListAsync(ct))
            .Select(r => new AdverseEventCount(Enum.Parse<InjectionProduct>(r.Product), Enum.Parse<TissueSource>(r.Source), (int)r.Procedures, (int)r.WithEvent, (int)r.WithSerious))];

    /// <summary>One product's grouped adverse-event counts as the database returns them.</summary>
    public sealed class AdverseEventRow
    {
        public string Product { get; set; } = "";
        public string Source { get; set; } = "";
        public long Procedures { get; set; }
        public long WithEvent { get; set; }
        public long WithSerious { get; set; }
    }

    public static readonly string AdverseEventsSql = $"""
        SELECT p."Product" AS "Product", p."Source" AS "Source", COUNT(*) AS "Procedures", COUNT(a.pid) AS "WithEvent", COUNT(a.serious) AS "WithSerious"
        FROM "Procedures" p
        LEFT JOIN (
          SELECT e."ProcedureId" AS pid,
            MAX(CASE WHEN e."Severity" IN ('{Severity.Severe}', '{Severity.LifeThreatening}') THEN 1 END) AS serious
          FROM "AdverseEvents" e GROUP BY e."ProcedureId"
        ) a ON a.pid = p."Id"
        GROUP BY p."Product", p."Source"
        """;
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Talus.Clinical;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Features.Procedure;

namespace Talus.Web.Features.Outcomes;

/// <summary>
/// The registry's counts computed by the database (decision 0009): one GROUP BY over <see cref="OutcomeRow"/>s (one
/// per procedure and time point, classified in C# by the one responder rule when their sources are saved) returns
/// per-cell counts, which roll up here into the overall and per-dimension slices; a second statement returns the
/// Kaplan–Meier inputs grouped by day from the stored treated joints (<see cref="JointSurvival"/>). The same statements run on SQLite and PostgreSQL; only day arithmetic differs.
/// <see cref="BuildRegistry.From"/> over <see cref="RegistryData"/> is the in-memory reference the tests compare with.
/// </summary>
public static class RegistrySql
{
    /// <summary>One grouped row: a time point and one combination of slice keys.</summary>
    public sealed class CellRow
    {
        public string Visit { get; set; } = "";
        public string? Band { get; set; }
        public string Product { get; set; } = "";
        public string Source { get; set; } = "";
        public int LocationId { get; set; }
        public int OperatorId { get; set; }
        public string? Lot { get; set; }
        public long Due { get; set; }
        public long Responders { get; set; }
        public long NonResponders { get; set; }
        public long NrsSuccesses { get; set; }
        public long NrsFailures { get; set; }
    }

    // Scores are unrounded doubles in SQL and decimals in Talus.Clinical; the smallest real difference between two
    // instrument scores is far above 1e-9, so this tolerance only absorbs floating-point noise at an exact threshold.
    private const string Eps = "0.000000001";

    public static async Task<(RegistryReport Report, Dictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes> Local)> RunAsync(
        ClinicDb db, RegistrySettings registry, McidSettings mcid, DateOnly today, CancellationToken ct)
    {
        // PostgreSQL: memory for the GROUP BYs to hash instead of sorting on disk, and no JIT (compiling these statements
        // costs more than it saves); both only for this read-only transaction.
        await using var tx = db.IsSqlite() || db.Database.CurrentTransaction is not null ? null : await db.Database.BeginTransactionAsync(ct);
        if (tx is not null)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off", ct);
        }
        var started = Stopwatch.GetTimestamp();
        var cells = await db.Database.SqlQueryRaw<CellRow>(CountsSql, today, (double)mcid.NrsPainPoints, (double)mcid.NrsPainRelative).ToListAsync(ct);
        var counted = Stopwatch.GetTimestamp();
        var survival = await db.Database.SqlQueryRaw<JointSurvivals.DayRow>(JointSurvivals.CurvesSql(db.IsSqlite()), today).ToListAsync(ct);
        var survived = Stopwatch.GetTimestamp();
        var adverse = await RegistryData.AdverseEventsAsync(db, ct);
        var procedures = adverse.Sum(a => a.Procedures);
        var adversed = Stopwatch.GetTimestamp();
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var providers = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        var named = Stopwatch.GetTimestamp();
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        var counts = new Dictionary<(RegistryTimePoint, RegistryDimension?, string), IttCounts>();
        var local = new Dictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes>();
        foreach (var c in cells)
        {
            var visit = Enum.Parse<ProgramVisit>(c.Visit);
            var band = c.Band is null ? (CandidacyBand?)null : Enum.Parse<CandidacyBand>(c.Band);
            var product = Enum.Parse<InjectionProduct>(c.Product);
            if (c.NrsSuccesses + c.NrsFailures > 0 && LocalKey(product, visit, band) is { } key)
            {
                var was = local.GetValueOrDefault(key, new LocalOutcomes(0, 0));
                local[key] = new LocalOutcomes(was.Successes + (int)c.NrsSuccesses, was.Failures + (int)c.NrsFailures);
            }
            if (c.Due == 0)
            {
                continue;
            }
            // Intention to treat: a due row is a responder, a non-responder or not assessed (decision 0009).
            var add = new IttCounts((int)c.Responders, (int)c.NonResponders, (int)(c.Due - c.Responders - c.NonResponders));
            var tp = BuildRegistry.TimePointOf(visit);
            Add(counts, (tp, null, ""), add);
            Add(counts, (tp, RegistryDimension.GradeBand, BuildRegistry.BandLabel(band)), add);
            Add(counts, (tp, RegistryDimension.Product, BuildRegistry.ProductLabel(product, Enum.Parse<TissueSource>(c.Source))), add);
            Add(counts, (tp, RegistryDimension.Location, locations.GetValueOrDefault(c.LocationId, BuildRegistry.UnknownLocation)), add);
            Add(counts, (tp, RegistryDimension.Provider, providers.GetValueOrDefault(c.OperatorId, BuildRegistry.UnknownProvider)), add);
            Add(counts, (tp, RegistryDimension.Lot, BuildRegistry.LotLabel(c.Lot)), add);
        }

        List<TimesAtDay> Curve(int curve) => [.. survival.Where(s => s.Curve == curve).Select(s => new TimesAtDay(s.Days, (int)s.Events, (int)s.Censored))];
        var report = BuildRegistry.Report(today, counts, procedures, Curve(0), Curve(1), adverse, registry);
        // Where a dashboard request's time goes (bench/README.md "Registry dashboard: where the time goes").
        db.GetService<ILoggerFactory>().CreateLogger(typeof(RegistrySql)).LogDebug(
            "Registry counted in {Total:0} ms: counts {Counts:0} ms ({Cells} cells), survival {Survival:0} ms, procedures and adverse events {Adverse:0} ms, names {Names:0} ms, report {Report:0} ms",
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, Stopwatch.GetElapsedTime(started, counted).TotalMilliseconds, cells.Count,
            Stopwatch.GetElapsedTime(counted, survived).TotalMilliseconds, Stopwatch.GetElapsedTime(survived, adversed).TotalMilliseconds,
            Stopwatch.GetElapsedTime(adversed, named).TotalMilliseconds, Stopwatch.GetElapsedTime(named).TotalMilliseconds);
        return (report, local);
    }

    private static void Add(Dictionary<(RegistryTimePoint, RegistryDimension?, string), IttCounts> counts, (RegistryTimePoint, RegistryDimension?, string) key, IttCounts add) =>
        counts[key] = counts.GetValueOrDefault(key, IttCounts.Zero) + add;

    private static (ProductClass, PriorBand, TimePoint)? LocalKey(InjectionProduct product, ProgramVisit visit, CandidacyBand? band)
    {
        PriorBand? prior = band switch
        {
            CandidacyBand.Favorable => PriorBand.Favorable,
            CandidacyBand.Guarded => PriorBand.Guarded,
            CandidacyBand.Unfavorable => PriorBand.Unfavorable,
            _ => null,
        };
        TimePoint? tp = visit switch { ProgramVisit.V3 => TimePoint.Month3, ProgramVisit.V4 => TimePoint.Month6, ProgramVisit.V5 => TimePoint.Month12, _ => null };
        return prior is null || tp is null ? null : (RegistryCache.ClassOf(product), prior.Value, tp.Value);
    }

    private static string Q(object value) => "'" + value + "'";

    private const string NrsMcid = """((o."NrsBaseline" - o."NrsFollowUp") >= {1} - """ + Eps + """ OR (o."NrsBaseline" > 0 AND (o."NrsBaseline" - o."NrsFollowUp") / o."NrsBaseline" >= {2} - """ + Eps + "))";

    /// <summary>
    /// One GROUP BY over the outcome rows (one per procedure and time point, status classified in C# when written):
    /// per slice-key combination the due rows by status and the NRS pain MCID pairs for the §5.3 local prior (every
    /// follow-up with both NRS values, as <see cref="RegistryCache.LocalOutcomesOf"/>). {0} = today, {1} = NRS MCID
    /// points, {2} = NRS MCID relative (SPEC §3.4, from McidSettings). A row is due once its window has closed or its
    /// visit is completed (decision 0009).
    /// </summary>
    public static readonly string CountsSql = $"""
        SELECT o."Visit" AS "Visit", o."Band" AS "Band", o."Product" AS "Product", o."Source" AS "Source",
          o."LocationId" AS "LocationId", o."OperatorId" AS "OperatorId", o."Lot" AS "Lot",
          SUM(CASE WHEN o."WindowEnd" < {"{0}"} OR o."VisitCompleted" THEN 1 ELSE 0 END) AS "Due",
          SUM(CASE WHEN (o."WindowEnd" < {"{0}"} OR o."VisitCompleted") AND o."Status" = {Q(OutcomeStatus.Responder)} THEN 1 ELSE 0 END) AS "Responders",
          SUM(CASE WHEN (o."WindowEnd" < {"{0}"} OR o."VisitCompleted") AND o."Status" = {Q(OutcomeStatus.NonResponder)} THEN 1 ELSE 0 END) AS "NonResponders",
          SUM(CASE WHEN o."NrsBaseline" IS NOT NULL AND o."NrsFollowUp" IS NOT NULL AND {NrsMcid} THEN 1 ELSE 0 END) AS "NrsSuccesses",
          SUM(CASE WHEN o."NrsBaseline" IS NOT NULL AND o."NrsFollowUp" IS NOT NULL AND NOT {NrsMcid} THEN 1 ELSE 0 END) AS "NrsFailures"
        FROM "OutcomeRows" o
        GROUP BY o."Visit", o."Band", o."Product", o."Source", o."LocationId", o."OperatorId", o."Lot"
        """;
}

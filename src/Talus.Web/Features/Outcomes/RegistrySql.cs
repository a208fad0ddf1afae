using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Features.Procedure;

namespace Talus.Web.Features.Outcomes;

/// <summary>
/// The registry's counts computed by the database (decision 0009): one statement pivots baseline and follow-up scores
/// per procedure and time point, applies OMERACT-OARSI (SPEC §4.4, §4.5) as SQL expressions and groups by slice, so only
/// per-cell counts come back; a second one returns the Kaplan–Meier inputs grouped by day. The same statements run on
/// SQLite and PostgreSQL (quoted PascalCase names, <c>AS MATERIALIZED</c>); only day arithmetic differs.
/// <see cref="BuildRegistry.From"/> over <see cref="RegistryData"/> is the in-memory reference the tests compare with.
/// </summary>
public static class RegistrySql
{
    /// <summary>One grouped row: a time point and one slice of one dimension (Dim 0 = all; 6 = product × band for §5.3).</summary>
    public sealed class CellRow
    {
        public string Visit { get; set; } = "";
        public int Dim { get; set; }
        public string? Band { get; set; }
        public string? Product { get; set; }
        public string? Source { get; set; }
        public int? LocationId { get; set; }
        public int? OperatorId { get; set; }
        public string? Lot { get; set; }
        public long Responders { get; set; }
        public long NonResponders { get; set; }
        public long NotAssessed { get; set; }
        public long NrsSuccesses { get; set; }
        public long NrsFailures { get; set; }
    }

    /// <summary>Joints with the same time to event (or to censoring) in days.</summary>
    public sealed class SurvivalRow
    {
        public int Curve { get; set; }
        public int Days { get; set; }
        public bool Event { get; set; }
        public long Joints { get; set; }
    }

    // Scores are unrounded doubles in SQL and decimals in Talus.Clinical; the smallest real difference between two
    // instrument scores is far above 1e-9, so this tolerance only absorbs floating-point noise at an exact threshold.
    private const string Eps = "0.000000001";

    public static async Task<(RegistryReport Report, Dictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes> Local)> RunAsync(
        ClinicDb db, RegistrySettings registry, McidSettings mcid, DateOnly today, CancellationToken ct)
    {
        var cells = await db.Database.SqlQueryRaw<CellRow>(CountsSql(db.IsSqlite()), today, (double)mcid.NrsPainPoints, (double)mcid.NrsPainRelative).ToListAsync(ct);
        var survival = await db.Database.SqlQueryRaw<SurvivalRow>(SurvivalSql(db.IsSqlite()), today).ToListAsync(ct);
        var procedures = await db.Procedures.CountAsync(ct);
        var adverse = await RegistryData.AdverseEventsAsync(db, ct);
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var providers = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);

        var counts = new Dictionary<(RegistryTimePoint, RegistryDimension?, string), IttCounts>();
        var local = new Dictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes>();
        foreach (var c in cells)
        {
            var visit = Enum.Parse<ProgramVisit>(c.Visit);
            var band = c.Band is null ? (CandidacyBand?)null : Enum.Parse<CandidacyBand>(c.Band);
            if (c.Dim == 6)
            {
                if (LocalKey(c, visit, band) is { } key && c.NrsSuccesses + c.NrsFailures > 0)
                {
                    var was = local.GetValueOrDefault(key, new LocalOutcomes(0, 0));
                    local[key] = new LocalOutcomes(was.Successes + (int)c.NrsSuccesses, was.Failures + (int)c.NrsFailures);
                }
                continue;
            }
            RegistryDimension? dimension = c.Dim == 0 ? null : (RegistryDimension)(c.Dim - 1);
            var label = dimension switch
            {
                null => "",
                RegistryDimension.GradeBand => BuildRegistry.BandLabel(band),
                RegistryDimension.Product => BuildRegistry.ProductLabel(Enum.Parse<InjectionProduct>(c.Product!), Enum.Parse<TissueSource>(c.Source!)),
                RegistryDimension.Location => locations.GetValueOrDefault(c.LocationId ?? 0, BuildRegistry.UnknownLocation),
                RegistryDimension.Provider => providers.GetValueOrDefault(c.OperatorId ?? 0, BuildRegistry.UnknownProvider),
                _ => BuildRegistry.LotLabel(c.Lot),
            };
            var key2 = (BuildRegistry.TimePointOf(visit), dimension, label);
            counts[key2] = counts.GetValueOrDefault(key2, IttCounts.Zero) + new IttCounts((int)c.Responders, (int)c.NonResponders, (int)c.NotAssessed);
        }

        List<TimeToEvent> Curve(int curve) => [.. survival.Where(s => s.Curve == curve)
            .SelectMany(s => Enumerable.Repeat(new TimeToEvent(s.Days, s.Event), (int)s.Joints))];
        var report = BuildRegistry.Report(today, counts, procedures, Curve(0), Curve(1), adverse, registry);
        return (report, local);
    }

    private static (ProductClass, PriorBand, TimePoint)? LocalKey(CellRow c, ProgramVisit visit, CandidacyBand? band)
    {
        PriorBand? prior = band switch
        {
            CandidacyBand.Favorable => PriorBand.Favorable,
            CandidacyBand.Guarded => PriorBand.Guarded,
            CandidacyBand.Unfavorable => PriorBand.Unfavorable,
            _ => null,
        };
        TimePoint? tp = visit switch { ProgramVisit.V3 => TimePoint.Month3, ProgramVisit.V4 => TimePoint.Month6, ProgramVisit.V5 => TimePoint.Month12, _ => null };
        return prior is null || tp is null ? null : (RegistryCache.ClassOf(Enum.Parse<InjectionProduct>(c.Product!)), prior.Value, tp.Value);
    }

    private static string Q(object value) => "'" + value + "'";

    private static string InstrumentIs(string alias, InstrumentId id) => $"{alias}.\"Instrument\" = {Q(id)}";

    private static string Pivot(string s, string score, string prefix) => $"""
        MAX(CASE WHEN {InstrumentIs(s, InstrumentId.NrsPain)} THEN {score} END) AS {prefix}nrs,
        MAX(CASE WHEN {InstrumentIs(s, InstrumentId.Faos)} AND {s}."Subscale" = {Q(Faos.Pain)} THEN {score} END) AS {prefix}fp,
        MAX(CASE WHEN {InstrumentIs(s, InstrumentId.Faos)} AND {s}."Subscale" = {Q(Faos.Adl)} THEN {score} END) AS {prefix}fa,
        MAX(CASE WHEN {InstrumentIs(s, InstrumentId.FaamAdl)} THEN {score} END) AS {prefix}faam,
        MAX(CASE WHEN {InstrumentIs(s, InstrumentId.PatientGlobalAssessment)} THEN {score} END) AS {prefix}g
        """;

    /// <summary>1 when a domain changed by at least <paramref name="absolute"/> and <paramref name="relative"/> of a non-zero baseline (SPEC §4.4).</summary>
    private static string Change(string x0, string x1, bool worsening, int absolute, string relative)
    {
        var change = worsening ? $"({x1} - {x0})" : $"({x0} - {x1})";
        return $"(CASE WHEN {x0} <> 0 AND {change} >= {absolute} - {Eps} AND {change} / {x0} >= {relative} - {Eps} THEN 1 ELSE 0 END)";
    }

    /// <summary>OMERACT-OARSI (or its inverse): high change in P or F, or moderate change in two of P, F, G (SPEC §4.4; thresholds published).</summary>
    private static string Oarsi(bool worsening) =>
        $"(CASE WHEN {Change("p0", "p1", worsening, 20, "0.5")} = 1 OR {Change("f0", "f1", worsening, 20, "0.5")} = 1"
        + $" OR {Change("p0", "p1", worsening, 10, "0.2")} + {Change("f0", "f1", worsening, 10, "0.2")} + {Change("g0", "g1", worsening, 10, "0.2")} >= 2 THEN 1 ELSE 0 END)";

    private static string Visits => string.Join(", ", BuildRegistry.Visits.Select(v => Q(v)));

    /// <summary>
    /// {0} = today, {1} = NRS MCID points, {2} = NRS MCID relative (SPEC §3.4, from McidSettings). The score CTEs read every
    /// instrument and let the pivot pick the five measures: a filter on them made both planners leave the covering indexes.
    /// SQLite (no statistics) is told to use the baseline index; PostgreSQL chooses it itself.
    /// </summary>
    public static string CountsSql(bool sqlite) => $"""
        WITH proc AS MATERIALIZED (
          SELECT p."Id", p."PatientId", p."Joint", p."Side", p."PerformedOn", p."Product", p."Source", p."LocationId", p."OperatorId", p."ExternalLot" AS "Lot",
            (SELECT a."Band" FROM "CandidacyAssessments" a
              WHERE a."PatientId" = p."PatientId" AND a."Joint" = p."Joint" AND a."Side" = p."Side" AND a."AssessedOn" <= p."PerformedOn"
              ORDER BY a."AssessedOn" DESC, a."At" DESC LIMIT 1) AS "Band"
          FROM "Procedures" p
        ),
        fu AS (
          SELECT s."ProcedureId" AS pid, s."Visit" AS visit,
          {Pivot("s", "s.\"Score\"", "f_")}
          FROM "ScoreRows" s
          WHERE s."ProcedureId" IS NOT NULL AND s."Visit" IN ({Visits})
          GROUP BY s."ProcedureId", s."Visit"
        ),
        ranked AS (
          SELECT p."Id" AS pid, s."Instrument", s."Subscale", s."Score" AS score,
            ROW_NUMBER() OVER (PARTITION BY p."Id", s."Instrument", s."Subscale" ORDER BY s."CompletedOn" DESC, s."SubmittedAt" DESC) AS rn
          FROM proc p JOIN "ScoreRows" s {(sqlite ? "INDEXED BY \"IX_ScoreRows_Baseline\"" : "")} ON s."PatientId" = p."PatientId"
          WHERE s."FollowUpVisitId" IS NULL AND s."Visit" IS NULL AND s."CompletedOn" <= p."PerformedOn"
            AND (s."Joint" IS NULL OR (s."Joint" = p."Joint" AND (s."Side" IS NULL OR s."Side" = p."Side")))
        ),
        base AS (
          SELECT r.pid, {Pivot("r", "r.score", "b_")}
          FROM ranked r WHERE r.rn = 1 GROUP BY r.pid
        ),
        pair AS (
          SELECT v."Visit" AS visit, p."Band", p."Product", p."Source", p."LocationId", p."OperatorId", p."Lot",
            CASE WHEN (b.b_nrs IS NOT NULL OR b.b_fp IS NOT NULL OR b.b_fa IS NOT NULL OR b.b_faam IS NOT NULL OR b.b_g IS NOT NULL)
                  AND (f.f_nrs IS NOT NULL OR f.f_fp IS NOT NULL OR f.f_fa IS NOT NULL OR f.f_faam IS NOT NULL OR f.f_g IS NOT NULL) THEN 1 ELSE 0 END AS assessed,
            CASE WHEN b.b_fp IS NOT NULL AND f.f_fp IS NOT NULL THEN 100 - b.b_fp WHEN b.b_nrs IS NOT NULL AND f.f_nrs IS NOT NULL THEN 10 * b.b_nrs END AS p0,
            CASE WHEN b.b_fp IS NOT NULL AND f.f_fp IS NOT NULL THEN 100 - f.f_fp WHEN b.b_nrs IS NOT NULL AND f.f_nrs IS NOT NULL THEN 10 * f.f_nrs END AS p1,
            100 - b.b_fa AS f0, 100 - f.f_fa AS f1, b.b_g AS g0, f.f_g AS g1, b.b_nrs AS n0, f.f_nrs AS n1
          FROM "FollowUpVisits" v
          JOIN proc p ON p."Id" = v."ProcedureId"
          LEFT JOIN base b ON b.pid = p."Id"
          LEFT JOIN fu f ON f.pid = v."ProcedureId" AND f.visit = v."Visit"
          WHERE v."Visit" IN ({Visits}) AND (v."WindowEnd" < {"{0}"} OR v."Status" = {Q(FollowUp.FollowUpStatus.Completed)})
        ),
        c AS MATERIALIZED (
          SELECT visit, "Band", "Product", "Source", "LocationId", "OperatorId", "Lot",
            CASE WHEN assessed = 1 AND {Oarsi(false)} = 1 AND {Oarsi(true)} = 0 THEN 1 ELSE 0 END AS r,
            CASE WHEN assessed = 1 AND NOT ({Oarsi(false)} = 1 AND {Oarsi(true)} = 0) THEN 1 ELSE 0 END AS nr,
            1 - assessed AS na,
            CASE WHEN n0 IS NOT NULL AND n1 IS NOT NULL AND ((n0 - n1) >= {"{1}"} - {Eps} OR (n0 > 0 AND (n0 - n1) / n0 >= {"{2}"} - {Eps})) THEN 1 ELSE 0 END AS ns,
            CASE WHEN n0 IS NOT NULL AND n1 IS NOT NULL AND NOT ((n0 - n1) >= {"{1}"} - {Eps} OR (n0 > 0 AND (n0 - n1) / n0 >= {"{2}"} - {Eps})) THEN 1 ELSE 0 END AS nf
          FROM pair
        )
        {Branch(0, "")}
        UNION ALL {Branch(1, "\"Band\"")}
        UNION ALL {Branch(2, "\"Product\", \"Source\"")}
        UNION ALL {Branch(3, "\"LocationId\"")}
        UNION ALL {Branch(4, "\"OperatorId\"")}
        UNION ALL {Branch(5, "\"Lot\"")}
        UNION ALL {Branch(6, "\"Band\", \"Product\"")}
        """;

    private static string Branch(int dim, string keys)
    {
        string Col(string name, string type) => keys.Contains($"\"{name}\"", StringComparison.Ordinal) ? $"\"{name}\"" : $"CAST(NULL AS {type})";
        var group = keys.Length == 0 ? "visit" : "visit, " + keys;
        return $"""
            SELECT visit AS "Visit", {dim.ToString(CultureInfo.InvariantCulture)} AS "Dim", {Col("Band", "varchar(40)")} AS "Band", {Col("Product", "varchar(40)")} AS "Product",
              {Col("Source", "varchar(40)")} AS "Source", {Col("LocationId", "integer")} AS "LocationId", {Col("OperatorId", "integer")} AS "OperatorId", {Col("Lot", "varchar(400)")} AS "Lot",
              SUM(r) AS "Responders", SUM(nr) AS "NonResponders", SUM(na) AS "NotAssessed", SUM(ns) AS "NrsSuccesses", SUM(nf) AS "NrsFailures"
            FROM c GROUP BY {group}
            """;
    }

    /// <summary>
    /// Time to a repeat injection (curve 0) and to surgery (curve 1) per treated joint from its first procedure, grouped
    /// by day and event; without the event a joint is censored at its last follow-up answer (not after today), else day 0.
    /// {0} = today.
    /// </summary>
    public static string SurvivalSql(bool sqlite)
    {
        string Days(string later, string earlier) => sqlite ? $"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)" : $"({later} - {earlier})";
        return $"""
            WITH last AS (
              SELECT s."ProcedureId" AS pid, MAX(s."CompletedOn") AS last FROM "ScoreRows" s WHERE s."ProcedureId" IS NOT NULL GROUP BY s."ProcedureId"
            ),
            j AS (
              SELECT p."PatientId", p."Joint", p."Side", MIN(p."PerformedOn") AS idx, MAX(COALESCE(l.last, p."PerformedOn")) AS last
              FROM "Procedures" p LEFT JOIN last l ON l.pid = p."Id"
              GROUP BY p."PatientId", p."Joint", p."Side"
            ),
            e AS (
              SELECT j.idx,
                CASE WHEN j.last < {"{0}"} THEN j.last ELSE {"{0}"} END AS censor,
                (SELECT MIN(p."PerformedOn") FROM "Procedures" p WHERE p."PatientId" = j."PatientId" AND p."Joint" = j."Joint" AND p."Side" = j."Side" AND p."PerformedOn" > j.idx) AS rep,
                (SELECT MIN(s."PerformedOn") FROM "Surgeries" s WHERE s."PatientId" = j."PatientId" AND s."Joint" = j."Joint" AND s."Side" = j."Side" AND s."PerformedOn" >= j.idx) AS surg
              FROM j
            ),
            t AS (
              SELECT 0 AS curve, CASE WHEN rep IS NOT NULL THEN {Days("rep", "idx")} ELSE {Days("censor", "idx")} END AS days, CASE WHEN rep IS NOT NULL THEN 1 ELSE 0 END AS ev FROM e
              UNION ALL
              SELECT 1, CASE WHEN surg IS NOT NULL THEN {Days("surg", "idx")} ELSE {Days("censor", "idx")} END, CASE WHEN surg IS NOT NULL THEN 1 ELSE 0 END FROM e
            )
            SELECT curve AS "Curve", CASE WHEN days < 0 THEN 0 ELSE days END AS "Days", CASE WHEN ev = 1 THEN TRUE ELSE FALSE END AS "Event", COUNT(*) AS "Joints"
            FROM t GROUP BY curve, CASE WHEN days < 0 THEN 0 ELSE days END, ev
            """;
    }
}

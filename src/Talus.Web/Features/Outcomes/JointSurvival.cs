using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Procedure;

namespace Talus.Web.Features.Outcomes;

/// <summary>
/// One treated joint (patient, joint, side) for the registry's Kaplan–Meier curves (decision 0009 addendum): its index
/// procedure with the slice keys, the first repeat injection and the first surgery after it, and the last day it was seen
/// (its latest follow-up answer, or its latest procedure). Rewritten in the same save as its sources (<see cref="OutcomeRows.RefreshAsync"/>),
/// so the curves are one grouped statement over these rows instead of a pass over every procedure.
/// </summary>
public sealed class JointSurvival
{
    public Guid PatientId { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    /// <summary>The first procedure on this joint: time zero of both curves.</summary>
    public DateOnly IndexOn { get; set; }
    public CandidacyBand? Band { get; set; }
    public InjectionProduct Product { get; set; }
    public TissueSource Source { get; set; }
    public int LocationId { get; set; }
    public int OperatorId { get; set; }
    public string? Lot { get; set; }
    /// <summary>The first procedure on a later day in the same joint (the "time to repeat injection" event).</summary>
    public DateOnly? RepeatOn { get; set; }
    /// <summary>The first surgery on or after the index day in the same joint (the "time to surgery" event).</summary>
    public DateOnly? SurgeryOn { get; set; }
    /// <summary>Censoring: per procedure of the joint its latest follow-up answer (its day when none), the latest of these.</summary>
    public DateOnly LastSeenOn { get; set; }

    public static void Configure(ModelBuilder b) => b.Entity<JointSurvival>(e =>
    {
        e.HasKey(j => new { j.PatientId, j.Joint, j.Side });
        // Both curves read from this index alone (JointSurvivals.CurvesSql).
        e.HasIndex(j => new { j.IndexOn, j.RepeatOn, j.SurgeryOn, j.LastSeenOn }).HasDatabaseName("IX_JointSurvivals_Curves");
        e.Property(j => j.Lot).HasMaxLength(400);
    });
}

/// <summary>Computes, rewrites, backfills and counts <see cref="JointSurvival"/> rows.</summary>
public static class JointSurvivals
{
    private const int Chunk = 500;

    /// <summary>The joints of these patients as their procedures, surgeries and follow-up answers say now.</summary>
    public static async Task<List<JointSurvival>> ComputeAsync(ClinicDb db, IReadOnlyCollection<Guid> patients, CancellationToken ct)
    {
        var rows = new List<JointSurvival>();
        foreach (var chunk in patients.Chunk(Chunk))
        {
            var procedures = await BuildRegistry.LoadProceduresAsync(db, ct, patients: chunk);
            var lastAnswers = await BuildRegistry.LastAnswersAsync(db, ct, [.. procedures.Select(p => (Guid?)p.Id)]);
            rows.AddRange(await ComputeAsync(db, procedures, lastAnswers, ct));
        }
        return rows;
    }

    /// <summary>
    /// The joints of these procedures' patients, given all of those patients' procedures and each procedure's latest
    /// follow-up answer (read once by the caller, who needs them for the outcome rows too).
    /// </summary>
    public static async Task<List<JointSurvival>> ComputeAsync(ClinicDb db, IReadOnlyCollection<BuildRegistry.ProcedureFacts> procedures,
        IReadOnlyDictionary<Guid, DateOnly> lastAnswers, CancellationToken ct)
    {
        Guid[] patients = [.. procedures.Select(p => p.PatientId).Distinct()];
        var surgeries = (await db.Surgeries.AsNoTracking().Where(s => patients.Contains(s.PatientId))
            .Select(s => new { s.PatientId, s.Joint, s.Side, s.PerformedOn }).ToListAsync(ct))
            .ToLookup(s => (s.PatientId, s.Joint, s.Side), s => s.PerformedOn);
        var rows = new List<JointSurvival>();
        foreach (var joint in procedures.GroupBy(p => (p.PatientId, p.Joint, p.Side)))
        {
            var first = joint.OrderBy(p => p.PerformedOn).ThenBy(p => p.Id).First();
            rows.Add(new JointSurvival
            {
                PatientId = first.PatientId, Joint = first.Joint, Side = first.Side, IndexOn = first.PerformedOn,
                Band = first.Band, Product = first.Product, Source = first.Source, LocationId = first.LocationId, OperatorId = first.OperatorId, Lot = first.Lot,
                RepeatOn = joint.Where(p => p.PerformedOn > first.PerformedOn).Select(p => (DateOnly?)p.PerformedOn).Min(),
                SurgeryOn = surgeries[joint.Key].Where(d => d >= first.PerformedOn).Select(d => (DateOnly?)d).Min(),
                LastSeenOn = joint.Max(p => lastAnswers.TryGetValue(p.Id, out var d) ? d : p.PerformedOn),
            });
        }
        return rows;
    }

    /// <summary>
    /// Fills the table from the stored procedures, surgeries and score rows in one statement (the migration that adds
    /// the table runs it; the same rules as <see cref="ComputeAsync"/>, which a test checks). Band: the latest candidacy
    /// assessment of the joint on or before the index day (SPEC §1.6).
    /// </summary>
    public const string BackfillSql = """
            INSERT INTO "JointSurvivals" ("PatientId", "Joint", "Side", "IndexOn", "Band", "Product", "Source", "LocationId", "OperatorId", "Lot", "RepeatOn", "SurgeryOn", "LastSeenOn")
            WITH last AS (
              SELECT s."ProcedureId" AS pid, MAX(s."CompletedOn") AS last FROM "ScoreRows" s WHERE s."ProcedureId" IS NOT NULL GROUP BY s."ProcedureId"
            ),
            p AS (
              SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p."PatientId", p."Joint", p."Side" ORDER BY p."PerformedOn", p."Id") AS n
              FROM "Procedures" p
            ),
            j AS (
              SELECT p."PatientId", p."Joint", p."Side", MIN(p."PerformedOn") AS idx,
                MAX(COALESCE(l.last, p."PerformedOn")) AS seen
              FROM p LEFT JOIN last l ON l.pid = p."Id"
              GROUP BY p."PatientId", p."Joint", p."Side"
            )
            SELECT f."PatientId", f."Joint", f."Side", f."PerformedOn",
              (SELECT a."Band" FROM "CandidacyAssessments" a
               WHERE a."PatientId" = f."PatientId" AND a."Joint" = f."Joint" AND a."Side" = f."Side" AND a."AssessedOn" <= f."PerformedOn"
               ORDER BY a."AssessedOn" DESC, a."At" DESC LIMIT 1),
              f."Product", f."Source", f."LocationId", f."OperatorId", f."ExternalLot",
              (SELECT MIN(r."PerformedOn") FROM "Procedures" r
               WHERE r."PatientId" = f."PatientId" AND r."Joint" = f."Joint" AND r."Side" = f."Side" AND r."PerformedOn" > f."PerformedOn"),
              (SELECT MIN(s."PerformedOn") FROM "Surgeries" s
               WHERE s."PatientId" = f."PatientId" AND s."Joint" = f."Joint" AND s."Side" = f."Side" AND s."PerformedOn" >= f."PerformedOn"),
              j.seen
            FROM p f JOIN j ON j."PatientId" = f."PatientId" AND j."Joint" = f."Joint" AND j."Side" = f."Side"
            WHERE f.n = 1
            """;

    /// <summary>Joints with the same time to event (or to censoring) in days.</summary>
    public sealed class DayRow
    {
        public int Curve { get; set; }
        public int Days { get; set; }
        public long Events { get; set; }
        public long Censored { get; set; }
    }

    /// <summary>
    /// Both curves in one grouped statement: time to a repeat injection (curve 0) and to surgery (curve 1) per joint from
    /// its index day, events and censorings counted per day; without the event a joint is censored on the day it was
    /// last seen (not after today). {0} = today.
    /// </summary>
    public static string CurvesSql(bool sqlite)
    {
        string Days(string later) => sqlite ? $"CAST(julianday({later}) - julianday(j.\"IndexOn\") AS INTEGER)" : $"({later} - j.\"IndexOn\")";
        var censor = """CASE WHEN j."LastSeenOn" < {0} THEN j."LastSeenOn" ELSE {0} END""";
        return $"""
            SELECT t.curve AS "Curve", CASE WHEN t.days < 0 THEN 0 ELSE t.days END AS "Days", SUM(t.ev) AS "Events", SUM(1 - t.ev) AS "Censored"
            FROM (
              SELECT 0 AS curve, CASE WHEN j."RepeatOn" IS NOT NULL THEN {Days("j.\"RepeatOn\"")} ELSE {Days(censor)} END AS days,
                CASE WHEN j."RepeatOn" IS NOT NULL THEN 1 ELSE 0 END AS ev
              FROM "JointSurvivals" j
              UNION ALL
              SELECT 1, CASE WHEN j."SurgeryOn" IS NOT NULL THEN {Days("j.\"SurgeryOn\"")} ELSE {Days(censor)} END,
                CASE WHEN j."SurgeryOn" IS NOT NULL THEN 1 ELSE 0 END
              FROM "JointSurvivals" j
            ) t
            GROUP BY t.curve, CASE WHEN t.days < 0 THEN 0 ELSE t.days END
            """;
    }
}

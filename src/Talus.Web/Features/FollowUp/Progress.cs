using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Repeat;
using Talus.Web.Data;
using Talus.Web.Features.Settings;

namespace Talus.Web.Features.FollowUp;

/// <summary>One score at one time: baseline (no visit) or a follow-up visit, with its window mark.</summary>
public sealed record ScorePoint(DateOnly On, int? Days, ProgramVisit? Visit, double Score, bool? InWindow);

/// <summary>
/// One measure over time for one joint: the points, the baseline (the latest answer on or before the index procedure),
/// and where the MCID band starts (SPEC §3.7); null when the measure has no MCID or no baseline.
/// </summary>
public sealed record ScoreSeries(InstrumentId Instrument, string Subscale, string Name, double Minimum, double Maximum, bool HigherIsBetter,
    IReadOnlyList<ScorePoint> Points, double? Baseline, double? McidLine, OutcomeMeasure? Measure);

/// <summary>The expected chance of reaching the pain MCID at a time point (SPEC §5.3 prior), with its interval.</summary>
public sealed record ExpectedPoint(int Months, decimal Mean, decimal Lower, decimal Upper);

/// <summary>A repeat-injection verdict at V3 or V4 (SPEC §4.6).</summary>
public sealed record RepeatAtVisit(ProgramVisit Visit, ResponseCategory Response, RepeatVerdict Verdict);

/// <summary>Everything the chart and the portal show for one treated joint.</summary>
public sealed record JointProgress(Joint Joint, Side Side, ProcedureSummary? Index, IReadOnlyList<FollowUpVisit> Visits, IReadOnlyList<ScoreSeries> Series,
    ResponseAssessment? Response, IReadOnlyList<RepeatAtVisit> Repeats, IReadOnlyList<ExpectedPoint> Expected);

public sealed record ProcedureSummary(Guid Id, DateOnly PerformedOn, InjectionProduct Product);

/// <summary>
/// Reads a patient's score rows and follow-up visits once and computes, per treated joint, the series with their MCID
/// band (SPEC §3.7), the response at each visit (SPEC §4.4, §4.5), the repeat-injection verdict at V3 and V4 (SPEC §4.6)
/// and the expected-outcome prior (SPEC §5.3).
/// </summary>
public static class Progress
{
    private static readonly (InstrumentId Id, string Subscale, OutcomeMeasure? Measure)[] Measures =
    [
        (InstrumentId.NrsPain, SingleValueMeasures.Subscale, OutcomeMeasure.NrsPain),
        (InstrumentId.Faos, Faos.Pain, OutcomeMeasure.FaosPain),
        (InstrumentId.Faos, Faos.Symptoms, OutcomeMeasure.FaosSymptoms),
        (InstrumentId.Faos, Faos.Adl, OutcomeMeasure.FaosAdl),
        (InstrumentId.Faos, Faos.SportRec, OutcomeMeasure.FaosSportRec),
        (InstrumentId.Faos, Faos.Qol, OutcomeMeasure.FaosQol),
        (InstrumentId.FaamAdl, Faam.AdlSubscale, OutcomeMeasure.FaamAdl),
        (InstrumentId.FaamSports, Faam.SportsSubscale, OutcomeMeasure.FaamSports),
        (InstrumentId.VasPain, SingleValueMeasures.Subscale, OutcomeMeasure.VasPain),
        (InstrumentId.PromisPhysicalFunction, SingleValueMeasures.Subscale, OutcomeMeasure.PromisPhysicalFunction),
        (InstrumentId.PatientGlobalAssessment, SingleValueMeasures.Subscale, null),
    ];

    public static async Task<IReadOnlyList<JointProgress>> LoadAsync(Guid patientId, ClinicDb db, PracticeSettings settings, DateOnly today, CancellationToken ct)
    {
        var rows = await ScoreRowsAsync(patientId, db, ct);
        var visits = await VisitsAsync(patientId, db, ct);
        var procedures = await db.Procedures.AsNoTracking().Where(p => p.PatientId == patientId)
            .Select(p => new IndexProcedure(p.Id, p.PerformedOn, p.Product, p.Joint, p.Side)).ToListAsync(ct);
        var events = await db.AdverseEvents.AsNoTracking().Where(a => a.PatientId == patientId)
            .Select(a => new OpenEvent(a.ProcedureId, a.ResolvedOn)).ToListAsync(ct);
        var assessments = await db.CandidacyAssessments.AsNoTracking().Where(a => a.PatientId == patientId)
            .OrderByDescending(a => a.At).ToListAsync(ct);
        var imaging = await db.ImagingStudies.AsNoTracking().Where(i => i.PatientId == patientId)
            .Select(i => new ImagedJoint(i.Joint, i.Side, i.PerformedOn)).ToListAsync(ct);
        return await ComputeAsync(patientId, new Inputs(rows, visits, procedures, events, assessments, imaging), settings, today, ct);
    }

    /// <summary>What the progress is computed from; the chart reads these once with its other sections.</summary>
    public sealed record Inputs(IReadOnlyList<ScoreRow> Rows, IReadOnlyList<FollowUpVisit> Visits, IReadOnlyList<IndexProcedure> Procedures,
        IReadOnlyList<OpenEvent> Events, IReadOnlyList<CandidacyAssessment> AssessmentsNewestFirst, IReadOnlyList<ImagedJoint> Imaging);

    public sealed record IndexProcedure(Guid Id, DateOnly PerformedOn, InjectionProduct Product, Joint Joint, Side Side);

    public sealed record OpenEvent(Guid ProcedureId, DateOnly? ResolvedOn);

    public sealed record ImagedJoint(Joint Joint, Side Side, DateOnly PerformedOn);

    public static ValueTask<List<ScoreRow>> ScoreRowsAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        ScoreRowsQuery(db, patientId).ToListAsync(ct);

    public static ValueTask<List<FollowUpVisit>> VisitsAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        VisitsQuery(db, patientId).ToListAsync(ct);

    // Compiled once: the chart reads these on every request (decision 0018, addenda of 2026-12-01).
    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<ScoreRow>> ScoreRowsQuery = EF.CompileAsyncQuery<ClinicDb, Guid, ScoreRow>(
        (ClinicDb db, Guid patientId) => db.ScoreRows.AsNoTracking().Where(s => s.PatientId == patientId && s.Joint != null && s.Side != null)
            .OrderBy(s => s.CompletedOn).ThenBy(s => s.SubmittedAt));

    private static readonly Func<ClinicDb, Guid, IAsyncEnumerable<FollowUpVisit>> VisitsQuery = EF.CompileAsyncQuery(
        (ClinicDb db, Guid patientId) => db.FollowUpVisits.AsNoTracking().Where(v => v.PatientId == patientId));

    /// <summary>
    /// The expected chance of reaching the pain MCID with no local results (SPEC §5.3 prior) for one product, band and time,
    /// computed once per settings instance: a pure function of the three and the settings, whose beta quantiles were a
    /// visible share of a chart's CPU when computed on every chart (decision 0018, addenda of 2026-12-01).
    /// </summary>
    private static BetaSummary? ExpectedFor(ExpectedOutcomeSettings settings, ProductClass product, PriorBand band, TimePoint time) =>
        ExpectedBySettings.GetValue(settings, _ => new()).GetOrAdd((product, band, time),
            static (key, s) => ExpectedPainRelief.Estimate(new ExpectedOutcomeRequest(key.Item1, key.Item2, key.Item3, 0, 0), s).Estimate, settings);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ExpectedOutcomeSettings,
        System.Collections.Concurrent.ConcurrentDictionary<(ProductClass, PriorBand, TimePoint), BetaSummary?>> ExpectedBySettings = [];

    public static async Task<IReadOnlyList<JointProgress>> ComputeAsync(Guid patientId, Inputs inputs, PracticeSettings settings, DateOnly today, CancellationToken ct)
    {
        var (rows, visits, procedures, events, assessments, imaging) = inputs;
        var mcid = await settings.GetAsync<McidSettings>(ct);
        var repeatSettings = await settings.GetAsync<RepeatInjectionSettings>(ct);
        var outcome = await settings.GetAsync<ExpectedOutcomeSettings>(ct);

        var joints = rows.Select(r => (r.Joint!.Value, r.Side!.Value)).Concat(procedures.Select(p => (p.Joint, p.Side))).Distinct().ToList();
        var result = new List<JointProgress>();
        foreach (var (joint, side) in joints)
        {
            var index = procedures.Where(p => p.Joint == joint && p.Side == side).OrderByDescending(p => p.PerformedOn).FirstOrDefault();
            var jointRows = rows.Where(r => r.Joint == joint && r.Side == side).ToList();
            var series = new List<ScoreSeries>();
            foreach (var (id, subscale, measure) in Measures)
            {
                var points = jointRows.Where(r => r.Instrument == id && r.Subscale == subscale)
                    .Select(r => new ScorePoint(r.CompletedOn, r.DaysFromIndex, r.Visit, r.Score, r.InWindow)).ToList();
                if (points.Count == 0)
                {
                    continue;
                }
                var definition = InstrumentScoring.DefinitionOf(id)!;
                var single = definition.Rule == ScoringRule.SingleValue;
                var baseline = points.LastOrDefault(p => p.Visit is null && (index is null || p.On <= index.PerformedOn))?.Score;
                series.Add(new ScoreSeries(id, subscale, single ? definition.Name : $"{definition.Name} {definition.SubscaleOf(subscale)?.Name ?? subscale}",
                    single ? definition.MinimumAnswer : 0, single ? definition.MaximumAnswer : 100, definition.Direction == ScoreDirection.HigherIsBetter,
                    points, baseline, McidLine(measure, baseline, definition.Direction == ScoreDirection.HigherIsBetter, mcid), measure));
            }

            ResponseAssessment? response = null;
            var repeats = new List<RepeatAtVisit>();
            var expected = new List<ExpectedPoint>();
            var jointVisits = index is null ? [] : visits.Where(v => v.ProcedureId == index.Id).OrderBy(v => v.Visit).ToList();
            if (index is not null)
            {
                var baseline = ScoresAt(jointRows.Where(r => r.Visit is null && r.CompletedOn <= index.PerformedOn));
                var outcomes = jointVisits.Where(v => v.Status == FollowUpStatus.Completed)
                    .Select(v => (v, rows: jointRows.Where(r => r.FollowUpVisitId == v.Id).ToList()))
                    .Where(x => x.rows.Count > 0)
                    .Select(x => new VisitOutcome(x.v.Visit, x.rows.Max(r => r.CompletedOn), ScoresAt(x.rows))).ToArray();
                response = TreatmentResponse.Assess(new ResponseHistory(baseline, outcomes), mcid);
                foreach (var at in outcomes.Where(o => o.Visit is ProgramVisit.V3 or ProgramVisit.V4))
                {
                    // The repeat rules run on the response as it stood at that visit.
                    var asOf = TreatmentResponse.Assess(new ResponseHistory(baseline, [.. outcomes.Where(o => o.Visit <= at.Visit)]), mcid);
                    // Every injection in the joint counts towards the interval and yearly cap (SPEC §4.6).
                    var priorCell = procedures.Where(p => p.Joint == joint && p.Side == side && p.PerformedOn <= at.Date)
                        .Select(p => p.PerformedOn).ToArray();
                    var candidacy = assessments.FirstOrDefault(a => a.Joint == joint && a.Side == side);
                    var lastImaging = imaging.Where(i => i.Joint == joint && i.Side == side).Select(i => (DateOnly?)i.PerformedOn).Max();
                    var verdict = RepeatInjection.AssessCellBased(new RepeatCellInjectionRequest(joint, side, priorCell, asOf.Category,
                        events.Any(e => e.ProcedureId == index.Id && e.ResolvedOn is null),
                        candidacy is not null && candidacy.AssessedOn > index.PerformedOn && Candidacy.AssessCandidacy.ToView(candidacy, patientId).EffectiveVerdict is CandidacyVerdict.Candidate or CandidacyVerdict.CandidateWithConditions,
                        lastImaging), repeatSettings, today);
                    if (index.Product == InjectionProduct.PlateletRichPlasma)
                    {
                        verdict = verdict with { Reasons = [.. verdict.Reasons, RepeatInjection.PrpSeriesNote] };
                    }
                    repeats.Add(new RepeatAtVisit(at.Visit, asOf.Category, verdict));
                }
                var band = assessments.Where(a => a.Joint == joint && a.Side == side && a.AssessedOn <= index.PerformedOn)
                    .Select(a => Candidacy.AssessCandidacy.ToView(a, patientId).Band).FirstOrDefault();
                PriorBand? prior = band switch
                {
                    CandidacyBand.Favorable => PriorBand.Favorable,
                    CandidacyBand.Guarded => PriorBand.Guarded,
                    CandidacyBand.Unfavorable => PriorBand.Unfavorable,
                    _ => null,
                };
                if (prior is { } p)
                {
                    var product = index.Product == InjectionProduct.PlateletRichPlasma ? ProductClass.Prp : ProductClass.CellBased;
                    foreach (var tp in new[] { TimePoint.Month3, TimePoint.Month6, TimePoint.Month12 })
                    {
                        if (ExpectedFor(outcome, product, p, tp) is { } s)
                        {
                            expected.Add(new ExpectedPoint((int)tp, s.Mean, s.Lower, s.Upper));
                        }
                    }
                }
            }
            result.Add(new JointProgress(joint, side, index is null ? null : new ProcedureSummary(index.Id, index.PerformedOn, index.Product),
                jointVisits, series, response, repeats, expected));
        }
        return result;
    }

    /// <summary>
    /// Where the MCID band starts: baseline plus the MCID for a higher-is-better score, minus it otherwise; for NRS and VAS
    /// the easier of the points and the 30% rule (SPEC §3.4).
    /// </summary>
    public static double? McidLine(OutcomeMeasure? measure, double? baseline, bool higherIsBetter, McidSettings settings)
    {
        if (measure is not { } m || baseline is not { } b)
        {
            return null;
        }
        var verdict = Mcid.IsMet(m, (decimal)b, (decimal)b, settings);
        var points = (double)verdict.Threshold;
        if (verdict.RelativeThreshold is { } relative && b > 0)
        {
            points = Math.Min(points, b * (double)relative);
        }
        return higherIsBetter ? b + points : b - points;
    }

    private static OutcomeScores ScoresAt(IEnumerable<ScoreRow> rows)
    {
        var list = rows.ToList();
        decimal? Latest(InstrumentId id, string subscale) =>
            list.LastOrDefault(r => r.Instrument == id && r.Subscale == subscale) is { } r ? (decimal)r.Score : null;
        return new OutcomeScores(
            Latest(InstrumentId.NrsPain, SingleValueMeasures.Subscale),
            Latest(InstrumentId.Faos, Faos.Pain),
            Latest(InstrumentId.Faos, Faos.Adl),
            Latest(InstrumentId.FaamAdl, Faam.AdlSubscale),
            Latest(InstrumentId.PatientGlobalAssessment, SingleValueMeasures.Subscale));
    }
}

using Microsoft.EntityFrameworkCore;
using Talus.Clinical.FollowUp;
using Talus.Web.Data;
using Talus.Web.Features.Intake;

namespace Talus.Web.Features.FollowUp;

/// <summary>
/// Writes the score rows of a submitted questionnaire (one per scored subscale, unrounded) into the caller's unit of
/// work, so they commit with the submission on every path (secure link, portal, staff page, API). A follow-up visit's
/// answer is marked in or out of its window and, when the visit's last questionnaire arrives, completes the visit.
/// </summary>
public static class ScoreRows
{
    public static async Task AddAsync(ClinicDb db, QuestionnaireResponse q, IReadOnlyDictionary<string, decimal?> scores, DateTime nowUtc, CancellationToken ct)
    {
        var on = q.CompletedOn ?? DateOnly.FromDateTime(nowUtc);
        var visit = q.FollowUpVisitId is { } visitId
            ? await db.FollowUpVisits.FirstOrDefaultAsync(v => v.Id == visitId && v.PatientId == q.PatientId, ct)
            : null;
        Guid? procedureId = visit?.ProcedureId;
        DateOnly? indexDate = visit?.IndexDate;
        if (visit is null && q.Joint is { } joint && q.Side is { } side)
        {
            // Unscheduled answers count from the latest procedure in the same joint on or before the answer.
            var index = await db.Procedures.AsNoTracking()
                .Where(p => p.PatientId == q.PatientId && p.Joint == joint && p.Side == side && p.PerformedOn <= on)
                .OrderByDescending(p => p.PerformedOn).Select(p => new { p.Id, p.PerformedOn }).FirstOrDefaultAsync(ct);
            procedureId = index?.Id;
            indexDate = index?.PerformedOn;
        }
        bool? inWindow = visit is null ? null : FollowUpSchedule.IsWithinWindow(Scheduled(visit), on).WithinWindow;
        foreach (var (subscale, score) in scores)
        {
            if (score is not { } value)
            {
                continue;
            }
            db.ScoreRows.Add(new ScoreRow
            {
                ResponseId = q.Id, PatientId = q.PatientId, Instrument = q.Instrument, Subscale = subscale, Score = (double)value,
                Joint = visit?.Joint ?? q.Joint, Side = visit?.Side ?? q.Side, FollowUpVisitId = visit?.Id, Visit = visit?.Visit,
                ProcedureId = procedureId, DaysFromIndex = indexDate is { } d ? on.DayNumber - d.DayNumber : null, InWindow = inWindow,
                CompletedOn = on, SubmittedAt = nowUtc,
            });
        }
        if (visit is not null)
        {
            await CompleteVisitWhenAnsweredAsync(db, visit, q, nowUtc, ct);
        }
    }

    /// <summary>The questionnaires a patient answers for a visit: those due that the patient forms offer (PROMIS PF is entered by staff).</summary>
    public static IReadOnlyList<Talus.Clinical.Instruments.InstrumentId> Answerable(FollowUpVisit visit) =>
        [.. visit.Instruments().Where(Questionnaires.Offered)];

    public static ScheduledVisit Scheduled(FollowUpVisit v) =>
        new(v.Visit, v.TargetDate, v.WindowStart, v.WindowEnd, v.Instruments(), []);

    private static async Task CompleteVisitWhenAnsweredAsync(ClinicDb db, FollowUpVisit visit, QuestionnaireResponse q, DateTime nowUtc, CancellationToken ct)
    {
        var submitted = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => r.FollowUpVisitId == visit.Id && r.Status == RecordStatus.Submitted && r.Id != q.Id)
            .Select(r => r.Instrument).Distinct().ToListAsync(ct);
        submitted.Add(q.Instrument);
        if (visit.Status == FollowUpStatus.Completed || !Answerable(visit).All(submitted.Contains))
        {
            return;
        }
        visit.Status = FollowUpStatus.Completed;
        visit.CompletedAt = nowUtc;
        // The visit's link has done its job: it stops working (single use).
        var links = await db.PatientLinks
            .Where(l => l.TargetId == visit.Id && l.Purpose == LinkPurpose.Questionnaire && l.CompletedAt == null && l.RevokedAt == null)
            .ToListAsync(ct);
        foreach (var link in links)
        {
            link.CompletedAt = nowUtc;
        }
    }

    /// <summary>
    /// Writes the rows of submitted responses that have none (data stored before score rows existed, and the demo data,
    /// which is seeded after the migrations ran). Idempotent.
    /// </summary>
    public static async Task BackfillAsync(ClinicDb db, CancellationToken ct)
    {
        var missing = await db.QuestionnaireResponses
            .Where(q => q.Status == RecordStatus.Submitted && !db.ScoreRows.Any(s => s.ResponseId == q.Id))
            .ToListAsync(ct);
        foreach (var q in missing)
        {
            await AddAsync(db, q, Questionnaires.ScoresOf(q), q.UpdatedAt, ct);
        }
        await db.SaveChangesAsync(ct);
    }
}

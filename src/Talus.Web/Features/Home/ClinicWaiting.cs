using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Scheduling;

namespace Talus.Web.Features.Home;

/// <summary>
/// The podiatrist's day: today's patients (their own appointments; everyone's at their locations when they have none)
/// and what waits for each: results recorded since the last candidacy assessment, an evaluation without a candidacy
/// decision, consents not yet signed, follow-up visits whose window is open. Each is read for the whole list in one query.
/// </summary>
public static class ClinicWaiting
{
    public sealed record Waiting(int ResultsToReview, bool CandidacyToDecide, int ConsentsUnsigned, int FollowUpsDue)
    {
        public bool Any => ResultsToReview > 0 || CandidacyToDecide || ConsentsUnsigned > 0 || FollowUpsDue > 0;
    }

    public sealed record Row(AppointmentView Appointment, Waiting Waiting);

    public static async Task<List<Row>> TodayAsync(ClinicDb db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var all = (await ScheduleViews.WorklistAsync(db, user, "today", null, clock, ct))!;
        var staffId = int.TryParse(user.FindFirstValue(TalusClaims.StaffId), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        var mine = all.Where(a => a.ProviderId == staffId).ToList();
        var day = mine.Count > 0 ? mine : all;
        var ids = day.Select(a => a.PatientId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var today = Shared.PracticeClock.Today(clock);
        var lastAssessed = await db.CandidacyAssessments.Where(c => ids.Contains(c.PatientId)).GroupBy(c => c.PatientId)
            .Select(g => new { g.Key, At = g.Max(c => c.At) }).ToDictionaryAsync(x => x.Key, x => x.At, ct);
        var labs = await db.LabResults.Where(l => ids.Contains(l.PatientId)).Select(l => new { l.PatientId, l.RecordedAt }).ToListAsync(ct);
        var imaging = await db.ImagingStudies.Where(i => ids.Contains(i.PatientId)).Select(i => new { i.PatientId, i.RecordedAt }).ToListAsync(ct);
        var evaluated = (await db.Evaluations.Where(e => ids.Contains(e.PatientId)).Select(e => e.PatientId).Distinct().ToListAsync(ct)).ToHashSet();
        var unsigned = await db.ConsentPackets.Where(c => ids.Contains(c.PatientId) && c.Status == ConsentStatus.AwaitingSignature)
            .GroupBy(c => c.PatientId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Follow-up visits as scheduled today (episode steps after the procedure); the follow-up feature adds its own due items here.
        var followUps = await db.Appointments.Where(a => ids.Contains(a.PatientId) && a.EpisodeStep != null && a.EpisodeStep != "procedure"
                && a.Status == AppointmentStatus.Booked && a.WindowStart <= today && a.WindowEnd >= today)
            .GroupBy(a => a.PatientId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        int ResultsSince(Guid patient)
        {
            var since = lastAssessed.TryGetValue(patient, out var at) ? at : DateTime.MinValue;
            return labs.Count(l => l.PatientId == patient && l.RecordedAt > since) + imaging.Count(i => i.PatientId == patient && i.RecordedAt > since);
        }

        return [.. day.Select(a => new Row(a, new Waiting(ResultsSince(a.PatientId), evaluated.Contains(a.PatientId) && !lastAssessed.ContainsKey(a.PatientId),
            unsigned.GetValueOrDefault(a.PatientId), followUps.GetValueOrDefault(a.PatientId))))];
    }
}

using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Outcomes;

/// <summary>
/// Synthetic conversions to surgery for the demo cohort, so the time-to-surgery curve has a shape at first start: about
/// one treated joint in twelve treated at least five months ago is operated on between four months after the procedure
/// and today. The follow-up answers themselves come from the follow-up demo data.
/// </summary>
public static class OutcomesDemoData
{
    public static async Task SeedAsync(ClinicDb db, TimeProvider clock, Random random, CancellationToken ct)
    {
        var today = Talus.Web.Shared.PracticeClock.Today(clock);
        var treated = await db.Procedures.AsNoTracking().Where(p => p.PerformedOn <= today.AddDays(-150))
            .OrderBy(p => p.PerformedOn).ThenBy(p => p.Id)
            .Select(p => new { p.PatientId, p.Joint, p.Side, p.PerformedOn }).ToListAsync(ct);
        foreach (var p in treated)
        {
            if (random.NextDouble() >= 0.085)
            {
                continue;
            }
            var on = p.PerformedOn.AddDays(random.Next(120, today.DayNumber - p.PerformedOn.DayNumber + 1));
            db.Surgeries.Add(new SurgeryRecord
            {
                PatientId = p.PatientId, Joint = p.Joint, Side = p.Side, PerformedOn = on,
                Kind = p.Joint == Joint.FirstMtp ? (random.Next(2) == 0 ? SurgeryKind.Cheilectomy : SurgeryKind.Arthrodesis)
                    : random.Next(4) == 0 ? SurgeryKind.Arthroplasty : SurgeryKind.Arthrodesis,
                RecordedAt = on.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc), RecordedBy = "Dr. Elena Marquez",
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Procedure;

namespace Talus.Web.Features.Outcomes;

/// <summary>
/// Synthetic repeat injections and conversions to surgery for the demo cohort, so both Kaplan–Meier curves have a shape
/// at first start: about one treated joint in six treated at least five months ago gets a second injection of the same
/// product between 100 days (past the SPEC §4.6 minimum interval of 90 days) and today; about one in twelve is operated
/// on between four months after the procedure and today. The follow-up answers themselves come from the follow-up demo
/// data (a demo repeat has no follow-up schedule of its own).
/// </summary>
public static class OutcomesDemoData
{
    public static async Task SeedAsync(ClinicDb db, TimeProvider clock, Random random, CancellationToken ct)
    {
        var today = Talus.Web.Shared.PracticeClock.Today(clock);
        var treated = await db.Procedures.AsNoTracking().Where(p => p.PerformedOn <= today.AddDays(-150))
            .OrderBy(p => p.PerformedOn).ThenBy(p => p.Id).ToListAsync(ct);
        foreach (var p in treated)
        {
            if (random.NextDouble() < 0.17)
            {
                var on = p.PerformedOn.AddDays(random.Next(100, Math.Max(101, Math.Min(400, today.DayNumber - p.PerformedOn.DayNumber))));
                db.Procedures.Add(Repeat(p, on));
            }
        }
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

    /// <summary>The same product into the same joint again, by the same operator at the same location.</summary>
    public static ProcedureRecord Repeat(ProcedureRecord first, DateOnly on) => new()
    {
        PatientId = first.PatientId, PlanId = first.PlanId, PlanVersion = first.PlanVersion, ConsentPacketId = first.ConsentPacketId, PerformedOn = on,
        LocationId = first.LocationId, OperatorId = first.OperatorId, Joint = first.Joint, Side = first.Side, Product = first.Product, Source = first.Source,
        HarvestSite = first.HarvestSite, ProcessingSystem = first.ProcessingSystem, ProcessingSettings = first.ProcessingSettings,
        HarvestVolumeMl = first.HarvestVolumeMl, InjectateVolumeMl = first.InjectateVolumeMl, NucleatedCellsMillions = first.NucleatedCellsMillions,
        PlateletCountThousandsPerMicroliter = first.PlateletCountThousandsPerMicroliter, ImageGuidance = first.ImageGuidance, Anesthesia = first.Anesthesia,
        DurationMinutes = first.DurationMinutes, ExternalLot = first.ExternalLot, ExternalDonorId = first.ExternalDonorId, ExternalExpiry = first.ExternalExpiry,
        Flag = first.Flag, IndNumber = first.IndNumber, ClassificationJson = first.ClassificationJson, AfterCareJson = first.AfterCareJson,
        RecordedAt = on.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc), RecordedBy = first.RecordedBy,
    };
}

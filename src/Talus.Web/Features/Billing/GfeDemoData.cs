using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>
/// Synthetic Good Faith Estimate data, after the demo estimates: GFEs issued from two self-pay patients' presented
/// estimates (one with a final bill $400 over for one provider and an open dispute), an overdue scheduling-triggered
/// item and the portal patient's own request, so the worklist shows due, overdue and issued at first start.
/// </summary>
public static class GfeDemoData
{
    private const string Counselor = "Marisol Vega";

    public static async Task SeedAsync(ClinicDb db, PracticeSettings practice, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = PracticeClock.Today(clock);
        var portalPatient = await db.Patients.Where(p => p.Mrn == "T1000001").Select(p => p.Id).FirstOrDefaultAsync(ct);
        var estimates = await db.Estimates.AsNoTracking().Include(e => e.Lines)
            .Where(e => e.PatientId != portalPatient && (e.Status == EstimateStatus.Presented || e.Status == EstimateStatus.Accepted)
                && (e.Coverage == CoverageStatus.Uninsured || e.Coverage == CoverageStatus.InsuredSelfPay))
            .OrderBy(e => e.CreatedAt).Take(3).ToListAsync(ct);
        var issued = 0;
        foreach (var estimate in estimates)
        {
            var settings = await GfeDue.SettingsForAsync(estimate.LocationId, db, practice, ct);
            var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == estimate.PatientId, ct);
            if (issued == 2)
            {
                // Booked last week for a service three weeks out and still not issued: overdue.
                var scheduledOn = BusinessDays.Add(today, -4, settings.Calendar);
                var deadline = GoodFaithEstimate.AfterScheduling(scheduledOn, today.AddDays(21), settings);
                db.GfeDueItems.Add(new GfeDueItem
                {
                    PatientId = patient.Id, LocationId = estimate.LocationId, Trigger = GfeTrigger.Scheduled, ServiceDate = today.AddDays(21),
                    TriggeredOn = scheduledOn, DueBy = deadline.DueBy!.Value, LeadBusinessDays = deadline.LeadBusinessDays, Rule = deadline.Reason.ClinicianText,
                    Status = GfeDueStatus.Open, CreatedAt = now.AddDays(-6), CreatedBy = "Front desk",
                });
                break;
            }
            var content = GfeContent.From(patient, estimate, today.AddDays(14 + (7 * issued)), settings);
            if (GoodFaithEstimate.Validate(content.ToDocument()).Count > 0)
            {
                continue;
            }
            var record = GfeIssue.Record(estimate, 1, content, BusinessDays.Add(today, -2, settings.Calendar), now.AddDays(-2), Counselor);
            var id = record.Id;
            db.GoodFaithEstimates.Add(record);
            if (issued == 1 && content.Providers.Count > 0)
            {
                // A final bill $450 over the first provider's own GFE total, disputed by the patient: collections paused.
                var provider = content.Providers[0];
                db.BilledAmounts.Add(new BilledAmount
                {
                    PatientId = patient.Id, GfeId = id, EntityNpi = provider.Npi, BilledCents = provider.TotalCents + 45_000, BilledOn = today.AddDays(-1),
                    RecordedAt = now.AddHours(-20), RecordedBy = Counselor,
                });
                db.Disputes.Add(new Dispute
                {
                    PatientId = patient.Id, GfeId = id, EntityNpi = provider.Npi, Status = DisputeStatus.Open, OpenedOn = today, CreatedAt = now.AddHours(-2),
                    CreatedBy = Counselor, Note = "Patient started patient-provider dispute resolution with CMS.",
                });
            }
            issued++;
        }
        if (portalPatient != Guid.Empty)
        {
            await GfeDue.RequestAsync(portalPatient, new RequestGfeInput(), "patient", db, practice, clock, ct);
        }
        await db.SaveChangesAsync(ct);
    }
}

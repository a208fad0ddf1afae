using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

public sealed class RequestGfeInput
{
    /// <summary>The location that will answer the request; empty = the patient's preferred location (or the first).</summary>
    [Range(1, int.MaxValue)] public int? LocationId { get; set; }
}

/// <summary>
/// The Good Faith Estimates the practice owes (SPEC §7.2): a self-pay booking or a patient's request creates a due item
/// with its deadline from the business-day rules, on the calendar of federal holidays and the practice's closures.
/// </summary>
public static class GfeDue
{
    /// <summary>Uninsured and self-pay patients are owed a GFE (SPEC §7.2 "Who").</summary>
    public static bool IsSelfPay(CoverageStatus? status) => status is CoverageStatus.Uninsured or CoverageStatus.InsuredSelfPay;

    /// <summary>The business-day calendar of a location: the setting's closure days plus the location's own closures.</summary>
    public static async Task<GoodFaithEstimateSettings> SettingsForAsync(int locationId, ClinicDb db, PracticeSettings practice, CancellationToken ct)
    {
        var settings = await practice.GetAsync<GoodFaithEstimateSettings>(ct);
        var closures = await db.Set<Closure>().AsNoTracking().Where(c => c.LocationId == locationId).Select(c => c.Date).ToListAsync(ct);
        return closures.Count == 0 ? settings : settings with
        {
            Calendar = settings.Calendar with { PracticeClosures = [.. settings.Calendar.PracticeClosures.Concat(closures).Distinct()] },
        };
    }

    public static Task<CoverageStatus?> CoverageOfAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        db.Coverages.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.RecordedAt)
            .Select(c => (CoverageStatus?)c.Status).FirstOrDefaultAsync(ct);

    /// <summary>
    /// After a booking is added to the context (not yet saved): when the patient is uninsured or self-pay and the service
    /// is ≥ 3 business days ahead, adds the due item (1 or 3 business days, SPEC §7.2). Saved with the booking.
    /// </summary>
    public static async Task ForBookingAsync(Appointment booked, DateOnly serviceOn, string zoneId, ClinicDb db, PracticeSettings practice, DateTime nowUtc,
        CancellationToken ct)
    {
        if (!IsSelfPay(await CoverageOfAsync(booked.PatientId, db, ct)))
        {
            return;
        }
        var settings = await SettingsForAsync(booked.LocationId, db, practice, ct);
        var scheduledOn = PracticeClock.Date(nowUtc, zoneId);
        var deadline = GoodFaithEstimate.AfterScheduling(scheduledOn, serviceOn, settings);
        if (!deadline.Required)
        {
            return;
        }
        db.GfeDueItems.Add(new GfeDueItem
        {
            PatientId = booked.PatientId, LocationId = booked.LocationId, Trigger = GfeTrigger.Scheduled, AppointmentId = booked.Id, ServiceDate = serviceOn,
            TriggeredOn = scheduledOn, DueBy = deadline.DueBy!.Value, LeadBusinessDays = deadline.LeadBusinessDays, Rule = deadline.Reason.ClinicianText,
            Status = GfeDueStatus.Open, CreatedAt = nowUtc,
        });
    }

    /// <summary>The patient asks for a cost estimate (portal button or staff): due within 3 business days (SPEC §7.2).</summary>
    public static async Task<Outcome<GfeDueItem>> RequestAsync(Guid patientId, RequestGfeInput input, string? by, ClinicDb db, PracticeSettings practice,
        TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.PreferredLocationId }).FirstOrDefaultAsync(ct);
        if (patient is null)
        {
            return Outcome.NotFound("No such patient.");
        }
        var open = await db.GfeDueItems.FirstOrDefaultAsync(d => d.PatientId == patientId && d.Status == GfeDueStatus.Open && d.Trigger == GfeTrigger.Requested, ct);
        if (open is not null)
        {
            return open; // one open request at a time: asking again keeps the earlier (sooner) deadline
        }
        var locationId = input.LocationId ?? patient.PreferredLocationId
            ?? await db.Locations.AsNoTracking().Where(l => l.IsActive).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync(ct);
        var location = await db.Locations.AsNoTracking().Where(l => l.Id == locationId).Select(l => new { l.TimeZone }).FirstOrDefaultAsync(ct);
        if (location is null)
        {
            return Outcome.Invalid("locationId", "No such location.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = PracticeClock.Date(now, location.TimeZone);
        var deadline = GoodFaithEstimate.AfterRequest(today, await SettingsForAsync(locationId, db, practice, ct));
        var item = new GfeDueItem
        {
            PatientId = patientId, LocationId = locationId, Trigger = GfeTrigger.Requested, TriggeredOn = today, DueBy = deadline.DueBy!.Value,
            Rule = deadline.Reason.ClinicianText, Status = GfeDueStatus.Open, CreatedAt = now, CreatedBy = by,
        };
        db.GfeDueItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }
}

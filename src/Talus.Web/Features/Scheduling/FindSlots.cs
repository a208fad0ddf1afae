using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Scheduling;

public sealed class SlotSearchInput
{
    [Required, StringLength(40)] public string Type { get; set; } = "";
    public int[]? LocationIds { get; set; }
    public int[]? ProviderIds { get; set; }
    /// <summary>First local date (defaults to today).</summary>
    public DateOnly? From { get; set; }
    [Range(1, 366)] public int Days { get; set; } = 30;
    [Range(1, 100)] public int Count { get; set; } = 10;
    /// <summary>Earliest local start time of day, e.g. 13:00.</summary>
    public TimeOnly? NotBefore { get; set; }
    public TimeOnly? NotAfter { get; set; }
}

/// <summary>
/// First available slots. Reference data in a few small queries; busy intervals for a growing window
/// (7, then 28, then the rest of the days) in two queries each; everything else in memory.
/// </summary>
public static class FindSlots
{
    /// <summary>
    /// Free times from <see cref="SlotSearchInput.From"/> for the given days, never earlier than <paramref name="earliestUtc"/> (now plus any
    /// notice) nor later than <paramref name="latestUtc"/> (the portal's horizon; staff search up to
    /// <see cref="SchedulingLimits.MaxDaysAhead"/> days ahead).
    /// </summary>
    public static async Task<Outcome<List<Slot>>> RunAsync(SlotSearchInput input, DateTime earliestUtc, ClinicDb db, CancellationToken ct,
        bool patientBookableOnly = false, DateTime? latestUtc = null)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var type = await db.AppointmentTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == input.Type && t.IsActive, ct);
        if (type is null || (patientBookableOnly && !type.PatientBookable))
        {
            return Outcome.Invalid("type", patientBookableOnly ? "This kind of appointment cannot be booked online." : "No such appointment type.");
        }
        var today = DateOnly.FromDateTime(earliestUtc);
        var latest = latestUtc ?? earliestUtc.AddDays(SchedulingLimits.MaxDaysAhead);
        var lastDate = DateOnly.FromDateTime(latest);
        if (input.From is { } from)
        {
            if (SchedulingLimits.CheckDate("from", from, today, SchedulingLimits.MaxViewDays) is { } far)
            {
                return far;
            }
            if (from > lastDate)
            {
                return Outcome.Invalid("from", patientBookableOnly
                    ? $"Online booking is open until {lastDate:yyyy-MM-dd}; choose an earlier date."
                    : $"Times can be searched up to {lastDate:yyyy-MM-dd}; choose an earlier date.");
            }
        }
        // The search ends at the horizon, whatever the number of days asked for.
        var first = input.From is { } f && f > today ? f : today;
        var days = Math.Max(1, Math.Min(input.Days, lastDate.DayNumber - first.DayNumber + 2));
        var book = await ScheduleBook.LoadAsync(db, ct);
        var slots = await SearchAsync(type, new SlotSearchInput
        {
            Type = input.Type, LocationIds = input.LocationIds, ProviderIds = input.ProviderIds, From = input.From >= today ? input.From : null, Days = days, Count = input.Count,
            NotBefore = input.NotBefore, NotAfter = input.NotAfter,
        }, earliestUtc, book, db, ct);
        return slots.Where(s => s.Start <= latest).ToList();
    }

    public static async Task<List<Slot>> SearchAsync(AppointmentType type, SlotSearchInput input, DateTime earliestUtc, ScheduleBook book, ClinicDb db, CancellationToken ct)
    {
        var from = input.From ?? book.Places.Values.Select(p => Availability.LocalDate(p.Zone, earliestUtc))
            .DefaultIfEmpty(DateOnly.FromDateTime(earliestUtc)).Min();
        // Local midnight of the first date is within a day of UTC midnight in any zone.
        var windowStart = new DateTime(from, TimeOnly.MinValue, DateTimeKind.Utc).AddDays(-1);
        if (windowStart < earliestUtc.AddDays(-1))
        {
            windowStart = earliestUtc.AddDays(-1);
        }
        var results = new List<Slot>();
        var done = 0;
        foreach (var chunk in new[] { 7, 28, input.Days })
        {
            var days = Math.Min(chunk, input.Days) - done;
            if (days <= 0)
            {
                continue;
            }
            var busy = await BusyIndex.LoadAsync(db, windowStart.AddDays(done), windowStart.AddDays(done + days + 2), null, ct);
            results.AddRange(SlotFinder.Find(new SlotQuery
            {
                Type = type, LocationIds = input.LocationIds, ProviderIds = input.ProviderIds, EarliestUtc = earliestUtc,
                From = from.AddDays(done), Days = days, Count = input.Count - results.Count,
                NotBefore = input.NotBefore, NotAfter = input.NotAfter,
            }, book, busy));
            done += days;
            if (results.Count >= input.Count || done >= input.Days)
            {
                break;
            }
        }
        return results;
    }
}

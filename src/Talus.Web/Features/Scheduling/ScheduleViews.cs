using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Shared;

namespace Talus.Web.Features.Scheduling;

/// <summary>Day and week views and the front-desk worklists, limited to the locations the user works at.</summary>
public static class ScheduleViews
{
    public static int[]? AllowedLocations(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) ? null : TalusClaims.Locations(user);

    /// <summary>The time zone of a location, or the practice's zone (SPEC §0) for all locations.</summary>
    private static async Task<NodaTime.DateTimeZone> ZoneAsync(ClinicDb db, int? locationId, CancellationToken ct) =>
        Availability.Zone((locationId is { } l ? await db.Locations.Where(x => x.Id == l).Select(x => x.TimeZone).FirstOrDefaultAsync(ct) : null)
            ?? PracticeClock.PracticeZone);

    /// <summary>The UTC bounds of <paramref name="days"/> local days from <paramref name="first"/>, midnight to midnight.</summary>
    private static (DateTime From, DateTime To) LocalDays(NodaTime.DateTimeZone zone, DateOnly first, int days) =>
        (Availability.AtLocal(zone, NodaTime.LocalDate.FromDateOnly(first).AtMidnight()),
            Availability.AtLocal(zone, NodaTime.LocalDate.FromDateOnly(first.AddDays(days)).AtMidnight()));

    /// <summary>Appointments of a local date range; a date more than <see cref="SchedulingLimits.MaxViewDays"/> days from today is refused.</summary>
    public static async Task<Outcome<List<AppointmentView>>> RangeAsync(ClinicDb db, ClaimsPrincipal user, int? locationId, int? providerId, int? roomId,
        DateOnly? date, int days, TimeProvider clock, CancellationToken ct)
    {
        var allowed = AllowedLocations(user);
        var zone = await ZoneAsync(db, locationId, ct);
        var today = Availability.LocalDate(zone, clock.GetUtcNow().UtcDateTime);
        if (date is { } asked && SchedulingLimits.CheckDate("date", asked, today, SchedulingLimits.MaxViewDays) is { } far)
        {
            return far;
        }
        days = Math.Clamp(days, 1, 31);
        var (from, to) = LocalDays(zone, date ?? today, days);
        var q = db.Appointments.Where(a => a.Start >= from && a.Start < to);
        if (allowed is not null)
        {
            q = q.Where(a => allowed.Contains(a.LocationId));
        }
        if (locationId is { } loc)
        {
            q = q.Where(a => a.LocationId == loc);
        }
        if (providerId is { } p)
        {
            q = q.Where(a => a.ProviderId == p);
        }
        if (roomId is { } r)
        {
            q = q.Where(a => a.RoomId == r);
        }
        return await AppointmentViews.LoadAsync(q.OrderBy(a => a.Start), db, ct);
    }

    /// <summary>Every appointment of "today" (the homes' arrivals); the paged lists are <see cref="WorklistPageAsync"/>.</summary>
    public static async Task<List<AppointmentView>?> WorklistAsync(ClinicDb db, ClaimsPrincipal user, string name, int? locationId, TimeProvider clock, CancellationToken ct)
    {
        if (name != "today")
        {
            return null;
        }
        var list = (await RangeAsync(db, user, locationId, null, null, null, 1, clock, ct)).Value!;
        return [.. list.Where(a => a.Status != AppointmentStatus.Cancelled)];
    }

    /// <summary>
    /// A one-click mark from a desk list (check in, confirm), for an appointment at one of the user's locations only;
    /// another location's appointment answers not found.
    /// </summary>
    public static async Task<Outcome<List<Appointment>>> MarkInScopeAsync(ClaimsPrincipal user, Guid patientId, Guid appointmentId,
        ChangeAppointment.Mark mark, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var allowed = AllowedLocations(user);
        if (allowed is not null && !await db.Appointments.AnyAsync(a => a.Id == appointmentId && allowed.Contains(a.LocationId), ct))
        {
            return Outcome.NotFound("No such appointment.");
        }
        return await ChangeAppointment.MarkAsync(patientId, appointmentId, mark, db, clock, ct);
    }

    /// <summary>What a desk list shows: one page of appointments, whether more follow, and (when counted) how many rows the list has.</summary>
    public sealed record DeskPage(List<AppointmentView> Items, int Page, bool HasMore, int? Total = null);

    /// <summary>The worklists a desk list or the worklist API can show.</summary>
    public static readonly string[] DeskLists = ["today", "unconfirmed", "overdue"];

    /// <summary>The most rows a worklist page may hold (the page and the API).</summary>
    public const int MaxPageSize = 50;

    /// <summary>
    /// The front desk's follow-up lists, paged (<paramref name="pageSize"/> a page) and filtered by location:
    /// "unconfirmed" = booked in the next 14 days and not confirmed; "overdue" = start passed in the last 30 days and
    /// still only booked (neither checked in, completed nor marked no-show).
    /// </summary>
    public static async Task<DeskPage> DeskListAsync(ClinicDb db, ClaimsPrincipal user, string name, int? locationId, int page, int pageSize,
        TimeProvider clock, CancellationToken ct) =>
        (await WorklistPageAsync(db, user, name, locationId, page, pageSize, false, clock, ct))!;

    /// <summary>
    /// One page of a worklist in the order the desk works it, or null for an unknown list: "today" = today's
    /// appointments not cancelled (the location's day; the practice's day for all locations), plus the lists of
    /// <see cref="DeskListAsync"/>. With <paramref name="count"/> the page carries the list's row count, which costs a
    /// command only when the list is longer than one page.
    /// </summary>
    public static async Task<DeskPage?> WorklistPageAsync(ClinicDb db, ClaimsPrincipal user, string name, int? locationId, int page, int pageSize,
        bool count, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        IQueryable<Appointment> q;
        switch (name)
        {
            case "today":
                var zone = await ZoneAsync(db, locationId, ct);
                var (from, to) = LocalDays(zone, Availability.LocalDate(zone, now), 1);
                q = db.Appointments.Where(a => a.Start >= from && a.Start < to && a.Status != AppointmentStatus.Cancelled);
                break;
            case "overdue":
                q = db.Appointments.Where(a => a.Start < now && a.Start > now.AddDays(-30) && a.Status == AppointmentStatus.Booked);
                break;
            case "unconfirmed":
                q = db.Appointments.Where(a => a.Start > now && a.Start < now.AddDays(14) && !a.Confirmed && a.Status == AppointmentStatus.Booked);
                break;
            default:
                return null;
        }
        if (AllowedLocations(user) is { } allowed)
        {
            q = q.Where(a => allowed.Contains(a.LocationId));
        }
        if (locationId is { } loc)
        {
            q = q.Where(a => a.LocationId == loc);
        }
        page = Math.Clamp(page, 1, 10_000);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var ordered = name == "overdue" ? q.OrderByDescending(a => a.Start).ThenBy(a => a.Id) : q.OrderBy(a => a.Start).ThenBy(a => a.Id);
        var items = await AppointmentViews.LoadAsync(ordered.Skip((page - 1) * pageSize).Take(pageSize + 1), db, ct);
        var hasMore = items.Count > pageSize;
        int? total = !count ? null : page == 1 && !hasMore ? items.Count : await q.CountAsync(ct);
        return new DeskPage([.. items.Take(pageSize)], page, hasMore, total);
    }
}

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

    /// <summary>Appointments of a local date range; a date more than <see cref="SchedulingLimits.MaxViewDays"/> days from today is refused.</summary>
    public static async Task<Outcome<List<AppointmentView>>> RangeAsync(ClinicDb db, ClaimsPrincipal user, int? locationId, int? providerId, int? roomId,
        DateOnly? date, int days, TimeProvider clock, CancellationToken ct)
    {
        var allowed = AllowedLocations(user);
        var zoneId = locationId is { } l ? await db.Locations.Where(x => x.Id == l).Select(x => x.TimeZone).FirstOrDefaultAsync(ct) : null;
        var zone = Availability.Zone(zoneId ?? "America/Los_Angeles");
        var today = Availability.LocalDate(zone, clock.GetUtcNow().UtcDateTime);
        if (date is { } asked && SchedulingLimits.CheckDate("date", asked, today, SchedulingLimits.MaxViewDays) is { } far)
        {
            return far;
        }
        days = Math.Clamp(days, 1, 31);
        var first = date ?? today;
        var from = Availability.AtLocal(zone, NodaTime.LocalDate.FromDateOnly(first).AtMidnight());
        var to = Availability.AtLocal(zone, NodaTime.LocalDate.FromDateOnly(first.AddDays(days)).AtMidnight());
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

    public static async Task<List<AppointmentView>?> WorklistAsync(ClinicDb db, ClaimsPrincipal user, string name, int? locationId, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (name)
        {
            case "today":
            {
                var list = (await RangeAsync(db, user, locationId, null, null, null, 1, clock, ct)).Value!;
                return [.. list.Where(a => a.Status != AppointmentStatus.Cancelled)];
            }
            case "unconfirmed":
            {
                var allowed = AllowedLocations(user);
                var until = now.AddDays(14);
                var q = db.Appointments.Where(a => a.Start > now && a.Start < until && !a.Confirmed && a.Status == AppointmentStatus.Booked);
                if (allowed is not null)
                {
                    q = q.Where(a => allowed.Contains(a.LocationId));
                }
                if (locationId is { } loc)
                {
                    q = q.Where(a => a.LocationId == loc);
                }
                return await AppointmentViews.LoadAsync(q.OrderBy(a => a.Start).Take(300), db, ct);
            }
            default:
                return null;
        }
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

    /// <summary>What a desk list shows: one page of appointments and whether more follow.</summary>
    public sealed record DeskPage(List<AppointmentView> Items, int Page, bool HasMore);

    /// <summary>
    /// The front desk's follow-up lists, paged (<paramref name="pageSize"/> a page) and filtered by location:
    /// "unconfirmed" = booked in the next 14 days and not confirmed; "overdue" = start passed in the last 30 days and
    /// still only booked (neither checked in, completed nor marked no-show).
    /// </summary>
    public static async Task<DeskPage> DeskListAsync(ClinicDb db, ClaimsPrincipal user, string name, int? locationId, int page, int pageSize,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var q = name == "overdue"
            ? db.Appointments.Where(a => a.Start < now && a.Start > now.AddDays(-30) && a.Status == AppointmentStatus.Booked)
            : db.Appointments.Where(a => a.Start > now && a.Start < now.AddDays(14) && !a.Confirmed && a.Status == AppointmentStatus.Booked);
        if (AllowedLocations(user) is { } allowed)
        {
            q = q.Where(a => allowed.Contains(a.LocationId));
        }
        if (locationId is { } loc)
        {
            q = q.Where(a => a.LocationId == loc);
        }
        page = Math.Max(page, 1);
        q = name == "overdue" ? q.OrderByDescending(a => a.Start).ThenBy(a => a.Id) : q.OrderBy(a => a.Start).ThenBy(a => a.Id);
        var items = await AppointmentViews.LoadAsync(q.Skip((page - 1) * pageSize).Take(pageSize + 1), db, ct);
        return new DeskPage([.. items.Take(pageSize)], page, items.Count > pageSize);
    }
}

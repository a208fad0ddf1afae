using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

/// <summary>
/// iCalendar files: one per appointment (for the patient), and a private feed per provider behind an unguessable,
/// revocable token. Times are written in the location's zone with a full VTIMEZONE (STACK.md: FromDateTimeZone).
/// The provider feed names the patient by initials only: feeds end up in third-party calendar apps.
/// </summary>
public static class CalendarFiles
{
    public enum Audience { Staff, Patient }

    /// <summary>What a calendar may say about an appointment: the type only where the practice lets reminders name it.</summary>
    public sealed record Wording(IReadOnlySet<string> NamedTypes, IReadOnlyDictionary<int, string> Addresses)
    {
        public string What(AppointmentView a) => NamedTypes.Contains(a.Type) ? a.TypeName : "Appointment";

        /// <summary>LOCATION: the clinic's name and street address.</summary>
        public string Where(AppointmentView a) => Addresses.TryGetValue(a.LocationId, out var address) ? address : a.LocationName;

        public static async Task<Wording> LoadAsync(ClinicDb db, CancellationToken ct) => new(
            (await db.AppointmentTypes.AsNoTracking().Where(t => t.NameInReminder).Select(t => t.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            (await db.Locations.AsNoTracking().Select(l => new { l.Id, l.Name, l.AddressLine, l.City, l.State, l.PostalCode }).ToListAsync(ct))
                .ToDictionary(l => l.Id, l => $"{l.Name}, {l.AddressLine}, {l.City}, {l.State} {l.PostalCode}"));
    }

    /// <summary>One appointment of a patient as an .ics file, or null when there is no such appointment.</summary>
    public static async Task<string?> ForAppointmentAsync(ClinicDb db, Guid patientId, Guid id, Audience audience, CancellationToken ct)
    {
        if (await AppointmentViews.OneAsync(db, patientId, id, ct) is not { } a)
        {
            return null;
        }
        var wording = await Wording.LoadAsync(db, ct);
        var summary = audience == Audience.Staff ? $"{wording.What(a)} – Talus {a.LocationName}" : $"{wording.What(a)} – {a.LocationName}";
        return ForAppointment(a, summary, wording.Where(a));
    }

    public static string ForAppointment(AppointmentView a, string summary, string? locationText)
    {
        var cal = NewCalendar([a.TimeZone], a.Start);
        cal.Events.Add(Event(a, summary, locationText));
        return new CalendarSerializer().SerializeToString(cal)!;
    }

    public static string Feed(IReadOnlyList<AppointmentView> appointments, Wording wording, DateTime now)
    {
        var cal = NewCalendar([.. appointments.Select(a => a.TimeZone).DefaultIfEmpty("America/Los_Angeles")], now);
        foreach (var a in appointments)
        {
            var initials = string.Concat(a.PatientName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p[0] + "."));
            cal.Events.Add(Event(a, $"{wording.What(a)} – {initials}", wording.Where(a) + (a.RoomName is null ? "" : ", " + a.RoomName)));
        }
        return new CalendarSerializer().SerializeToString(cal)!;
    }

    private static Calendar NewCalendar(IEnumerable<string> zones, DateTime around)
    {
        var cal = new Calendar { ProductId = "-//Talus//Scheduling//EN" };
        foreach (var z in zones.Distinct())
        {
            cal.AddTimeZone(VTimeZone.FromDateTimeZone(z, new DateTime(around.Year - 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), includeHistoricalData: false));
        }
        return cal;
    }

    private static CalendarEvent Event(AppointmentView a, string summary, string? location)
    {
        var s = a.LocalStartValue;
        var e = a.LocalEndValue;
        return new CalendarEvent
        {
            Uid = a.Id + "@talus",
            Summary = summary,
            Location = location,
            DtStart = new CalDateTime(s.Year, s.Month, s.Day, s.Hour, s.Minute, 0, a.TimeZone),
            DtEnd = new CalDateTime(e.Year, e.Month, e.Day, e.Hour, e.Minute, 0, a.TimeZone),
            Status = a.Status == AppointmentStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
        };
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a new feed token for the provider (revoking the previous one); the token is shown once.</summary>
    public static async Task<string> CreateFeedAsync(ClinicDb db, int staffId, DateTime now, CancellationToken ct)
    {
        await RevokeFeedAsync(db, staffId, now, ct);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.CalendarFeeds.Add(new CalendarFeed { StaffMemberId = staffId, TokenHash = Hash(token), CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public static Task<int> RevokeFeedAsync(ClinicDb db, int staffId, DateTime now, CancellationToken ct) =>
        db.CalendarFeeds.Where(f => f.StaffMemberId == staffId && f.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RevokedAt, now), ct);

    /// <summary>The provider's feed for a token, or null if unknown or revoked: 60 days back, 180 ahead.</summary>
    public static async Task<string?> ReadFeedAsync(ClinicDb db, string token, DateTime now, CancellationToken ct)
    {
        var hash = Hash(token);
        var staffId = await db.CalendarFeeds.Where(f => f.TokenHash == hash && f.RevokedAt == null).Select(f => (int?)f.StaffMemberId).FirstOrDefaultAsync(ct);
        if (staffId is null)
        {
            return null;
        }
        var from = now.AddDays(-60);
        var to = now.AddDays(180);
        var items = await AppointmentViews.LoadAsync(db.Appointments.Where(a => a.ProviderId == staffId && a.Start >= from && a.Start < to
            && a.Status != AppointmentStatus.Cancelled).OrderBy(a => a.Start), db, ct);
        return Feed(items, await Wording.LoadAsync(db, ct), now);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

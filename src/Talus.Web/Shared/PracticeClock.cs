using NodaTime;
using NodaTime.Text;

namespace Talus.Web.Shared;

/// <summary>
/// The practice's clock: today's date and every instant shown to a person, in the location's time zone (NodaTime
/// TZDB), or the practice's zone (America/Los_Angeles, SPEC §0) when no location is given. Instants are stored in UTC.
/// </summary>
public static class PracticeClock
{
    public const string PracticeZone = "America/Los_Angeles";
    private static readonly ZonedDateTimePattern WithZone = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm x", DateTimeZoneProviders.Tzdb);

    /// <summary>Today's date where the practice (or the given location) is, whatever the server's zone.</summary>
    public static DateOnly Today(TimeProvider clock, string? zoneId = null) =>
        Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Zone(zoneId)).Date.ToDateOnly();

    /// <summary>A stored UTC instant as a person there reads it, e.g. "2026-11-24 08:00 PST".</summary>
    public static string Format(DateTime utc, string? zoneId = null) => WithZone.Format(InZone(utc, zoneId));

    /// <summary>The local calendar date of a stored UTC instant.</summary>
    public static DateOnly Date(DateTime utc, string? zoneId = null) => InZone(utc, zoneId).Date.ToDateOnly();

    /// <summary>A stored UTC instant as the local wall-clock time there (kind Unspecified), for custom formats.</summary>
    public static DateTime Local(DateTime utc, string? zoneId = null) => InZone(utc, zoneId).LocalDateTime.ToDateTimeUnspecified();

    /// <summary>The local date of a stored UTC instant in words for a patient, e.g. "November 29, 2026" (current culture).</summary>
    public static string LongDate(DateTime utc, string? zoneId = null) => PatientFormat.Date(Date(utc, zoneId));

    /// <summary>The UTC instant a local date begins (for "from/to" searches by local date).</summary>
    public static DateTime StartUtc(DateOnly date, string? zoneId = null) =>
        LocalDate.FromDateOnly(date).AtStartOfDayInZone(Zone(zoneId)).ToDateTimeUtc();

    /// <summary>The location's zone; the practice's zone when none or an unknown id is given.</summary>
    public static DateTimeZone Zone(string? zoneId) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId ?? PracticeZone) ?? DateTimeZoneProviders.Tzdb[PracticeZone];

    private static ZonedDateTime InZone(DateTime utc, string? zoneId) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(Zone(zoneId));
}

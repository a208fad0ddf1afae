using NodaTime;
using NodaTime.Text;

namespace Talus.Web.Features.Consent;

/// <summary>Shows a stored UTC instant in a location's time zone (NodaTime TZDB), e.g. "2026-11-24 08:00 PST".</summary>
public static class LocalTime
{
    public const string DefaultZone = ClinicalRules.PracticeDate.ZoneId;
    private static readonly ZonedDateTimePattern Pattern = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm x", DateTimeZoneProviders.Tzdb);

    public static string Format(DateTime utc, string? zoneId)
    {
        return Pattern.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(Zone(zoneId)));
    }

    public static DateOnly Today(TimeProvider clock, string? zoneId)
    {
        return Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Zone(zoneId)).Date.ToDateOnly();
    }

    /// <summary>The location's zone; the practice's zone when none or an unknown id is given.</summary>
    private static DateTimeZone Zone(string? zoneId) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId ?? DefaultZone) ?? DateTimeZoneProviders.Tzdb[DefaultZone];
}

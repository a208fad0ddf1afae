using NodaTime;
using NodaTime.Text;

namespace Talus.Web.Features.Consent;

/// <summary>Shows a stored UTC instant in a location's time zone (NodaTime TZDB), e.g. "2026-11-24 08:00 PST".</summary>
public static class LocalTime
{
    public const string DefaultZone = "America/Los_Angeles";
    private static readonly ZonedDateTimePattern Pattern = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm x", DateTimeZoneProviders.Tzdb);

    public static string Format(DateTime utc, string? zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId ?? DefaultZone) ?? DateTimeZoneProviders.Tzdb[DefaultZone];
        return Pattern.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone));
    }

    public static DateOnly Today(TimeProvider clock, string? zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId ?? DefaultZone) ?? DateTimeZoneProviders.Tzdb[DefaultZone];
        return Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date.ToDateOnly();
    }
}

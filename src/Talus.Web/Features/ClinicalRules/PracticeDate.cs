using NodaTime;

namespace Talus.Web.Features.ClinicalRules;

/// <summary>Clinical dates are local practice dates in America/Los_Angeles (SPEC §0), whatever the server's zone.</summary>
public static class PracticeDate
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    public static DateOnly Today(TimeProvider clock) =>
        Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Zone).Date.ToDateOnly();
}

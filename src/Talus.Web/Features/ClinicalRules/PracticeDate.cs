namespace Talus.Web.Features.ClinicalRules;

/// <summary>Clinical dates are local practice dates in America/Los_Angeles (SPEC §0), whatever the server's zone.</summary>
public static class PracticeDate
{
    public const string ZoneId = "America/Los_Angeles";

    public static DateOnly Today(TimeProvider clock) => Consent.LocalTime.Today(clock, ZoneId);
}

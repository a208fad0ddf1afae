namespace Talus.Web.Features.Scheduling;

/// <summary>One protocol follow-up: target day after the index injection and its window.</summary>
public sealed record FollowUpStep(string Code, string Name, string TypeCode, int TargetDay, int EarliestDay, int LatestDay);

/// <summary>The follow-ups booked with a procedure. The one place the scheduler reads the protocol from.</summary>
public static class EpisodeProtocol
{
    /// <summary>Default program schedule (SPEC §4.2): safety call +1..+3, V1 +14±4, V2 +42±7, V3 +91±14, V4 +182±21, V5 +365±30, V6 +730±45.</summary>
    public static IReadOnlyList<FollowUpStep> FollowUps() =>
    [
        new("safety-call", "Safety call", AppointmentTypeCodes.SafetyCall, 1, 1, 3),
        new("v1", "Follow-up V1", AppointmentTypeCodes.FollowUp, 14, 10, 18),
        new("v2", "Follow-up V2", AppointmentTypeCodes.FollowUp, 42, 35, 49),
        new("v3", "Follow-up V3", AppointmentTypeCodes.FollowUp, 91, 77, 105),
        new("v4", "Follow-up V4", AppointmentTypeCodes.FollowUp, 182, 161, 203),
        new("v5", "Follow-up V5", AppointmentTypeCodes.FollowUp, 365, 335, 395),
        new("v6", "Follow-up V6", AppointmentTypeCodes.FollowUp, 730, 685, 775),
    ];
}

public static class AppointmentTypeCodes
{
    public const string Consultation = "consultation";
    public const string Imaging = "imaging";
    public const string LabDraw = "lab-draw";
    public const string Procedure = "procedure";
    public const string FollowUp = "follow-up";
    public const string SafetyCall = "safety-call";
}

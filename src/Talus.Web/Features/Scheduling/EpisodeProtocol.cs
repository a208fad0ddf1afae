using Talus.Clinical.FollowUp;

namespace Talus.Web.Features.Scheduling;

/// <summary>One protocol follow-up: target day after the index injection and its window.</summary>
public sealed record FollowUpStep(string Code, string Name, string TypeCode, int TargetDay, int EarliestDay, int LatestDay);

/// <summary>The follow-ups booked with a procedure. The one place the scheduler reads the protocol from.</summary>
public static class EpisodeProtocol
{
    /// <summary>The practice's follow-up protocol (SPEC §4.2, <see cref="FollowUpSettings"/>) as bookable steps.</summary>
    public static IReadOnlyList<FollowUpStep> FollowUps(FollowUpSettings protocol) => [.. protocol.Visits.Select(StepOf)];

    /// <summary>The bookable step of one protocol visit: its code, name and appointment type.</summary>
    public static FollowUpStep StepOf(VisitPlan v) => v.Visit == ProgramVisit.SafetyCall
        ? new FollowUpStep("safety-call", "Safety call", AppointmentTypeCodes.SafetyCall, v.TargetDay, v.WindowStartDay, v.WindowEndDay)
        : new FollowUpStep(v.Visit.ToString().ToLowerInvariant(), $"Follow-up {v.Visit}", AppointmentTypeCodes.FollowUp, v.TargetDay, v.WindowStartDay, v.WindowEndDay);
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

using Talus.Web.Shared;

namespace Talus.Web.Features.Scheduling;

/// <summary>How far from today scheduling looks: bookings, moves and searches stay inside these bounds.</summary>
public static class SchedulingLimits
{
    /// <summary>Staff book, move and search at most this many days ahead (two years).</summary>
    public const int MaxDaysAhead = 731;
    /// <summary>Day and week views and searches reach at most this many days away from today (five years).</summary>
    public const int MaxViewDays = 1827;

    /// <summary>Refuses a date further than <paramref name="maxDays"/> from today, naming the field.</summary>
    public static Failure? CheckDate(string field, DateOnly date, DateOnly today, int maxDays) =>
        Math.Abs(date.DayNumber - today.DayNumber) > maxDays
            ? Outcome.Invalid(field, $"Choose a date within {maxDays / 365} years of today ({today.AddDays(-maxDays):yyyy-MM-dd} to {today.AddDays(maxDays):yyyy-MM-dd}).")
            : null;

    /// <summary>A 409 for a time someone else holds, with the next free times as 'alternatives'.</summary>
    public static Failure Taken(string message, IReadOnlyList<Slot> alternatives) =>
        Outcome.Conflict(message, new Dictionary<string, object?> { ["alternatives"] = alternatives.Select(SlotView.From).ToArray() });

    public const string PatientBusy = "The patient already has another appointment at that time.";
}

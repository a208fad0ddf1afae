using Talus.Clinical.Instruments;

namespace Talus.Clinical.FollowUp;

/// <summary>The program's follow-up contacts after the index injection (SPEC §4.2).</summary>
public enum ProgramVisit
{
    SafetyCall,
    V1,
    V2,
    V3,
    V4,
    V5,
    V6,
}

/// <summary>Non-questionnaire work due at a visit (SPEC §4.2).</summary>
public enum VisitTask
{
    AdverseEventCheck,
    WoundAndHarvestSiteCheck,
    RestrictionCompliance,
    ResponderEvaluation,
    WeightBearingRadiographs,
    OptionalMri,
}

/// <summary>
/// One visit of the program template: target day and window (days from the index injection, inclusive),
/// the instruments due and the tasks due.
/// </summary>
public sealed record VisitPlan(
    ProgramVisit Visit,
    int TargetDay,
    int WindowStartDay,
    int WindowEndDay,
    InstrumentId[] Instruments,
    VisitTask[] Tasks);

/// <summary>The practice's follow-up template; defaults are the program schedule of SPEC §4.2 [D].</summary>
public sealed record FollowUpSettings
{
    /// <summary>Full PROM set: NRS, FAOS, FAAM ADL (+ Sports if active), PROMIS PF, PGA (SPEC §4.2).</summary>
    public static InstrumentId[] FullPromSet =>
    [
        InstrumentId.NrsPain, InstrumentId.Faos, InstrumentId.FaamAdl, InstrumentId.FaamSports,
        InstrumentId.PromisPhysicalFunction, InstrumentId.PatientGlobalAssessment,
    ];

    public VisitPlan[] Visits { get; init; } =
    [
        // Safety call +1 to +3: AE check (flare, infection, harvest-site bleeding), NRS (SPEC §4.2).
        new(ProgramVisit.SafetyCall, 1, 1, 3, [InstrumentId.NrsPain], [VisitTask.AdverseEventCheck]),
        // V1 +14 ±4: wound/harvest site, AE, NRS, restriction compliance (SPEC §4.2).
        new(ProgramVisit.V1, 14, 10, 18, [InstrumentId.NrsPain],
            [VisitTask.WoundAndHarvestSiteCheck, VisitTask.AdverseEventCheck, VisitTask.RestrictionCompliance]),
        // V2 +42 ±7: NRS, FAOS, FAAM, PROMIS PF, PGA (SPEC §4.2).
        new(ProgramVisit.V2, 42, 35, 49, FullPromSet, []),
        // V3 +91 ±14: full PROM set + OMERACT-OARSI responder evaluation (SPEC §4.2).
        new(ProgramVisit.V3, 91, 77, 105, FullPromSet, [VisitTask.ResponderEvaluation]),
        // V4 +182 ±21: full PROM set + responder; optional MRI (SPEC §4.2).
        new(ProgramVisit.V4, 182, 161, 203, FullPromSet, [VisitTask.ResponderEvaluation, VisitTask.OptionalMri]),
        // V5 +365 ±30: full PROM set + responder; weight-bearing radiographs; optional MRI (SPEC §4.2).
        new(ProgramVisit.V5, 365, 335, 395, FullPromSet,
            [VisitTask.ResponderEvaluation, VisitTask.WeightBearingRadiographs, VisitTask.OptionalMri]),
        // V6 +730 ±45: full PROM set; radiographs (SPEC §4.2).
        new(ProgramVisit.V6, 730, 685, 775, FullPromSet, [VisitTask.WeightBearingRadiographs]),
    ];
}

/// <summary>A visit placed on the calendar for one patient's index injection.</summary>
public sealed record ScheduledVisit(
    ProgramVisit Visit,
    DateOnly TargetDate,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    IReadOnlyList<InstrumentId> Instruments,
    IReadOnlyList<VisitTask> Tasks);

/// <summary>Whether a visit date falls in its window, and by how many days it misses.</summary>
public sealed record WindowCheck(ProgramVisit Visit, bool WithinWindow, int DaysEarly, int DaysLate, Reason Reason);

/// <summary>A visit whose window has closed without it being done.</summary>
public sealed record OverdueVisit(ProgramVisit Visit, DateOnly WindowEnd, int DaysOverdue, Reason Reason);

/// <summary>Builds and checks the follow-up calendar (SPEC §4.2).</summary>
public static class FollowUpSchedule
{
    private const string Source = "SPEC §4.2 (program default schedule) [D]";

    /// <summary>
    /// The visits for an index injection. FAAM Sports is only due for patients active in sport (SPEC §4.2).
    /// </summary>
    public static IReadOnlyList<ScheduledVisit> For(DateOnly indexInjectionDate, FollowUpSettings settings, bool sportsActive = false)
    {
        var visits = new ScheduledVisit[settings.Visits.Length];
        for (var i = 0; i < visits.Length; i++)
        {
            var plan = settings.Visits[i];
            var instruments = sportsActive
                ? plan.Instruments
                : plan.Instruments.Where(id => id != InstrumentId.FaamSports).ToArray();
            visits[i] = new ScheduledVisit(
                plan.Visit,
                indexInjectionDate.AddDays(plan.TargetDay),
                indexInjectionDate.AddDays(plan.WindowStartDay),
                indexInjectionDate.AddDays(plan.WindowEndDay),
                instruments,
                plan.Tasks);
        }

        return visits;
    }

    /// <summary>Whether a visit done on <paramref name="visitDate"/> falls inside its window (both ends inclusive).</summary>
    public static WindowCheck IsWithinWindow(ScheduledVisit visit, DateOnly visitDate)
    {
        var early = Math.Max(0, visit.WindowStart.DayNumber - visitDate.DayNumber);
        var late = Math.Max(0, visitDate.DayNumber - visit.WindowEnd.DayNumber);
        var within = early == 0 && late == 0;
        var reason = within
            ? new Reason("FU-IN-WINDOW", $"{visit.Visit} on {visitDate:yyyy-MM-dd} is within {visit.WindowStart:yyyy-MM-dd}–{visit.WindowEnd:yyyy-MM-dd}.",
                "This visit is on time.", Source)
            : new Reason(early > 0 ? "FU-EARLY" : "FU-LATE",
                $"{visit.Visit} on {visitDate:yyyy-MM-dd} is {(early > 0 ? $"{early} day(s) before" : $"{late} day(s) after")} its window {visit.WindowStart:yyyy-MM-dd}–{visit.WindowEnd:yyyy-MM-dd}; scores may not be comparable with the time point.",
                early > 0 ? "This visit is earlier than planned." : "This visit is later than planned.", Source);
        return new WindowCheck(visit.Visit, within, early, late, reason);
    }

    /// <summary>
    /// Visits not yet done whose window ended before <paramref name="today"/>; a visit is overdue from the day after its window ends.
    /// </summary>
    public static IReadOnlyList<OverdueVisit> Overdue(IReadOnlyList<ScheduledVisit> schedule, IReadOnlyCollection<ProgramVisit> completed, DateOnly today)
    {
        var overdue = new List<OverdueVisit>();
        foreach (var visit in schedule)
        {
            if (completed.Contains(visit.Visit) || today <= visit.WindowEnd)
            {
                continue;
            }

            var days = today.DayNumber - visit.WindowEnd.DayNumber;
            overdue.Add(new OverdueVisit(visit.Visit, visit.WindowEnd, days, new Reason(
                "FU-OVERDUE",
                $"{visit.Visit} window closed {visit.WindowEnd:yyyy-MM-dd} ({days} day(s) ago) and it is not recorded as done.",
                "A follow-up visit was missed. Please contact the clinic to arrange it.",
                Source)));
        }

        return overdue;
    }

    /// <summary>The next visit not yet done whose window has not closed, or null.</summary>
    public static ScheduledVisit? NextDue(IReadOnlyList<ScheduledVisit> schedule, IReadOnlyCollection<ProgramVisit> completed, DateOnly today)
    {
        foreach (var visit in schedule)
        {
            if (!completed.Contains(visit.Visit) && today <= visit.WindowEnd)
            {
                return visit;
            }
        }

        return null;
    }
}

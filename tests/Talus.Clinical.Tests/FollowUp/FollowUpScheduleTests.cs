using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.FollowUp;

public class FollowUpScheduleTests
{
    private static readonly DateOnly Index = new(2025, 1, 1);

    private static IReadOnlyList<ScheduledVisit> Schedule(bool sportsActive = false) =>
        FollowUpSchedule.For(Index, new FollowUpSettings(), sportsActive);

    // SPEC §4.2: target ± window in days from the index injection.
    [Theory]
    [InlineData(ProgramVisit.SafetyCall, 1, 1, 3)]
    [InlineData(ProgramVisit.V1, 14, 10, 18)]
    [InlineData(ProgramVisit.V2, 42, 35, 49)]
    [InlineData(ProgramVisit.V3, 91, 77, 105)]
    [InlineData(ProgramVisit.V4, 182, 161, 203)]
    [InlineData(ProgramVisit.V5, 365, 335, 395)]
    [InlineData(ProgramVisit.V6, 730, 685, 775)]
    public void For_DefaultSchedule_TargetAndWindow(ProgramVisit visit, int target, int start, int end)
    {
        var scheduled = Schedule().Single(v => v.Visit == visit);

        Assert.Equal(Index.AddDays(target), scheduled.TargetDate);
        Assert.Equal(Index.AddDays(start), scheduled.WindowStart);
        Assert.Equal(Index.AddDays(end), scheduled.WindowEnd);
    }

    [Fact]
    public void For_V3_TargetIsSecondOfApril()
    {
        Assert.Equal(new DateOnly(2025, 4, 2), Schedule().Single(v => v.Visit == ProgramVisit.V3).TargetDate);
    }

    [Theory]
    [InlineData(ProgramVisit.SafetyCall, false, 1)]
    [InlineData(ProgramVisit.V1, false, 1)]
    [InlineData(ProgramVisit.V2, false, 5)]
    [InlineData(ProgramVisit.V2, true, 6)]
    [InlineData(ProgramVisit.V3, false, 5)]
    [InlineData(ProgramVisit.V6, true, 6)]
    public void For_InstrumentsDue_FullPromSetFaamSportsOnlyIfActive(ProgramVisit visit, bool sportsActive, int count)
    {
        var instruments = Schedule(sportsActive).Single(v => v.Visit == visit).Instruments;

        Assert.Equal(count, instruments.Count);
        Assert.Contains(InstrumentId.NrsPain, instruments);
        Assert.Equal(sportsActive && count > 1, instruments.Contains(InstrumentId.FaamSports));
    }

    [Theory]
    [InlineData(ProgramVisit.SafetyCall, VisitTask.AdverseEventCheck, true)]
    [InlineData(ProgramVisit.V1, VisitTask.WoundAndHarvestSiteCheck, true)]
    [InlineData(ProgramVisit.V2, VisitTask.ResponderEvaluation, false)]
    [InlineData(ProgramVisit.V3, VisitTask.ResponderEvaluation, true)]
    [InlineData(ProgramVisit.V4, VisitTask.OptionalMri, true)]
    [InlineData(ProgramVisit.V5, VisitTask.WeightBearingRadiographs, true)]
    [InlineData(ProgramVisit.V6, VisitTask.ResponderEvaluation, false)]
    [InlineData(ProgramVisit.V6, VisitTask.WeightBearingRadiographs, true)]
    public void For_TasksDue_PerSpec(ProgramVisit visit, VisitTask task, bool due)
    {
        Assert.Equal(due, Schedule().Single(v => v.Visit == visit).Tasks.Contains(task));
    }

    // V1 window is day 10 to day 18 inclusive.
    [Theory]
    [InlineData(9, false, 1, 0, "FU-EARLY")]
    [InlineData(10, true, 0, 0, "FU-IN-WINDOW")]
    [InlineData(14, true, 0, 0, "FU-IN-WINDOW")]
    [InlineData(18, true, 0, 0, "FU-IN-WINDOW")]
    [InlineData(21, false, 0, 3, "FU-LATE")]
    public void IsWithinWindow_V1_InclusiveBounds(int day, bool within, int early, int late, string code)
    {
        var v1 = Schedule().Single(v => v.Visit == ProgramVisit.V1);

        var check = FollowUpSchedule.IsWithinWindow(v1, Index.AddDays(day));

        Assert.Equal(within, check.WithinWindow);
        Assert.Equal(early, check.DaysEarly);
        Assert.Equal(late, check.DaysLate);
        Assert.Equal(code, check.Reason.Code);
    }

    [Theory]
    [InlineData(3, "", "")]
    [InlineData(4, "", "SafetyCall")]
    [InlineData(4, "SafetyCall", "")]
    [InlineData(18, "SafetyCall", "")]
    [InlineData(19, "SafetyCall", "V1")]
    [InlineData(60, "SafetyCall,V1", "V2")]
    [InlineData(60, "SafetyCall,V1,V2", "")]
    public void Overdue_AsOfDate_ListsClosedWindowsNotDone(int day, string done, string expected)
    {
        var completed = done.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ProgramVisit>).ToList();

        var overdue = FollowUpSchedule.Overdue(Schedule(), completed, Index.AddDays(day));

        Assert.Equal(expected, string.Join(',', overdue.Select(o => o.Visit)));
        Assert.All(overdue, o => Assert.Equal("FU-OVERDUE", o.Reason.Code));
    }

    [Fact]
    public void NextDue_AfterV1Done_IsV2()
    {
        var next = FollowUpSchedule.NextDue(Schedule(), [ProgramVisit.SafetyCall, ProgramVisit.V1], Index.AddDays(20));

        Assert.Equal(ProgramVisit.V2, next!.Visit);
    }

    [Fact]
    public void For_CustomSettings_UsesPracticeWindows()
    {
        var settings = new FollowUpSettings { Visits = [new VisitPlan(ProgramVisit.V3, 90, 80, 100, [InstrumentId.NrsPain], [])] };

        var visit = Assert.Single(FollowUpSchedule.For(Index, settings));

        Assert.Equal(Index.AddDays(100), visit.WindowEnd);
    }
}

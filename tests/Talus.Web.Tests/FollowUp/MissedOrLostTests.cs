using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Web.Features.FollowUp;

namespace Talus.Web.Tests.FollowUp;

/// <summary>
/// A closed, unanswered window: Missed while the patient still has later contact, lost to follow-up when there is none
/// (issue 10), walked day by day over one schedule of SPEC §4.2 windows.
/// </summary>
public sealed class MissedOrLostTests
{
    private static readonly DateOnly Index = new(2025, 1, 6);
    private static readonly DateTime Now = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static List<FollowUpVisit> Schedule() => [.. FollowUpSchedule.For(Index, new FollowUpSettings()).Select(v => new FollowUpVisit
    {
        PatientId = Guid.Empty, ProcedureId = Guid.Empty, Joint = Joint.Ankle, Side = Side.Left, Visit = v.Visit, IndexDate = Index,
        TargetDate = v.TargetDate, WindowStart = v.WindowStart, WindowEnd = v.WindowEnd, Questionnaires = "NrsPain",
        Status = FollowUpStatus.Upcoming,
    })];

    private static FollowUpVisit At(List<FollowUpVisit> s, ProgramVisit visit) => s.Single(v => v.Visit == visit);

    [Fact]
    public void CloseWindows_LaterVisitsAhead_Missed()
    {
        var s = Schedule();
        var lost = FollowUpEscalation.CloseWindows(s, Now, At(s, ProgramVisit.V3).WindowEnd.AddDays(1));
        Assert.Empty(lost);
        Assert.All(s.Where(v => v.Visit <= ProgramVisit.V3), v => Assert.Equal((FollowUpStatus.Missed, null), (v.Status, v.LostReason)));
        Assert.All(s.Where(v => v.Visit > ProgramVisit.V3), v => Assert.Equal(FollowUpStatus.Upcoming, v.Status));
    }

    [Fact]
    public void CloseWindows_LastWindowClosedUnanswered_AllAfterLastAnswerLost()
    {
        var s = Schedule();
        FollowUpEscalation.CloseWindows(s, Now, At(s, ProgramVisit.V3).WindowEnd.AddDays(1));
        At(s, ProgramVisit.V4).Status = FollowUpStatus.Completed;
        var lost = FollowUpEscalation.CloseWindows(s, Now, At(s, ProgramVisit.V6).WindowEnd.AddDays(1));
        // V5 and V6 closed with no contact after them: lost (Unknown). V3 was missed but the patient answered V4: still missed.
        Assert.Equal([ProgramVisit.V5, ProgramVisit.V6], lost.Select(v => v.Visit).Order());
        Assert.All(lost, v => Assert.Equal((FollowUpStatus.LostToFollowUp, LostReason.Unknown, Now), (v.Status, v.LostReason!.Value, v.LostAt!.Value)));
        Assert.Equal(FollowUpStatus.Missed, At(s, ProgramVisit.V3).Status);
    }

    [Fact]
    public void CloseWindows_NoAnswerEver_EarlierMissedBecomeLostWhenTheLastCloses()
    {
        var s = Schedule();
        FollowUpEscalation.CloseWindows(s, Now, At(s, ProgramVisit.V5).WindowEnd.AddDays(1));
        Assert.Equal(FollowUpStatus.Upcoming, At(s, ProgramVisit.V6).Status);
        Assert.All(s.Where(v => v.Visit < ProgramVisit.V6), v => Assert.Equal(FollowUpStatus.Missed, v.Status));
        // The day V6's window is still open nothing is lost; the day after, every visit is.
        Assert.Empty(FollowUpEscalation.CloseWindows(s, Now, At(s, ProgramVisit.V6).WindowEnd));
        var lost = FollowUpEscalation.CloseWindows(s, Now, At(s, ProgramVisit.V6).WindowEnd.AddDays(1));
        Assert.Equal(s.Count, lost.Count);
        Assert.All(s, v => Assert.Equal(FollowUpStatus.LostToFollowUp, v.Status));
    }

    [Fact]
    public void CloseWindows_StaffRecordedLaterVisitLost_ClosingVisitLostWithoutLaterContact()
    {
        var s = Schedule();
        foreach (var v in s.Where(v => v.Visit >= ProgramVisit.V4))
        {
            (v.Status, v.LostReason) = (FollowUpStatus.LostToFollowUp, LostReason.Moved);
        }
        var lost = FollowUpEscalation.CloseWindows(s, Now, At(s, ProgramVisit.V3).WindowEnd.AddDays(1));
        Assert.Equal(At(s, ProgramVisit.V3), lost[^1]);
        Assert.All(s.Where(v => v.Visit < ProgramVisit.V4), v => Assert.Equal((FollowUpStatus.LostToFollowUp, LostReason.Unknown), (v.Status, v.LostReason!.Value)));
    }
}

using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Features.Outcomes;
using static Talus.Web.Features.Outcomes.BuildRegistry;

namespace Talus.Web.Tests.Outcomes;

/// <summary>The dashboard's numbers from a hand-computed cohort (no database): intention to treat, suppression, curves.</summary>
public sealed class RegistryCountsTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly Scores Baseline = new(Nrs: 7, FaosPain: 40, FaosAdl: 50, FaamAdl: null, Global: 60);
    // P 60 → 20 (−40, −67%): high improvement, an OMERACT-OARSI responder (SPEC §4.4).
    private static readonly Scores Better = new(Nrs: 2, FaosPain: 80, FaosAdl: 85, FaamAdl: null, Global: 20);
    // P 60 → 58, F 50 → 49, G 60 → 58: no domain moves 10 points; not a responder.
    private static readonly Scores Same = new(Nrs: 7, FaosPain: 42, FaosAdl: 51, FaamAdl: null, Global: 58);

    private sealed record Joint3(ProcedureFacts Procedure, Scores? AtV3);

    /// <summary>
    /// Lot L1: 7 joints (3 responders, 2 non-responders, 2 without answers); L2: 3 joints (1 responder, 2 without answers);
    /// L3: 9 joints (6 responders, 3 non-responders). All V3 windows closed. By hand at 3 months: 19 joints, 10 responders,
    /// 5 non-responders, 4 not assessed → ITT 10/19; among those who answered 10/15.
    /// </summary>
    private static RegistryData Cohort(int l1Extra = 0)
    {
        var joints = new List<Joint3>();
        void Add(string lot, int count, Scores? scores)
        {
            for (var i = 0; i < count; i++)
            {
                var p = new ProcedureFacts(Guid.NewGuid(), Guid.NewGuid(), Joint.Ankle, Side.Left, new DateOnly(2026, 1, 5),
                    InjectionProduct.BoneMarrowAspirateConcentrate, TissueSource.Autologous, 1, 1, lot, CandidacyBand.Favorable);
                joints.Add(new Joint3(p, scores));
            }
        }
        Add("L1", 3, Better);
        Add("L1", 2, Same);
        Add("L1", 2 + l1Extra, null);
        Add("L2", 1, Better);
        Add("L2", 2, null);
        Add("L3", 6, Better);
        Add("L3", 3, Same);
        return new RegistryData(
            Today,
            [.. joints.Select(j => j.Procedure)],
            joints.Where(j => j.AtV3 is not null).ToDictionary(j => (j.Procedure.Id, ProgramVisit.V3), j => j.AtV3!),
            joints.ToDictionary(j => j.Procedure.Id, _ => Baseline),
            [.. joints.Select(j => (j.Procedure.Id, ProgramVisit.V3))],
            joints.Where(j => j.AtV3 is not null).ToDictionary(j => j.Procedure.Id, j => j.Procedure.PerformedOn.AddDays(91)),
            Array.Empty<(Guid, Joint, Side, DateOnly)>().ToLookup(s => (s.Item1, s.Item2, s.Item3), s => s.Item4),
            [new(InjectionProduct.BoneMarrowAspirateConcentrate, TissueSource.Autologous, joints.Count, 2, 0)],
            new() { [1] = "Irvine" },
            new() { [1] = "Dr. Test" });
    }

    private static RegistryReport Report(RegistryData data) => BuildRegistry.From(data, new RegistrySettings(), new McidSettings());

    [Fact]
    public void From_HandCohort_OverallThreeMonthsByIntentionToTreat()
    {
        var month3 = Report(Cohort()).TimePoints.Single(t => t.TimePoint == RegistryTimePoint.Month3);

        Assert.Equal(new IttCounts(10, 5, 4), month3.Overall.Rate.Counts);
        Assert.Equal(10.0 / 19, month3.Overall.Rate.Rate!.Value, 12);
        Assert.Equal(10.0 / 15, month3.Overall.Rate.AssessedRate!.Value, 12);
        Assert.Equal(ResponderRates.Wilson(10, 19, new RegistrySettings().ConfidenceZ), month3.Overall.Rate.Interval);
        Assert.False(month3.Overall.Hidden);
    }

    [Fact]
    public void From_TimePointNotReached_NobodyCounted()
    {
        var report = Report(Cohort());

        Assert.All(report.TimePoints.Where(t => t.TimePoint != RegistryTimePoint.Month3), t => Assert.Equal(0, t.Overall.Rate.Counts.Denominator));
    }

    // L2 (3 joints) is under 5: hidden. Alone it could be recovered as 19 − 7 − 9, so the smallest shown lot, L1 (7), is hidden too.
    [Fact]
    public void From_SmallLot_HiddenWithComplement()
    {
        var lots = Report(Cohort()).TimePoints.Single(t => t.TimePoint == RegistryTimePoint.Month3)
            .Dimensions.Single(d => d.Dimension == RegistryDimension.Lot).Slices.ToDictionary(s => s.Label);

        Assert.Equal(Suppression.Complementary, lots["L1"].Suppression);
        Assert.Equal(Suppression.SmallCell, lots["L2"].Suppression);
        Assert.Equal(Suppression.Shown, lots["L3"].Suppression);
        Assert.Equal(new IttCounts(6, 3, 0), lots["L3"].Rate.Counts);
    }

    [Fact]
    public void From_EveryLotLargeEnough_AllShown()
    {
        var data = Cohort();
        // Moving L2's joints into L1 leaves two lots of 10 and 9: nothing to hide.
        data = data with { Procedures = [.. data.Procedures.Select(p => p.Lot == "L2" ? p with { Lot = "L1" } : p)] };

        var lots = Report(data).TimePoints.Single(t => t.TimePoint == RegistryTimePoint.Month3)
            .Dimensions.Single(d => d.Dimension == RegistryDimension.Lot).Slices;

        Assert.All(lots, s => Assert.Equal(Suppression.Shown, s.Suppression));
        Assert.Equal(new IttCounts(4, 2, 4), lots.Single(s => s.Label == "L1").Rate.Counts);
    }

    [Fact]
    public void From_NoBaseline_NotAssessedNotDropped()
    {
        var data = Cohort();
        data = data with { Baselines = [] };

        var month3 = Report(data).TimePoints.Single(t => t.TimePoint == RegistryTimePoint.Month3);

        Assert.Equal(new IttCounts(0, 0, 19), month3.Overall.Rate.Counts);
    }

    // Curves: joints answered at day 91 and never repeated are censored there; nobody had surgery.
    [Fact]
    public void From_NoEvents_CurvesFlatAndCountsJoints()
    {
        var report = Report(Cohort());

        Assert.Equal(19, report.TimeToRepeat.Joints);
        Assert.Equal(0, report.TimeToSurgery.Events);
        Assert.All(report.TimeToSurgery.Steps, s => Assert.Equal(1.0, s.Survival));
    }

    [Fact]
    public void Classify_ResponderNonResponderAndMissing_OneEach()
    {
        Assert.Equal(new IttCounts(1, 0, 0), Classify(Baseline, Better));
        Assert.Equal(new IttCounts(0, 1, 0), Classify(Baseline, Same));
        Assert.Equal(new IttCounts(0, 0, 1), Classify(Baseline, null));
        Assert.Equal(new IttCounts(0, 0, 1), Classify(null, Better));
    }
}

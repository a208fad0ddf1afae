using Talus.Clinical.Registry;

namespace Talus.Clinical.Tests.Registry;

public class KaplanMeierTests
{
    // Hand-computed: days 3, 5+, 6, 6, 8+, 10 (+ = censored at last follow-up).
    // Day 3: 6 at risk, 1 event → S = 5/6. Day 5: censored. Day 6: 4 at risk, 2 events → S = 5/6 × 2/4 = 5/12.
    // Day 8: censored. Day 10: 1 at risk, 1 event → S = 0.
    private static readonly TimeToEvent[] Example =
        [new(6, true), new(3, true), new(5, false), new(6, true), new(8, false), new(10, true)];

    [Fact]
    public void Estimate_HandComputedExample_StepsAndSurvival()
    {
        var curve = KaplanMeier.Estimate(Example);

        Assert.Equal([3, 5, 6, 8, 10], curve.Select(s => s.Days));
        Assert.Equal([6, 5, 4, 2, 1], curve.Select(s => s.AtRisk));
        Assert.Equal([1, 0, 2, 0, 1], curve.Select(s => s.Events));
        Assert.Equal([0, 1, 0, 1, 0], curve.Select(s => s.Censored));
        Assert.Equal(5.0 / 6, curve[0].Survival, 12);
        Assert.Equal(5.0 / 6, curve[1].Survival, 12);
        Assert.Equal(5.0 / 12, curve[2].Survival, 12);
        Assert.Equal(5.0 / 12, curve[3].Survival, 12);
        Assert.Equal(0.0, curve[4].Survival, 12);
    }

    // The same example as a database returns it: per day, events and censorings counted, one day split over two rows.
    [Fact]
    public void EstimateByDay_HandComputedExampleGrouped_SameCurveAsPerJoint()
    {
        TimesAtDay[] grouped = [new(10, 1, 0), new(3, 1, 0), new(5, 0, 1), new(6, 1, 0), new(6, 1, 0), new(8, 0, 1), new(9, 0, 0)];

        Assert.Equal(KaplanMeier.Estimate(Example), KaplanMeier.EstimateByDay(grouped));
    }

    // Greenwood by hand at day 6: S² × (1/(6×5) + 2/(4×2)) = (5/12)² × (1/30 + 1/4) = 0.173611 × 0.283333 → SE 0.221788.
    [Fact]
    public void Estimate_HandComputedExample_GreenwoodStandardError()
    {
        var curve = KaplanMeier.Estimate(Example);

        Assert.Equal(5.0 / 6 * Math.Sqrt(1.0 / 30), curve[0].StandardError, 12);
        Assert.Equal(0.221788, curve[2].StandardError, 6);
    }

    [Fact]
    public void Estimate_CensoredAtSameDayAsEvent_StillAtRiskThatDay()
    {
        var curve = KaplanMeier.Estimate([new(4, true), new(4, false), new(9, true)]);

        Assert.Equal(3, curve[0].AtRisk);
        Assert.Equal(2.0 / 3, curve[0].Survival, 12);
        Assert.Equal(1, curve[1].AtRisk);
        Assert.Equal(0.0, curve[1].Survival, 12);
    }

    [Fact]
    public void Estimate_NoEvents_SurvivalStaysOne()
    {
        var curve = KaplanMeier.Estimate([new(30, false), new(90, false)]);

        Assert.All(curve, s => Assert.Equal(1.0, s.Survival));
    }

    [Fact]
    public void Estimate_Nobody_EmptyCurve() => Assert.Empty(KaplanMeier.Estimate([]));

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(3, 5.0 / 6)]
    [InlineData(7, 5.0 / 12)]
    [InlineData(400, 0.0)]
    public void SurvivalAt_Day_LastStepAtOrBefore(int day, double expected) =>
        Assert.Equal(expected, KaplanMeier.SurvivalAt(KaplanMeier.Estimate(Example), day), 12);
}

using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;

namespace Talus.Clinical.Tests.Registry;

public class LocalEvidenceTests
{
    // Prior cell-based favorable 6 mo: m = 0.55, n0 = 10 → Beta(5.5, 4.5); local 12 successes, 8 failures → Beta(17.5, 12.5), mean 17.5/30.
    [Fact]
    public void Estimate_LocalFollowUps_PosteriorAndLocalN()
    {
        var local = LocalEvidence.Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month6, new LocalOutcomes(12, 8), new ExpectedOutcomeSettings());

        Assert.Equal(20, local.LocalPatients);
        Assert.Equal(17.5m, local.Estimate.Estimate!.Alpha);
        Assert.Equal(12.5m, local.Estimate.Estimate.Beta);
        Assert.Equal(17.5m / 30m, local.Estimate.Estimate.Mean);
    }

    [Fact]
    public void Estimate_NoLocalData_PriorOnlyAndZeroN()
    {
        var local = LocalEvidence.Estimate(ProductClass.Prp, PriorBand.Guarded, TimePoint.Month3, new LocalOutcomes(0, 0), new ExpectedOutcomeSettings());

        Assert.Equal(0, local.LocalPatients);
        Assert.Equal(0.45m, local.Estimate.Estimate!.Mean);
    }

    [Theory]
    [InlineData("6", "4", true)]     // 2 points
    [InlineData("6", "4.5", false)]  // 1.5 points, 25%
    [InlineData("3", "2", true)]     // 1 point but 33%
    [InlineData("0", "0", false)]    // no pain to relieve
    [InlineData("5", "6", false)]    // worse
    public void ReachedPainMcid_NrsChange_SpecRule(string baseline, string followUp, bool expected) =>
        Assert.Equal(expected, LocalEvidence.ReachedPainMcid(
            decimal.Parse(baseline, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(followUp, System.Globalization.CultureInfo.InvariantCulture), new McidSettings()));
}

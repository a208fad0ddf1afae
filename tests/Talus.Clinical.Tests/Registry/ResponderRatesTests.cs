using Talus.Clinical.Registry;

namespace Talus.Clinical.Tests.Registry;

public class ResponderRatesTests
{
    private static readonly RegistrySettings Settings = new();

    // Newcombe RG, Stat Med 1998;17:857–872, Table I, method 3 (Wilson score interval without continuity correction).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    [InlineData(29, 29, 0.8830, 1.0000)]
    [InlineData(0, 10, 0.0000, 0.2775)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    public void Wilson_PublishedExamples_MatchToFourDecimals(int successes, int n, double lower, double upper)
    {
        var interval = ResponderRates.Wilson(successes, n, Settings.ConfidenceZ)!;

        Assert.Equal(lower, Math.Round(interval.Lower, 4));
        Assert.Equal(upper, Math.Round(interval.Upper, 4));
    }

    [Fact]
    public void Wilson_NoPatients_NoInterval() => Assert.Null(ResponderRates.Wilson(0, 0, Settings.ConfidenceZ));

    [Fact]
    public void Wilson_MoreSuccessesThanPatients_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponderRates.Wilson(3, 2, Settings.ConfidenceZ));

    // Intention to treat: 6 responders, 2 non-responders, 2 lost → 6/10 = 0.6, not 6/8.
    [Fact]
    public void Of_LostToFollowUp_StaysInDenominatorAsNotResponding()
    {
        var rate = ResponderRates.Of(new IttCounts(6, 2, 2), Settings);

        Assert.Equal(10, rate.Counts.Denominator);
        Assert.Equal(0.6, rate.Rate);
        Assert.Equal(0.75, rate.AssessedRate);
        Assert.Equal(ResponderRates.Wilson(6, 10, Settings.ConfidenceZ), rate.Interval);
        Assert.Equal(ResponderRates.Wilson(6, 8, Settings.ConfidenceZ), rate.AssessedInterval);
    }

    [Fact]
    public void Of_EveryoneLost_ZeroRateAndNoAssessedRate()
    {
        var rate = ResponderRates.Of(new IttCounts(0, 0, 4), Settings);

        Assert.Equal(0.0, rate.Rate);
        Assert.Equal(0.0, rate.Interval!.Lower);
        Assert.Null(rate.AssessedRate);
        Assert.Null(rate.AssessedInterval);
    }

    [Fact]
    public void Of_EmptySlice_NoRate()
    {
        var rate = ResponderRates.Of(IttCounts.Zero, Settings);

        Assert.Null(rate.Rate);
        Assert.Null(rate.Interval);
    }

    [Fact]
    public void IttCounts_Sum_AddsEachCategory() =>
        Assert.Equal(new IttCounts(4, 6, 8), new IttCounts(1, 2, 3) + new IttCounts(3, 4, 5));
}

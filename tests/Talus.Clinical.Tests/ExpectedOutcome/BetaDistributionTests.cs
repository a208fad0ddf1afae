using Talus.Clinical.ExpectedOutcome;

namespace Talus.Clinical.Tests.ExpectedOutcome;

public class BetaDistributionTests
{
    // Reference values computed with mpmath (betainc, 30 digits).
    [Theory]
    [InlineData(2.0, 3.0, 0.10, 0.14255931671)]
    [InlineData(2.0, 3.0, 0.50, 0.385727568132)]
    [InlineData(2.0, 3.0, 0.90, 0.679539416278)]
    [InlineData(5.5, 4.5, 0.10, 0.349633481028)]
    [InlineData(5.5, 4.5, 0.50, 0.553461068446)]
    [InlineData(5.5, 4.5, 0.90, 0.745455379107)]
    [InlineData(1.0, 1.0, 0.10, 0.1)]
    [InlineData(1.0, 1.0, 0.90, 0.9)]
    [InlineData(0.5, 0.5, 0.10, 0.0244717418524)]
    [InlineData(0.5, 0.5, 0.90, 0.975528258148)]
    [InlineData(17.5, 7.5, 0.10, 0.580244828536)]
    [InlineData(17.5, 7.5, 0.90, 0.812510569738)]
    [InlineData(2.5, 7.5, 0.10, 0.0933355398422)]
    public void Quantile_KnownValues(double alpha, double beta, double p, double expected)
    {
        Assert.Equal(expected, BetaDistribution.Quantile(p, alpha, beta), 9);
    }

    [Theory]
    [InlineData(2.0, 3.0, 0.3, 0.3483)]           // closed form x²(6 − 8x + 3x²)
    [InlineData(5.5, 4.5, 0.3, 0.0524132067436)]
    [InlineData(1.0, 1.0, 0.3, 0.3)]
    [InlineData(0.5, 0.5, 0.3, 0.369010119566)]
    [InlineData(17.5, 7.5, 0.3, 1.80325985974e-5)]
    [InlineData(2.0, 3.0, 0.0, 0.0)]
    [InlineData(2.0, 3.0, 1.0, 1.0)]
    public void Cdf_KnownValues(double alpha, double beta, double x, double expected)
    {
        Assert.Equal(expected, BetaDistribution.Cdf(x, alpha, beta), 10);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.77)]
    public void Quantile_InvertsCdf(double p)
    {
        Assert.Equal(p, BetaDistribution.Cdf(BetaDistribution.Quantile(p, 3.5, 6.5), 3.5, 6.5), 10);
    }

    [Theory]
    [InlineData(5.0, 3.1780538303479458)]      // ln 24
    [InlineData(0.5, 0.5723649429247001)]      // ln √π
    [InlineData(1.0, 0.0)]
    [InlineData(10.5, 13.940625219403763)]
    public void LogGamma_KnownValues(double x, double expected)
    {
        Assert.Equal(expected, BetaDistribution.LogGamma(x), 12);
    }
}

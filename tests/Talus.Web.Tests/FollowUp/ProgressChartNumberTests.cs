using System.Globalization;
using Talus.Web.Features.FollowUp;

namespace Talus.Web.Tests.FollowUp;

/// <summary>The progress chart writes its numbers to one decimal as the "0.#" format did, without the format's cost.</summary>
public sealed class ProgressChartNumberTests
{
    [Theory]
    [InlineData(0d, "0")]
    [InlineData(44d, "44")]
    [InlineData(2.5d, "2.5")]
    [InlineData(2.25d, "2.3")]
    [InlineData(0.04d, "0")]
    [InlineData(0.05d, "0.1")]
    [InlineData(183.999d, "184")]
    [InlineData(99.96d, "100")]
    [InlineData(-3.2d, "-3.2")]
    [InlineData(-0.5d, "-0.5")]
    [InlineData(-12d, "-12")]
    [InlineData(1234567.89d, "1234567.9")]
    public void Tenths_Number_WritesOneDecimalWithoutTrailingZero(double value, string expected) =>
        Assert.Equal(expected, ProgressChartSvg.Tenths(value));

    [Fact]
    public void Tenths_PlotValues_MatchTheCustomFormat()
    {
        // Coordinates and scores as the chart computes them: non-negative, a few hundred at most.
        for (var i = 0; i <= 20000; i++)
        {
            var v = i * 0.0371;
            Assert.Equal(v.ToString("0.#", CultureInfo.InvariantCulture), ProgressChartSvg.Tenths(v));
        }
    }
}

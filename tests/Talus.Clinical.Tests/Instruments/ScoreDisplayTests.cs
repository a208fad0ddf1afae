using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.Instruments;

public class ScoreDisplayTests
{
    // Half away from zero to 1 decimal, display only (SPEC §0).
    [Theory]
    [InlineData("61.15", "61.2")]
    [InlineData("61.149", "61.1")]
    [InlineData("0.05", "0.1")]
    [InlineData("-0.05", "-0.1")]
    [InlineData("50", "50.0")]
    public void Round_HalfAwayFromZero_OneDecimal(string value, string expected)
    {
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ScoreDisplay.Round(v));
    }
}

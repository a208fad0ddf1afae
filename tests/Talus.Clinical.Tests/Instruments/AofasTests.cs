using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.Instruments;

public class AofasTests
{
    [Fact]
    public void Score_AllMaximum_Totals100AndFlagsLegacy()
    {
        var result = Aofas.Score(new AofasAnkleHindfootEntry(40, 10, 5, 5, 8, 8, 6, 8, 10));

        Assert.Equal(40m, result.ScoreOf(Aofas.Pain));
        Assert.Equal(50m, result.ScoreOf(Aofas.Function));
        Assert.Equal(10m, result.ScoreOf(Aofas.Alignment));
        Assert.Equal(100m, result.ScoreOf(Aofas.Total));
        Assert.Equal("AOFAS-LEGACY", Assert.Single(result.Reasons).Code);
        Assert.False(Aofas.Definition.UsedForResponderDecisions);
    }

    [Theory]
    [InlineData(41, 10, 10, "pain")]
    [InlineData(40, 11, 10, "activityLimitation")]
    [InlineData(40, 10, 11, "alignment")]
    [InlineData(-1, 10, 10, "pain")]
    public void Score_ComponentAboveMaximum_ValidationErrorNamesField(int pain, int activity, int alignment, string field)
    {
        var result = Aofas.Score(new AofasAnkleHindfootEntry(pain, activity, 5, 5, 8, 8, 6, 8, alignment));

        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }
}

using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.Instruments;

public class SingleValueMeasuresTests
{
    [Theory]
    [InlineData(InstrumentId.NrsPain, "0", true)]
    [InlineData(InstrumentId.NrsPain, "10", true)]
    [InlineData(InstrumentId.NrsPain, "11", false)]
    [InlineData(InstrumentId.NrsPain, "-1", false)]
    [InlineData(InstrumentId.NrsPain, "4.5", false)]
    [InlineData(InstrumentId.VasPain, "43.5", true)]
    [InlineData(InstrumentId.VasPain, "100", true)]
    [InlineData(InstrumentId.VasPain, "100.1", false)]
    [InlineData(InstrumentId.PatientGlobalAssessment, "0", true)]
    [InlineData(InstrumentId.PatientGlobalAssessment, "101", false)]
    [InlineData(InstrumentId.PromisPhysicalFunction, "10", true)]
    [InlineData(InstrumentId.PromisPhysicalFunction, "90", true)]
    [InlineData(InstrumentId.PromisPhysicalFunction, "9.9", false)]
    [InlineData(InstrumentId.PromisPhysicalFunction, "90.1", false)]
    [InlineData(InstrumentId.Sane, "75", true)]
    [InlineData(InstrumentId.Sane, "-5", false)]
    public void Score_ValueRange_ValidOrValueError(InstrumentId instrument, string value, bool valid)
    {
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var result = SingleValueMeasures.Score(new SingleValueEntry(instrument, v), new InstrumentSettings());

        Assert.Equal(valid, result.IsValid);
        if (valid)
        {
            Assert.Equal(v, result.ScoreOf(SingleValueMeasures.Subscale));
        }
        else
        {
            Assert.Equal("value", Assert.Single(result.Errors).Field);
        }
    }

    [Fact]
    public void Score_PromisRangeFromSettings_IsHonoured()
    {
        var settings = new InstrumentSettings { PromisTScoreMinimum = 20m, PromisTScoreMaximum = 80m };

        Assert.False(SingleValueMeasures.Score(new SingleValueEntry(InstrumentId.PromisPhysicalFunction, 15m), settings).IsValid);
        Assert.True(SingleValueMeasures.Score(new SingleValueEntry(InstrumentId.PromisPhysicalFunction, 20m), settings).IsValid);
    }

    [Fact]
    public void Score_Sane_FlaggedNotForDecisions()
    {
        var result = SingleValueMeasures.Score(new SingleValueEntry(InstrumentId.Sane, 80m), new InstrumentSettings());

        Assert.Equal("PROM-NOT-FOR-DECISIONS", Assert.Single(result.Reasons).Code);
        Assert.False(SingleValueMeasures.Sane.UsedForResponderDecisions);
        Assert.Null(SingleValueMeasures.Sane.Subscales[0].McidDefault);
    }

    [Fact]
    public void Score_MultiItemInstrument_ValidationErrorOnInstrument()
    {
        var result = SingleValueMeasures.Score(new SingleValueEntry(InstrumentId.Faos, 50m), new InstrumentSettings());

        Assert.Equal("instrument", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void InstrumentScoring_SingleValueInstrumentAsResponse_ValidationError()
    {
        var result = InstrumentScoring.Score(new InstrumentResponse(InstrumentId.NrsPain, [5]), new InstrumentSettings());

        Assert.Equal("instrument", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void PatientGlobalAssessment_Anchors_ZeroVeryWellHundredVeryPoor()
    {
        var anchors = SingleValueMeasures.PatientGlobalAssessment.Items[0].Anchors;

        Assert.Equal(new AnswerAnchor(0, "Very well"), anchors[0]);
        Assert.Equal(new AnswerAnchor(100, "Very poor"), anchors[1]);
    }
}

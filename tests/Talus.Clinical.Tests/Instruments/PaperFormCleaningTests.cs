using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.Instruments;

public class PaperFormCleaningTests
{
    // FAOS: a higher box = more severe. FAAM: a lower box = more severe.
    [Theory]
    [InlineData(InstrumentId.Faos, "P1", new[] { "2" }, 2)]
    [InlineData(InstrumentId.Faos, "P1", new[] { "2.3" }, 2)]
    [InlineData(InstrumentId.Faos, "P1", new[] { "2.7" }, 3)]
    [InlineData(InstrumentId.Faos, "P1", new[] { "4.6" }, 4)]
    [InlineData(InstrumentId.Faos, "P1", new[] { "-0.4" }, 0)]
    [InlineData(InstrumentId.Faos, "P1", new[] { "2.5" }, 3)]
    [InlineData(InstrumentId.Faos, "P1", new[] { "1", "3" }, 3)]
    [InlineData(InstrumentId.FaamAdl, "ADL1", new[] { "1", "3" }, 1)]
    [InlineData(InstrumentId.FaamAdl, "ADL1", new[] { "2.5" }, 2)]
    public void Clean_Marks_NearestBoxAndMoreSevere(InstrumentId instrument, string key, string[] marks, int expected)
    {
        var definition = instrument == InstrumentId.Faos ? Faos.Definition : Faam.Adl;
        var raw = new RawItemMarks(key, [.. marks.Select(m => decimal.Parse(m, System.Globalization.CultureInfo.InvariantCulture))]);

        var cleaned = PaperFormCleaning.Clean(definition, [raw]);

        Assert.Equal(expected, cleaned.Answers[definition.PositionOf(key)]);
    }

    [Fact]
    public void Clean_TwoBoxes_RecordsCorrectionReason()
    {
        var cleaned = PaperFormCleaning.Clean(Faos.Definition, [new RawItemMarks("S1", [1m, 2m])]);

        Assert.Equal("FORM-TWO-BOXES", Assert.Single(cleaned.Corrections).Code);
    }

    [Fact]
    public void Clean_CleanMark_NoCorrection()
    {
        var cleaned = PaperFormCleaning.Clean(Faos.Definition, [new RawItemMarks("S1", [1m])]);

        Assert.Empty(cleaned.Corrections);
    }

    [Fact]
    public void Clean_BlankAndNotApplicable_NullAndNaCode()
    {
        var cleaned = PaperFormCleaning.Clean(Faam.Adl, [new RawItemMarks("ADL1", []), new RawItemMarks("ADL2", [], NotApplicableMarked: true)]);

        Assert.Null(cleaned.Answers[0]);
        Assert.Equal(InstrumentItem.NotApplicable, cleaned.Answers[1]);
    }

    [Fact]
    public void Clean_UnknownItem_ValidationError()
    {
        var cleaned = PaperFormCleaning.Clean(Faos.Definition, [new RawItemMarks("Z9", [1m])]);

        Assert.Equal("marks.Z9", Assert.Single(cleaned.Errors).Field);
    }
}

using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.Instruments;

public class FaosTests
{
    private const int PainStart = 7;
    private const int QolStart = 38;

    private static int?[] AllAnswered(int value)
    {
        var answers = new int?[Faos.ItemCount];
        Array.Fill(answers, value);
        return answers;
    }

    private static int?[] WithPain(params int?[] pain)
    {
        var answers = AllAnswered(0);
        for (var i = 0; i < 9; i++)
        {
            answers[PainStart + i] = i < pain.Length ? pain[i] : null;
        }

        return answers;
    }

    [Fact]
    public void Definition_Structure_MatchesSpec()
    {
        var d = Faos.Definition;
        Assert.Equal(42, d.Items.Count);
        int[] firstAndLast = [0, 6, 7, 15, 16, 32, 33, 37, 38, 41];
        Assert.Equal(["S1", "S7", "P1", "P9", "A1", "A17", "SP1", "SP5", "Q1", "Q4"], firstAndLast.Select(i => d.Items[i].Key));
        Assert.Equal([7, 9, 17, 5, 4], d.Subscales.Select(s => s.ItemCount));
        foreach (var s in d.Subscales)
        {
            Assert.Equal(s.ItemCount, d.Items.Count(i => i.SubscaleKey == s.Key));
        }

        Assert.All(d.Items, i => Assert.Equal(5, i.Anchors.Count));
        Assert.Equal(LicenceStatus.Free, d.Licence);
        Assert.True(d.HigherAnswerIsWorse);
    }

    // Worked examples of SPEC §3.1.
    [Theory]
    [InlineData(new[] { 2, 2, 2, 2, 2, 2, 2, 2, 2 }, "50.0")]
    [InlineData(new[] { 1, 2, 2, 3, 1, 0, 2, 1, 2 }, "61.1")]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "100.0")]
    [InlineData(new[] { 4, 4, 4, 4, 4, 4, 4, 4, 4 }, "0.0")]
    public void Score_PainWorkedExamples_DisplayAsSpec(int[] pain, string display)
    {
        var result = Faos.Score(WithPain([.. pain.Select(p => (int?)p)]));

        Assert.True(result.IsValid);
        Assert.Equal(decimal.Parse(display, System.Globalization.CultureInfo.InvariantCulture), ScoreDisplay.Round(result.ScoreOf(Faos.Pain)));
    }

    [Fact]
    public void Score_PainMeanOnePointFiveFiveSix_KeepsUnroundedValue()
    {
        var score = Faos.Score(WithPain(1, 2, 2, 3, 1, 0, 2, 1, 2)).ScoreOf(Faos.Pain)!.Value;

        Assert.Equal(61.111m, Math.Round(score, 3));
        Assert.NotEqual(61.1m, score);
    }

    [Fact]
    public void Score_QolAllFour_IsZero()
    {
        var answers = AllAnswered(0);
        for (var i = 0; i < 4; i++)
        {
            answers[QolStart + i] = 4;
        }

        var result = Faos.Score(answers);

        Assert.Equal(0.0m, result.ScoreOf(Faos.Qol));
        Assert.Equal(100m, result.ScoreOf(Faos.Adl));
    }

    // SPEC §3.1 minimum-answered table: Pain needs 5 of 9 (2012) or 7 of 9 (1998).
    [Theory]
    [InlineData(FaosMissingRule.Koos2012HalfAnswered, 5, true)]
    [InlineData(FaosMissingRule.Koos2012HalfAnswered, 4, false)]
    [InlineData(FaosMissingRule.Legacy1998MaxTwoMissing, 7, true)]
    [InlineData(FaosMissingRule.Legacy1998MaxTwoMissing, 6, false)]
    public void Score_PainAnsweredCount_ValidOnlyAtMinimum(FaosMissingRule rule, int answered, bool valid)
    {
        var pain = Enumerable.Range(0, answered).Select(_ => (int?)2).ToArray();

        var subscale = Faos.Score(WithPain(pain), rule).Subscales.Single(s => s.Subscale == Faos.Pain);

        Assert.Equal(valid, subscale.Score is not null);
        Assert.Equal(valid, subscale.Reason is null);
        if (valid)
        {
            Assert.Equal(50m, subscale.Score);
        }
        else
        {
            Assert.Equal("PROM-TOO-FEW-ANSWERED", subscale.Reason!.Code);
        }
    }

    [Theory]
    [InlineData(FaosMissingRule.Koos2012HalfAnswered, new[] { 4, 5, 9, 3, 2 })]
    [InlineData(FaosMissingRule.Legacy1998MaxTwoMissing, new[] { 5, 7, 15, 3, 2 })]
    public void Score_EachSubscale_UsesSpecMinimumTable(FaosMissingRule rule, int[] minimums)
    {
        var result = Faos.Score(AllAnswered(1), rule);

        Assert.Equal(minimums, result.Subscales.Select(s => s.MinimumAnswered));
    }

    [Fact]
    public void Score_MissingItems_MeanOfAnsweredOnly()
    {
        // 5 answered Pain items of value 4 and 4 blanks: mean 4 → 0, not diluted by blanks.
        var result = Faos.Score(WithPain(4, 4, 4, 4, 4));

        Assert.Equal(0m, result.ScoreOf(Faos.Pain));
    }

    [Theory]
    [InlineData(5, "answers.P1")]
    [InlineData(-1, "answers.P1")]
    public void Score_AnswerOutOfRange_ValidationErrorNamesItem(int bad, string field)
    {
        var answers = AllAnswered(1);
        answers[PainStart] = bad;

        var result = Faos.Score(answers);

        Assert.False(result.IsValid);
        Assert.Empty(result.Subscales);
        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData(41)]
    [InlineData(43)]
    [InlineData(0)]
    public void Score_WrongNumberOfAnswers_ValidationError(int length)
    {
        var result = Faos.Score(new int?[length]);

        Assert.Equal("answers", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Score_Keyed_SameAsPositional()
    {
        var keyed = new Dictionary<string, int?> { ["P1"] = 1, ["P2"] = 2, ["P3"] = 2, ["P4"] = 3, ["P5"] = 1, ["P6"] = 0, ["P7"] = 2, ["P8"] = 1, ["p9"] = 2 };

        var result = InstrumentScoring.Score(new KeyedInstrumentResponse(InstrumentId.Faos, keyed), new InstrumentSettings());

        Assert.Equal(61.1m, ScoreDisplay.Round(result.ScoreOf(Faos.Pain)));
        Assert.Null(result.ScoreOf(Faos.Adl));
    }

    [Fact]
    public void Score_KeyedUnknownItem_ValidationErrorNamesKey()
    {
        var keyed = new Dictionary<string, int?> { ["P1"] = 1, ["P10"] = 2 };

        var result = InstrumentScoring.Score(new KeyedInstrumentResponse(InstrumentId.Faos, keyed), new InstrumentSettings());

        Assert.Equal("answers.P10", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void ScoreAs_WrongInstrument_ValidationErrorOnInstrument()
    {
        var result = InstrumentScoring.ScoreAs(InstrumentId.Faos, new InstrumentResponse(InstrumentId.FaamAdl, new int?[21]), new InstrumentSettings());

        Assert.Equal("instrument", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Score_SettingsLegacyRule_IsUsedByDispatcher()
    {
        var response = new InstrumentResponse(InstrumentId.Faos, WithPain(2, 2, 2, 2, 2, 2));

        var modern = InstrumentScoring.Score(response, new InstrumentSettings());
        var legacy = InstrumentScoring.Score(response, new InstrumentSettings { FaosMissingRule = FaosMissingRule.Legacy1998MaxTwoMissing });

        Assert.Equal(50m, modern.ScoreOf(Faos.Pain));
        Assert.Null(legacy.ScoreOf(Faos.Pain));
    }

    [Fact]
    public void Score_FullForm_AllocatesLittle()
    {
        var answers = AllAnswered(2);
        Faos.Score(answers);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Faos.Score(answers);
        }

        var perScore = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perScore < 1024, $"Allocated {perScore} bytes per FAOS score.");
    }
}

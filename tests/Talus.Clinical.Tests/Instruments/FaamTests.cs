using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.Instruments;

public class FaamTests
{
    private static int?[] Answers(int count, int answered, int value, int notApplicable = 0)
    {
        var answers = new int?[count];
        for (var i = 0; i < answered; i++)
        {
            answers[i] = value;
        }

        for (var i = answered; i < answered + notApplicable; i++)
        {
            answers[i] = InstrumentItem.NotApplicable;
        }

        return answers;
    }

    // Validity: ADL >= 19 of 21, Sports >= 7 of 8 answered (SPEC §3.2).
    [Theory]
    [InlineData(21, true)]
    [InlineData(19, true)]
    [InlineData(18, false)]
    public void ScoreAdl_AnsweredCount_ValidFrom19(int answered, bool valid)
    {
        var result = Faam.ScoreAdl(Answers(21, answered, 3));

        Assert.True(result.IsValid);
        Assert.Equal(valid ? 75m : null, result.ScoreOf(Faam.AdlSubscale));
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(7, true)]
    [InlineData(6, false)]
    public void ScoreSports_AnsweredCount_ValidFrom7(int answered, bool valid)
    {
        var result = Faam.ScoreSports(Answers(8, answered, 2));

        Assert.Equal(valid ? 50m : null, result.ScoreOf(Faam.SportsSubscale));
    }

    [Fact]
    public void ScoreAdl_NotApplicable_ExcludedFromDenominatorAndCount()
    {
        // 19 answered at 4, 2 N/A: 76 / (4 x 19) x 100 = 100.
        var valid = Faam.ScoreAdl(Answers(21, 19, 4, notApplicable: 2));
        // 18 answered, 3 N/A: fewer than 19 answered → no score.
        var invalid = Faam.ScoreAdl(Answers(21, 18, 4, notApplicable: 3));

        Assert.Equal(100m, valid.ScoreOf(Faam.AdlSubscale));
        Assert.Null(invalid.ScoreOf(Faam.AdlSubscale));
    }

    [Fact]
    public void ScoreAdl_MixedAnswers_SumOverFourTimesAnswered()
    {
        var answers = Answers(21, 21, 4);
        answers[0] = 0;
        answers[1] = 1;
        answers[2] = 2;

        // (18 x 4 + 0 + 1 + 2) = 75; 75 / 84 x 100 = 89.2857…
        var score = Faam.ScoreAdl(answers).ScoreOf(Faam.AdlSubscale)!.Value;

        Assert.Equal(89.3m, ScoreDisplay.Round(score));
        Assert.Equal(75m * 100m / 84m, score);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-2)]
    public void ScoreAdl_AnswerOutOfRange_ValidationError(int bad)
    {
        var answers = Answers(21, 21, 3);
        answers[4] = bad;

        var result = Faam.ScoreAdl(answers);

        Assert.Equal("answers.ADL5", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Definitions_ItemCountsAndMcids_MatchSpec()
    {
        Assert.Equal(21, Faam.Adl.Items.Count);
        Assert.Equal(8, Faam.Sports.Items.Count);
        Assert.Equal(8m, Faam.Adl.Subscales[0].McidDefault);
        Assert.Equal(9m, Faam.Sports.Subscales[0].McidDefault);
        Assert.All(Faam.Adl.Items, i => Assert.True(i.AllowsNotApplicable));
        Assert.Equal(4, Faam.Adl.Items[0].Anchors[0].Value);
        Assert.Equal("No difficulty", Faam.Adl.Items[0].Anchors[0].Label);
    }
}

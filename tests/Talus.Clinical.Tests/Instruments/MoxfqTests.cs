using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.Instruments;

public class MoxfqTests
{
    // A test mapping only: the real mapping comes from the licensed manual (SPEC §3.3).
    private static MoxfqLicence Licence(int walking = 7, int pain = 5, int social = 4)
    {
        var items = new List<MoxfqLicensedItem>();
        for (var i = 0; i < walking; i++)
        {
            items.Add(new($"M{items.Count + 1}", "licensed text", MoxfqDomain.WalkingStanding));
        }

        for (var i = 0; i < pain; i++)
        {
            items.Add(new($"M{items.Count + 1}", "licensed text", MoxfqDomain.Pain));
        }

        for (var i = 0; i < social; i++)
        {
            items.Add(new($"M{items.Count + 1}", "licensed text", MoxfqDomain.SocialInteraction));
        }

        return new MoxfqLicence("OUI-TEST-0001", [.. items]);
    }

    private static int?[] All(int value) => Enumerable.Repeat((int?)value, 16).ToArray();

    [Fact]
    public void Score_NoLicence_RefusesWithReason()
    {
        var result = InstrumentScoring.Score(new InstrumentResponse(InstrumentId.Moxfq, All(1)), new InstrumentSettings());

        Assert.False(result.IsValid);
        Assert.Empty(result.Subscales);
        Assert.Equal("settings.moxfq", Assert.Single(result.Errors).Field);
        Assert.Equal("MOXFQ-NOT-LICENSED", Assert.Single(result.Reasons).Code);
    }

    [Theory]
    [InlineData(8, 4, 4)]
    [InlineData(7, 5, 3)]
    public void Score_MappingNotSevenFiveFour_Refused(int walking, int pain, int social)
    {
        var result = Moxfq.Score(All(1), Licence(walking, pain, social));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == "settings.moxfq.items");
    }

    [Fact]
    public void Score_Licensed_DomainsAndIndexHigherIsWorse()
    {
        // Walking 7 items at 4 = 100; Pain 5 items at 2 = 50; Social 4 items at 0 = 0; Index = (28 + 10 + 0) x 100 / 64.
        int?[] answers = [4, 4, 4, 4, 4, 4, 4, 2, 2, 2, 2, 2, 0, 0, 0, 0];

        var result = Moxfq.Score(answers, Licence());

        Assert.True(result.IsValid);
        Assert.Equal(100m, result.ScoreOf(Moxfq.WalkingStanding));
        Assert.Equal(50m, result.ScoreOf(Moxfq.Pain));
        Assert.Equal(0m, result.ScoreOf(Moxfq.SocialInteraction));
        Assert.Equal(59.375m, result.ScoreOf(Moxfq.Index));
    }

    [Fact]
    public void Score_OneItemMissing_DomainAndIndexNull()
    {
        var answers = All(1);
        answers[15] = null;

        var result = Moxfq.Score(answers, Licence());

        Assert.Equal(25m, result.ScoreOf(Moxfq.WalkingStanding));
        Assert.Null(result.ScoreOf(Moxfq.SocialInteraction));
        Assert.Null(result.ScoreOf(Moxfq.Index));
    }

    [Fact]
    public void Definition_FromLicence_IsLicensedAndNotForDecisions()
    {
        Assert.Null(Moxfq.Definition(null));
        var d = Moxfq.Definition(Licence())!;
        Assert.Equal(LicenceStatus.LicenceRequired, d.Licence);
        Assert.Equal(ScoreDirection.HigherIsWorse, d.Direction);
        Assert.Equal([16m, 12m, 24m], d.Subscales.Select(s => s.McidDefault!.Value));
    }
}

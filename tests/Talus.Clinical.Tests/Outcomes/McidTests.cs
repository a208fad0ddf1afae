using Talus.Clinical.Outcomes;

namespace Talus.Clinical.Tests.Outcomes;

public class McidTests
{
    private static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // NRS: >= 2 points OR >= 30% (SPEC §3.4).
    [InlineData(OutcomeMeasure.NrsPain, "6", "4", true)]
    [InlineData(OutcomeMeasure.NrsPain, "8", "6.1", false)]      // 1.9 points, 23.75%
    [InlineData(OutcomeMeasure.NrsPain, "6", "4.1", true)]       // 1.9 points but 31.7%
    [InlineData(OutcomeMeasure.NrsPain, "3", "2", true)]         // 1 point, 33%
    [InlineData(OutcomeMeasure.NrsPain, "0", "0", false)]        // baseline 0: relative undefined
    [InlineData(OutcomeMeasure.NrsPain, "4", "6", false)]        // worse
    // VAS: 20 mm or 30% (SPEC §3.7).
    [InlineData(OutcomeMeasure.VasPain, "60", "40", true)]
    [InlineData(OutcomeMeasure.VasPain, "80", "60.1", false)]    // 19.9 mm, 24.9%
    [InlineData(OutcomeMeasure.VasPain, "50", "35", true)]       // 15 mm, exactly 30%
    [InlineData(OutcomeMeasure.VasPain, "50", "35.1", false)]    // 14.9 mm, 29.8%
    // FAOS subscales: 10, higher = better.
    [InlineData(OutcomeMeasure.FaosPain, "50", "60", true)]
    [InlineData(OutcomeMeasure.FaosPain, "50", "59.9", false)]
    [InlineData(OutcomeMeasure.FaosAdl, "60", "50", false)]
    [InlineData(OutcomeMeasure.FaosQol, "0", "10", true)]
    // FAAM ADL 8, Sports 9.
    [InlineData(OutcomeMeasure.FaamAdl, "60", "68", true)]
    [InlineData(OutcomeMeasure.FaamAdl, "60", "67.9", false)]
    [InlineData(OutcomeMeasure.FaamSports, "40", "49", true)]
    [InlineData(OutcomeMeasure.FaamSports, "40", "48.9", false)]
    // MOXFQ, lower = better: W/S 16, Pain 12, SI 24.
    [InlineData(OutcomeMeasure.MoxfqPain, "50", "38", true)]
    [InlineData(OutcomeMeasure.MoxfqPain, "50", "38.1", false)]
    [InlineData(OutcomeMeasure.MoxfqWalkingStanding, "60", "44", true)]
    [InlineData(OutcomeMeasure.MoxfqSocialInteraction, "60", "36.1", false)]
    // PROMIS PF 5.0.
    [InlineData(OutcomeMeasure.PromisPhysicalFunction, "40", "45", true)]
    [InlineData(OutcomeMeasure.PromisPhysicalFunction, "40", "44.9", false)]
    public void IsMet_DefaultTable_BoundariesInclusive(OutcomeMeasure measure, string baseline, string followUp, bool met)
    {
        var verdict = Mcid.IsMet(measure, D(baseline), D(followUp), new McidSettings());

        Assert.Equal(met, verdict.Met);
        Assert.Equal(met ? "MCID-MET" : "MCID-NOT-MET", Assert.Single(verdict.Reasons).Code);
    }

    [Fact]
    public void IsMet_ReasonNamesTheMeasureAsCliniciansWriteIt()
    {
        var verdict = Mcid.IsMet(OutcomeMeasure.NrsPain, 7m, 3m, new McidSettings());

        Assert.StartsWith("NRS pain: 7 → 3, improvement 4 vs MCID 2", Assert.Single(verdict.Reasons).ClinicianText);
        Assert.All(Enum.GetValues<OutcomeMeasure>(), m => Assert.NotEqual(m.ToString(), Mcid.NameOf(m)));
    }

    [Fact]
    public void IsMet_NrsBaselineZero_RelativeUndefined()
    {
        var verdict = Mcid.IsMet(OutcomeMeasure.NrsPain, 0m, 0m, new McidSettings());

        Assert.Null(verdict.RelativeImprovement);
    }

    [Fact]
    public void IsMet_CustomSettings_UsesPracticeThreshold()
    {
        var settings = new McidSettings { FaosPain = 8m };

        Assert.True(Mcid.IsMet(OutcomeMeasure.FaosPain, 50m, 58m, settings).Met);
        Assert.False(Mcid.IsMet(OutcomeMeasure.FaosPain, 50m, 58m, new McidSettings()).Met);
    }

    [Fact]
    public void IsMet_ImprovementSign_PositiveMeansBetter()
    {
        Assert.Equal(2m, Mcid.IsMet(OutcomeMeasure.NrsPain, 6m, 4m, new McidSettings()).Improvement);
        Assert.Equal(-10m, Mcid.IsMet(OutcomeMeasure.FaosPain, 60m, 50m, new McidSettings()).Improvement);
    }
}

using Talus.Clinical.Outcomes;

namespace Talus.Clinical.Tests.Outcomes;

public class OmeractOarsiTests
{
    private static decimal? D(string? s) => s is null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    // P, F, G on 0–100 with higher = worse (SPEC §4.4).
    [Theory]
    [InlineData("40", "20", "50", "50", null, null, true, true, 1)]        // P rel 0.50 & abs 20: high
    [InlineData("40", "20.1", "50", "50", null, null, false, false, 1)]    // P abs 19.9: moderate only
    [InlineData("30", "15", "50", "40", null, null, true, false, 2)]       // P abs 15 (not high), F abs 10 rel 0.20: two moderate
    [InlineData("30", "15", "50", "40.1", null, null, false, false, 1)]    // F abs 9.9: not moderate
    [InlineData("60", "48", "80", "72", "50", "40", true, false, 2)]       // P moderate, F not, G moderate
    [InlineData("60", "60", "40", "20", null, null, true, true, 1)]        // F high
    [InlineData("0", "0", "0", "0", "0", "0", false, false, 0)]            // X0 = 0: every domain undefined
    [InlineData("10", "0", "100", "100", null, null, false, false, 1)]     // P rel 1.0 but abs 10 < 20: moderate only
    public void Responder_TruthTable(string p0, string p1, string f0, string f1, string? g0, string? g1, bool met, bool high, int moderate)
    {
        var verdict = OmeractOarsi.Responder(new OarsiDomains(D(p0), D(f0), D(g0)), new OarsiDomains(D(p1), D(f1), D(g1)));

        Assert.Equal(met, verdict.Met);
        Assert.Equal(high, verdict.HighChange);
        Assert.Equal(moderate, verdict.ModerateDomains);
        Assert.NotEmpty(verdict.Reasons);
    }

    [Theory]
    [InlineData("40", "60", "50", "50", true)]      // P worse by 20, rel 0.50: high worsening
    [InlineData("40", "55", "50", "60", true)]      // P +15 (rel .375), F +10 (rel .20): two moderate
    [InlineData("40", "55", "50", "59.9", false)]   // F +9.9
    [InlineData("0", "50", "0", "50", false)]       // X0 = 0: undefined, not met
    [InlineData("40", "20", "50", "40", false)]     // improving is not worsening
    public void Worsened_InverseCriteria(string p0, string p1, string f0, string f1, bool met)
    {
        var verdict = OmeractOarsi.Worsened(new OarsiDomains(D(p0), D(f0), null), new OarsiDomains(D(p1), D(f1), null));

        Assert.Equal(met, verdict.Met);
        Assert.Contains(verdict.Reasons, r => r.Code == (met ? "OARSI-WORSENED" : "OARSI-NOT-WORSENED"));
    }

    [Fact]
    public void Responder_BaselineZero_GivesUndefinedReason()
    {
        var verdict = OmeractOarsi.Responder(new OarsiDomains(0m, 50m, null), new OarsiDomains(0m, 50m, null));

        Assert.Contains(verdict.Reasons, r => r.Code == "OARSI-DOMAIN-UNDEFINED");
    }

    [Fact]
    public void FromFaos_MapsHundredMinusScore()
    {
        var domains = OarsiDomains.FromFaos(61.1m, 70m, 30m);

        Assert.Equal(new OarsiDomains(38.9m, 30m, 30m), domains);
    }

    [Theory]
    [InlineData(6, 60)]
    [InlineData(0, 0)]
    [InlineData(10, 100)]
    public void PainFromNrs_TenTimesNrs(int nrs, int expected)
    {
        Assert.Equal(expected, OarsiDomains.PainFromNrs(nrs));
    }

    [Fact]
    public void Responder_FaosMapping_AdlHighImprovement()
    {
        // FAOS Pain 50 → 70 (P 50 → 30: abs 20, rel 0.40 → moderate); FAOS ADL 60 → 80 (F 40 → 20: abs 20, rel 0.50 → high).
        var verdict = OmeractOarsi.Responder(OarsiDomains.FromFaos(50m, 60m, null), OarsiDomains.FromFaos(70m, 80m, null));

        Assert.True(verdict.Met);
        Assert.True(verdict.HighChange);
    }
}

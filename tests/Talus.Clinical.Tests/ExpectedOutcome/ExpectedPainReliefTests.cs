using Talus.Clinical.ExpectedOutcome;

namespace Talus.Clinical.Tests.ExpectedOutcome;

public class ExpectedPainReliefTests
{
    private static ExpectedOutcomeEstimate Estimate(
        ProductClass product, PriorBand band, TimePoint timePoint, int successes = 0, int failures = 0,
        PatientCovariates? covariates = null, ExpectedOutcomeSettings? settings = null) =>
        ExpectedPainRelief.Estimate(new ExpectedOutcomeRequest(product, band, timePoint, successes, failures, covariates), settings ?? new ExpectedOutcomeSettings());

    // Every row of the SPEC §5.3 table.
    [Theory]
    [InlineData(ProductClass.CellBased, PriorBand.Favorable, "0.55", "0.55", "0.45")]
    [InlineData(ProductClass.CellBased, PriorBand.Guarded, "0.45", "0.45", "0.35")]
    [InlineData(ProductClass.CellBased, PriorBand.Unfavorable, "0.35", "0.30", "0.25")]
    [InlineData(ProductClass.Prp, PriorBand.Favorable, "0.55", "0.50", "0.40")]
    [InlineData(ProductClass.Prp, PriorBand.Guarded, "0.45", "0.40", "0.30")]
    [InlineData(ProductClass.Corticosteroid, PriorBand.Favorable, "0.50", "0.40", "0.35")]
    [InlineData(ProductClass.Corticosteroid, PriorBand.Guarded, "0.45", "0.35", "0.30")]
    [InlineData(ProductClass.HyaluronicAcid, PriorBand.Favorable, "0.45", "0.40", "0.30")]
    [InlineData(ProductClass.HyaluronicAcid, PriorBand.Guarded, "0.45", "0.40", "0.30")]
    [InlineData(ProductClass.Saline, PriorBand.Favorable, "0.35", "0.35", "0.30")]
    [InlineData(ProductClass.Saline, PriorBand.Unfavorable, "0.35", "0.35", "0.30")]
    public void Estimate_PriorTable_MeansPerTimePoint(ProductClass product, PriorBand band, string m3, string m6, string m12)
    {
        string[] expected = [m3, m6, m12];
        TimePoint[] points = [TimePoint.Month3, TimePoint.Month6, TimePoint.Month12];

        for (var i = 0; i < 3; i++)
        {
            var estimate = Estimate(product, band, points[i]);
            Assert.True(estimate.PriorAvailable);
            Assert.Equal(decimal.Parse(expected[i], System.Globalization.CultureInfo.InvariantCulture), estimate.PriorMean);
            Assert.Equal(estimate.PriorMean, estimate.Estimate!.Mean);
        }
    }

    [Theory]
    [InlineData(ProductClass.Prp, PriorBand.Unfavorable)]
    [InlineData(ProductClass.Corticosteroid, PriorBand.Unfavorable)]
    [InlineData(ProductClass.HyaluronicAcid, PriorBand.Unfavorable)]
    public void Estimate_NoTableRow_SaysNoPriorAndGivesNoNumber(ProductClass product, PriorBand band)
    {
        var estimate = Estimate(product, band, TimePoint.Month6);

        Assert.False(estimate.PriorAvailable);
        Assert.Null(estimate.PriorMean);
        Assert.Null(estimate.Estimate);
        Assert.Equal("EO-NO-PRIOR", estimate.Reasons[0].Code);
        Assert.NotNull(estimate.SalineReference);
        Assert.Equal(ExpectedPainRelief.EvidenceStatement, estimate.EvidenceStatement);
    }

    [Fact]
    public void Estimate_CellFavorableThreeMonths_PriorBetaAndInterval()
    {
        var estimate = Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3).Estimate!;

        Assert.Equal(5.5m, estimate.Alpha);
        Assert.Equal(4.5m, estimate.Beta);
        Assert.Equal(0.349633m, estimate.Lower);
        Assert.Equal(0.745455m, estimate.Upper);
    }

    [Fact]
    public void Estimate_Repeated_SameSummaryAndOneForEachSetOfSettings()
    {
        // Summaries are remembered: asked again, the same numbers; asked with other percentiles or another prior sample
        // size, the numbers of those settings, not the remembered ones.
        var first = Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3).Estimate!;
        Assert.Equal(first, Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3).Estimate!);

        var wider = Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3,
            settings: new ExpectedOutcomeSettings { LowerPercentile = 0.05m, UpperPercentile = 0.95m }).Estimate!;
        Assert.Equal(first.Alpha, wider.Alpha);
        Assert.True(wider.Lower < first.Lower && wider.Upper > first.Upper);

        var stronger = Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3,
            settings: new ExpectedOutcomeSettings { PriorSampleSize = 20m }).Estimate!;
        Assert.Equal(11m, stronger.Alpha);
        Assert.True(stronger.Lower > first.Lower && stronger.Upper < first.Upper);

        // 10 and 10.0 are equal decimals, and α is written with the prior sample size's scale.
        var written = Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3,
            settings: new ExpectedOutcomeSettings { PriorSampleSize = 10.0m }).Estimate!;
        Assert.Equal("5.500", written.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("5.50", first.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Estimate_LocalData_UpdatesPosterior()
    {
        // Beta(5.5 + 12, 4.5 + 3) = Beta(17.5, 7.5): mean 0.70.
        var estimate = Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3, successes: 12, failures: 3).Estimate!;

        Assert.Equal(17.5m, estimate.Alpha);
        Assert.Equal(7.5m, estimate.Beta);
        Assert.Equal(0.7m, estimate.Mean);
        Assert.Equal(0.580245m, estimate.Lower);
        Assert.Equal(0.812511m, estimate.Upper);
    }

    [Fact]
    public void Estimate_Always_CarriesSalineReferenceAndMandatorySentence()
    {
        var estimate = Estimate(ProductClass.CellBased, PriorBand.Guarded, TimePoint.Month12);

        Assert.Equal("Randomized trials have not shown cell injections to be better than a steroid or saline injection.", estimate.EvidenceStatement);
        Assert.Equal(0.30m, estimate.SalineReference!.Mean);
        Assert.Equal(3m, estimate.SalineReference.Alpha);
        Assert.Equal(7m, estimate.SalineReference.Beta);
        Assert.Contains(estimate.Reasons, r => r.Code == "EO-REFERENCE");
    }

    [Fact]
    public void Estimate_DefaultOddsRatios_RecordedNotApplied()
    {
        var estimate = Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3,
            covariates: new PatientCovariates(Bmi: 36m, AgeYears: 74, CurrentSmoker: true, Malalignment: true));

        Assert.Equal(0.55m, estimate.Estimate!.Mean);
        Assert.Equal(4, estimate.Covariates.Count);
        Assert.All(estimate.Covariates, c => Assert.Equal((true, 1.0m, false), (c.Present!.Value, c.OddsRatio, c.Applied)));
    }

    [Theory]
    [InlineData("32", true)]
    [InlineData("30", true)]
    [InlineData("29.9", false)]
    public void Estimate_ObesityOddsRatioSet_AppliedOnOddsScale(string bmi, bool applied)
    {
        var settings = new ExpectedOutcomeSettings { OddsRatios = new CovariateOddsRatios { Obesity = 0.5m } };

        var estimate = Estimate(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month3,
            covariates: new PatientCovariates(Bmi: decimal.Parse(bmi, System.Globalization.CultureInfo.InvariantCulture)), settings: settings);

        // m' = 0.55 x 0.5 / (0.45 + 0.275) = 0.3793…
        Assert.Equal(applied ? 0.3793m : 0.55m, Math.Round(estimate.Estimate!.Mean, 4));
        Assert.Equal(applied, estimate.Covariates.Single(c => c.Covariate == "Obesity").Applied);
    }

    [Theory]
    [InlineData(-1, 0, "localSuccesses")]
    [InlineData(0, -1, "localFailures")]
    public void Estimate_NegativeCounts_ValidationError(int successes, int failures, string field)
    {
        var estimate = Estimate(ProductClass.Prp, PriorBand.Favorable, TimePoint.Month3, successes, failures);

        Assert.False(estimate.PriorAvailable);
        Assert.Equal(field, Assert.Single(estimate.Errors).Field);
    }

    [Fact]
    public void Estimate_UndefinedTimePoint_ValidationError()
    {
        var estimate = Estimate(ProductClass.Prp, PriorBand.Favorable, (TimePoint)9);

        Assert.Equal("timePoint", Assert.Single(estimate.Errors).Field);
    }
}

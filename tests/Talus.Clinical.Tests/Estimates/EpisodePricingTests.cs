namespace Talus.Clinical.Tests;

public class EpisodePricingTests
{
    [Fact]
    public void Estimate_LinesForTwoProviders_SubtotalsAndTotalInCents()
    {
        EstimateLine[] lines =
        [
            new("clinic", "0232T", "PRP injection", 70_000, 3),
            new("clinic", "99204", "New patient visit", 25_050),
            new("imaging", "73610", "Ankle X-ray", 15_000),
        ];

        var estimate = EpisodePricing.Estimate(lines);

        Assert.Equal([new ProviderSubtotal("clinic", 235_050), new ProviderSubtotal("imaging", 15_000)], estimate.PerProvider);
        Assert.Equal(250_050, estimate.TotalCents);
        Assert.Empty(estimate.Errors);
    }

    [Fact]
    public void Estimate_ZeroQuantity_Error()
    {
        var estimate = EpisodePricing.Estimate([new("clinic", "0232T", "PRP injection", 70_000, 0)]);

        Assert.Single(estimate.Errors);
        Assert.Equal(0, estimate.TotalCents);
    }

    [Theory]
    [InlineData(100_000, 3, 33_334, 33_333)]
    [InlineData(100_001, 4, 25_001, 25_000)]
    [InlineData(90_000, 3, 30_000, 30_000)]
    [InlineData(5, 1, 5, 5)]
    public void PaymentPlan_Total_RemainderCentsOnFirst(long total, int count, long first, long others)
    {
        var plan = EpisodePricing.PaymentPlan(total, count, new(2025, 1, 31));

        Assert.Equal(count, plan.Count);
        Assert.Equal(first, plan[0].Cents);
        Assert.All(plan.Skip(1), i => Assert.Equal(others, i.Cents));
        Assert.Equal(total, plan.Sum(i => i.Cents));
    }

    [Fact]
    public void PaymentPlan_MonthEnd_ClampsToShortMonths()
    {
        var plan = EpisodePricing.PaymentPlan(300, 3, new(2025, 1, 31));

        Assert.Equal([new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 28), new DateOnly(2025, 3, 31)], plan.Select(i => i.DueOn));
    }
}

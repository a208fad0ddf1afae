namespace Talus.Clinical;

public sealed record ProviderSubtotal(string ProviderId, long Cents);

/// <summary>A self-pay episode priced per provider and in total, in cents.</summary>
public sealed record EpisodeEstimate(IReadOnlyList<EstimateLine> Lines, IReadOnlyList<ProviderSubtotal> PerProvider, long TotalCents, IReadOnlyList<RuleInputError> Errors);

public sealed record Instalment(int Number, DateOnly DueOn, long Cents);

/// <summary>Self-pay episode totals and payment plans (SPEC §7.1: modelled as self-pay by default).</summary>
public static class EpisodePricing
{
    public static EpisodeEstimate Estimate(IReadOnlyList<EstimateLine> lines)
    {
        var errors = new List<RuleInputError>();
        var perProvider = new List<ProviderSubtotal>();
        long total = 0;
        foreach (var line in lines)
        {
            if (line.Quantity < 1 || line.UnitPriceCents < 0)
            {
                errors.Add(new(nameof(EstimateLine), $"{line.ServiceCode}: quantity must be ≥ 1 and the unit price ≥ 0."));
                continue;
            }

            var i = perProvider.FindIndex(p => p.ProviderId == line.ProviderId);
            if (i < 0)
            {
                perProvider.Add(new(line.ProviderId, line.TotalCents));
            }
            else
            {
                perProvider[i] = perProvider[i] with { Cents = checked(perProvider[i].Cents + line.TotalCents) };
            }

            total = checked(total + line.TotalCents);
        }

        return new(lines, perProvider, total, errors);
    }

    /// <summary>
    /// Splits a total into <paramref name="count"/> monthly instalments; the cents that do not divide evenly are
    /// added to the first, so the sum is exact and later payments are equal.
    /// </summary>
    public static IReadOnlyList<Instalment> PaymentPlan(long totalCents, int count, DateOnly firstDueOn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(totalCents);
        var each = totalCents / count;
        var remainder = totalCents - (each * count);
        var plan = new Instalment[count];
        for (var i = 0; i < count; i++)
        {
            plan[i] = new(i + 1, firstDueOn.AddMonths(i), i == 0 ? each + remainder : each);
        }

        return plan;
    }
}

using Talus.Clinical;

namespace Talus.Web.Features.Billing;

public sealed record PayInFullOption(decimal DiscountPercent, long DiscountCents, long AmountCents);

public sealed record DepositOption(decimal DepositPercent, long DepositCents, long BalanceCents);

public sealed record InstalmentOption(int Count, IReadOnlyList<Instalment> Instalments, long TotalCents);

/// <summary>The payment options offered for a patient responsibility, all in cents ("USD").</summary>
public sealed record PaymentOptionsView(string Currency, long ResponsibilityCents, PayInFullOption PayInFull, DepositOption Deposit, IReadOnlyList<InstalmentOption> Plans);

/// <summary>Pay in full with the practice's discount, a deposit and the balance, or monthly instalments that add up exactly.</summary>
public static class PaymentOptions
{
    public static PaymentOptionsView For(long responsibilityCents, BillingSettings settings, DateOnly firstDueOn)
    {
        var discount = Percent(responsibilityCents, settings.PayInFullDiscountPercent);
        var deposit = Percent(responsibilityCents, settings.DepositPercent);
        var plans = settings.InstalmentCounts.Order()
            .Select(n => EpisodePricing.PaymentPlan(responsibilityCents, n, firstDueOn))
            .Select(p => new InstalmentOption(p.Count, p, p.Sum(i => i.Cents))).ToList();
        return new("USD", responsibilityCents, new(settings.PayInFullDiscountPercent, discount, responsibilityCents - discount),
            new(settings.DepositPercent, deposit, responsibilityCents - deposit), plans);
    }

    /// <summary>A percent of an amount in whole cents, half away from zero.</summary>
    public static long Percent(long cents, decimal percent) => (long)Math.Round(cents * percent / 100m, MidpointRounding.AwayFromZero);
}

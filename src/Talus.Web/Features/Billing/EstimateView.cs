using Talus.Clinical;

namespace Talus.Web.Features.Billing;

public sealed record EstimateLineView(Guid Id, int Order, PriceItemKind? Kind, string Description, string ServiceCode, string? Modifier, int Quantity,
    long UnitCents, long TotalCents, bool SeparatelyScheduled, PayerDecision? PayerDecision, long PatientCents);

/// <summary>The lines billed by one provider or facility, with its identity as copied into the estimate (SPEC §7.2 element 5).</summary>
public sealed record EstimateProviderView(string Name, string Npi, string Tin, string Address, string City, string State, string PostalCode,
    IReadOnlyList<EstimateLineView> Lines, long TotalCents, long PatientCents);

/// <summary>An estimate version as the API and the pages show it: money in integer cents, currency "USD".</summary>
public sealed record EstimateView(Guid Id, Guid PatientId, Guid SeriesId, int Version, EstimateStatus Status, int LocationId, int? PriceBookId,
    Guid? TreatmentPlanId, string Title, IReadOnlyList<string> DiagnosisCodes, CoverageStatus Coverage, string? PayerName, string Currency,
    IReadOnlyList<EstimateProviderView> Providers, IReadOnlyList<EstimateLineView> SeparatelyScheduled, long TotalCents,
    long PatientResponsibilityCents, PaymentOption? PaymentOption, long DiscountCents, long DepositCents, int InstalmentCount,
    IReadOnlyList<Instalment> Instalments, DateTime CreatedAt, string? CreatedBy, DateTime? PresentedAt, DateTime? AcceptedAt, DateTime? SupersededAt)
{
    public static EstimateView From(Estimate e)
    {
        static EstimateLineView Line(EstimateLine l) => new(l.Id, l.Order, l.Kind, l.Description, l.ServiceCode, l.Modifier, l.Quantity, l.UnitCents,
            l.TotalCents, l.SeparatelyScheduled, l.PayerDecision, l.PatientCents);
        var lines = e.Lines.OrderBy(l => l.Order).ToList();
        var inEpisode = lines.Where(l => !l.SeparatelyScheduled).ToList();
        // Per-provider totals by the pricing rules, grouped by NPI (SPEC §7.2 element 3).
        var perProvider = EpisodePricing.Estimate([.. inEpisode.Select(Estimates.ToRuleLine)]).PerProvider.ToDictionary(p => p.ProviderId, p => p.Cents);
        var providers = inEpisode.GroupBy(l => l.EntityNpi).Select(g =>
        {
            var f = g.First();
            return new EstimateProviderView(f.EntityName, f.EntityNpi, f.EntityTin, f.EntityAddress, f.EntityCity, f.EntityState, f.EntityPostalCode,
                [.. g.Select(Line)], perProvider.GetValueOrDefault(g.Key), g.Sum(l => l.PatientCents));
        }).ToList();
        var plan = e.PaymentOption == Billing.PaymentOption.Instalments && e.FirstInstalmentDue is { } first
            ? EpisodePricing.PaymentPlan(e.PatientResponsibilityCents, e.InstalmentCount, first)
            : [];
        return new(e.Id, e.PatientId, e.SeriesId, e.Version, e.Status, e.LocationId, e.PriceBookId, e.TreatmentPlanId, e.Title,
            e.DiagnosisCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries), e.Coverage, e.PayerName, e.Currency, providers,
            [.. lines.Where(l => l.SeparatelyScheduled).Select(Line)], e.TotalCents, e.PatientResponsibilityCents, e.PaymentOption, e.DiscountCents,
            e.DepositCents, e.InstalmentCount, plan, e.CreatedAt, e.CreatedBy, e.PresentedAt, e.AcceptedAt, e.SupersededAt);
    }

    /// <summary>What the patient pays with the chosen option (pay in full takes the discount off).</summary>
    public long AmountDueCents => PatientResponsibilityCents - DiscountCents;
}

public sealed record PriceItemView(int Id, PriceItemKind Kind, InjectionProduct? Product, string Description, string ServiceCode, long UnitCents,
    string Currency, int BillingEntityId, string? BilledBy);

public sealed record PriceBookView(int Id, int LocationId, int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, PriceBookStatus Status,
    DateTime CreatedAt, string? CreatedBy, IReadOnlyList<PriceItemView> Items)
{
    public static PriceBookView From(PriceBook b, IReadOnlyDictionary<int, string>? entityNames = null) => new(b.Id, b.LocationId, b.Version,
        b.EffectiveFrom, b.EffectiveTo, b.Status, b.CreatedAt, b.CreatedBy,
        [.. b.Items.OrderBy(i => i.Kind).ThenBy(i => i.Id).Select(i => new PriceItemView(i.Id, i.Kind, i.Product, i.Description, i.ServiceCode,
            i.UnitCents, i.Currency, i.BillingEntityId, i.BillingEntity?.Name ?? entityNames?.GetValueOrDefault(i.BillingEntityId)))]);
}

public sealed record BillingEntityView(int Id, int LocationId, BillingEntityKind Kind, string Name, string Npi, string Tin, string AddressLine,
    string City, string State, string PostalCode)
{
    public static BillingEntityView From(BillingEntity e) => new(e.Id, e.LocationId, e.Kind, e.Name, e.Npi, e.Tin, e.AddressLine, e.City, e.State, e.PostalCode);
}

public sealed record CoverageView(Guid Id, CoverageStatus Status, string? PayerName, DateTime RecordedAt, string? RecordedBy)
{
    public static CoverageView From(Coverage c) => new(c.Id, c.Status, c.PayerName, c.RecordedAt, c.RecordedBy);
}

public sealed record PayerRuleView(int Id, string PayerName, PriceItemKind? Kind, string? ServiceCode, PayerDecision Decision)
{
    public static PayerRuleView From(PayerRule r) => new(r.Id, r.PayerName, r.Kind, r.ServiceCode, r.Decision);
}

namespace Talus.Clinical;

/// <summary>One priced line: what, by whom, how many, at what unit price (integer cents).</summary>
public sealed record EstimateLine(
    string ProviderId,
    string ServiceCode,
    string Description,
    long UnitPriceCents,
    int Quantity = 1,
    IReadOnlyList<string>? DiagnosisCodes = null)
{
    public long TotalCents => checked(UnitPriceCents * Quantity);
}

/// <summary>A provider or facility represented in a GFE (SPEC §7.2 element 5).</summary>
public sealed record GfeProvider(string Id, string? Name, string? Npi, string? Tin, string? State, string? Location);

/// <summary>A Good Faith Estimate as issued to an uninsured or self-pay patient (45 CFR 149.610(c)).</summary>
public sealed record GfeDocument
{
    public string? PatientName { get; init; }
    public DateOnly? PatientDateOfBirth { get; init; }
    public string? PrimaryServiceDescription { get; init; }
    public DateOnly? ScheduledServiceDate { get; init; }
    public IReadOnlyList<EstimateLine> Items { get; init; } = [];
    public IReadOnlyList<GfeProvider> Providers { get; init; } = [];
    /// <summary>Element 6; null = not stated, empty = "none anticipated" stated.</summary>
    public IReadOnlyList<string>? SeparatelyScheduledItems { get; init; }
    public bool AdditionalItemsDisclaimer { get; init; }
    public bool EstimateOnlyDisclaimer { get; init; }
    public bool DisputeRightsDisclaimer { get; init; }
    public bool NotAContractDisclaimer { get; init; }
}

/// <summary>A required element of §7.2 that is missing or incomplete.</summary>
public sealed record GfeMissingElement(int Number, string Element, string Detail);

/// <summary>When the GFE is due; <see cref="Required"/> is false when the trigger does not oblige one.</summary>
public sealed record GfeDeadline(bool Required, DateOnly? DueBy, int LeadBusinessDays, Reason Reason);

/// <summary>Whether a changed estimate must be re-issued, what changed, and the last day to issue it.</summary>
public sealed record GfeReissue(bool Required, IReadOnlyList<Reason> Changes, DateOnly? IssueBy);

public sealed record ProviderAmount(string ProviderId, long Cents);

public sealed record ProviderDispute(string ProviderId, long ExpectedCents, long BilledCents, long ExcessCents, bool ExceedsThreshold);

/// <summary>Patient-provider dispute resolution eligibility, evaluated per provider (45 CFR 149.620).</summary>
public sealed record DisputeEligibility(
    bool Eligible,
    IReadOnlyList<ProviderDispute> Providers,
    DateOnly InitiateBy,
    bool WithinWindow,
    long FeeCents,
    string FeeText,
    Reason Reason);

/// <summary>No Surprises Act GFE numbers (SPEC §7.2; 45 CFR 149.610 and 149.620). Money in cents.</summary>
public sealed record GoodFaithEstimateSettings
{
    public BusinessCalendar Calendar { get; init; } = new();
    // §7.2: scheduled ≥ 10 business days ahead → GFE within 3 business days
    public int LongLeadBusinessDays { get; init; } = 10;
    public int LongLeadDueBusinessDays { get; init; } = 3;
    // §7.2: scheduled 3–9 business days ahead → within 1 business day; < 3 → no scheduling-triggered GFE
    public int ShortLeadBusinessDays { get; init; } = 3;
    public int ShortLeadDueBusinessDays { get; init; } = 1;
    // §7.2: on request → within 3 business days
    public int RequestDueBusinessDays { get; init; } = 3;
    // §7.2: change in scope → new GFE ≥ 1 business day before the service
    public int ReissueBeforeServiceBusinessDays { get; init; } = 1;
    // §7.2, 45 CFR 149.620(a)(2)(ii): billed ≥ $400 over expected for that provider
    public long DisputeThresholdCents { get; init; } = 40_000;
    // §7.2: initiate within 120 calendar days of the initial bill
    public int DisputeWindowDays { get; init; } = 120;
    // §7.2, §10 #13: $25 administrative fee (CMS wording)
    public long DisputeFeeCents { get; init; } = 2_500;
}

/// <summary>Good Faith Estimate rules for uninsured and self-pay patients (SPEC §7.2).</summary>
public static class GoodFaithEstimate
{
    private const string TimingSource = "SPEC §7.2; 45 CFR 149.610(b)";

    /// <summary>
    /// Deadline triggered by scheduling. Lead = business days d with scheduledOn &lt; d ≤ serviceOn; ≥ 10 → 3 business
    /// days, 3–9 → 1 business day, &lt; 3 → no scheduling-triggered GFE (a request still triggers one).
    /// </summary>
    public static GfeDeadline AfterScheduling(DateOnly scheduledOn, DateOnly serviceOn, GoodFaithEstimateSettings settings)
    {
        var lead = BusinessDays.CountBetween(scheduledOn, serviceOn, settings.Calendar);
        if (lead >= settings.LongLeadBusinessDays)
        {
            var due = BusinessDays.Add(scheduledOn, settings.LongLeadDueBusinessDays, settings.Calendar);
            return new(true, due, lead, Timing("GFE-10", $"Scheduled {lead} business days ahead (≥ {settings.LongLeadBusinessDays}): GFE due within {settings.LongLeadDueBusinessDays} business days, by {due:yyyy-MM-dd}.", due));
        }

        if (lead >= settings.ShortLeadBusinessDays)
        {
            var due = BusinessDays.Add(scheduledOn, settings.ShortLeadDueBusinessDays, settings.Calendar);
            return new(true, due, lead, Timing("GFE-3", $"Scheduled {lead} business days ahead ({settings.ShortLeadBusinessDays}–{settings.LongLeadBusinessDays - 1}): GFE due within {settings.ShortLeadDueBusinessDays} business day, by {due:yyyy-MM-dd}.", due));
        }

        return new(false, null, lead, new("GFE-LT3",
            $"Scheduled {lead} business days ahead (< {settings.ShortLeadBusinessDays}): no scheduling-triggered GFE; a request still requires one within {settings.RequestDueBusinessDays} business days.",
            "You can still ask us for a written cost estimate at any time.", TimingSource));
    }

    /// <summary>Deadline when the patient asks for an estimate or about cost: 3 business days.</summary>
    public static GfeDeadline AfterRequest(DateOnly requestedOn, GoodFaithEstimateSettings settings)
    {
        var due = BusinessDays.Add(requestedOn, settings.RequestDueBusinessDays, settings.Calendar);
        return new(true, due, 0, Timing("GFE-REQ", $"GFE requested: due within {settings.RequestDueBusinessDays} business days, by {due:yyyy-MM-dd}.", due));
    }

    /// <summary>
    /// A change in items, charges, providers or recurrences after issue requires a new GFE at least 1 business
    /// day before the service (SPEC §7.2).
    /// </summary>
    public static GfeReissue CheckReissue(GfeDocument issued, GfeDocument current, DateOnly serviceOn, GoodFaithEstimateSettings settings)
    {
        var changes = new List<Reason>();
        foreach (var p in current.Providers)
        {
            if (!issued.Providers.Any(q => q.Id == p.Id))
            {
                changes.Add(Change("GFE-RE-PROVIDER", $"Provider added: {p.Name ?? p.Id}."));
            }
        }

        foreach (var q in issued.Providers)
        {
            if (!current.Providers.Any(p => p.Id == q.Id))
            {
                changes.Add(Change("GFE-RE-PROVIDER", $"Provider removed: {q.Name ?? q.Id}."));
            }
        }

        foreach (var line in current.Items)
        {
            var before = issued.Items.FirstOrDefault(i => SameItem(i, line));
            if (before is null)
            {
                changes.Add(Change("GFE-RE-ITEM", $"Item added: {line.ServiceCode} {line.Description} ({line.ProviderId})."));
                continue;
            }

            if (before.UnitPriceCents != line.UnitPriceCents)
            {
                changes.Add(Change("GFE-RE-CHARGE", $"Charge changed for {line.ServiceCode}: {Dollars.Format(before.UnitPriceCents)} → {Dollars.Format(line.UnitPriceCents)}."));
            }

            if (before.Quantity != line.Quantity)
            {
                changes.Add(Change("GFE-RE-RECURRENCE", $"Recurrences changed for {line.ServiceCode}: {before.Quantity} → {line.Quantity}."));
            }
        }

        foreach (var line in issued.Items)
        {
            if (!current.Items.Any(i => SameItem(i, line)))
            {
                changes.Add(Change("GFE-RE-ITEM", $"Item removed: {line.ServiceCode} {line.Description} ({line.ProviderId})."));
            }
        }

        return changes.Count == 0
            ? new(false, changes, null)
            : new(true, changes, BusinessDays.Add(serviceOn, -settings.ReissueBeforeServiceBusinessDays, settings.Calendar));
    }

    /// <summary>Every required element of 45 CFR 149.610(c) (SPEC §7.2, 1–10) that is missing, by number and name.</summary>
    public static IReadOnlyList<GfeMissingElement> Validate(GfeDocument gfe)
    {
        var missing = new List<GfeMissingElement>();
        var who = new List<string>(2);
        if (string.IsNullOrWhiteSpace(gfe.PatientName))
        {
            who.Add("patient name");
        }

        if (gfe.PatientDateOfBirth is null)
        {
            who.Add("date of birth");
        }

        if (who.Count > 0)
        {
            missing.Add(new(1, "Patient name and date of birth", "Missing " + string.Join(" and ", who) + "."));
        }

        if (string.IsNullOrWhiteSpace(gfe.PrimaryServiceDescription))
        {
            missing.Add(new(2, "Description of the primary item or service", "Describe the primary service in clear, understandable language."));
        }

        if (gfe.Items.Count == 0)
        {
            missing.Add(new(3, "Itemized list grouped by provider/facility", "No items listed."));
        }
        else
        {
            var orphans = gfe.Items.Where(i => !gfe.Providers.Any(p => p.Id == i.ProviderId)).Select(i => i.ServiceCode).ToList();
            if (orphans.Count > 0)
            {
                missing.Add(new(3, "Itemized list grouped by provider/facility", "Items without a listed provider: " + string.Join(", ", orphans) + "."));
            }
        }

        var incomplete = new List<string>();
        foreach (var item in gfe.Items)
        {
            var gaps = new List<string>(3);
            if (item.DiagnosisCodes is not { Count: > 0 })
            {
                gaps.Add("diagnosis code");
            }

            if (string.IsNullOrWhiteSpace(item.ServiceCode))
            {
                gaps.Add("service code");
            }

            if (item.UnitPriceCents < 0 || item.Quantity < 1)
            {
                gaps.Add("expected charge");
            }

            if (gaps.Count > 0)
            {
                incomplete.Add($"{(string.IsNullOrWhiteSpace(item.Description) ? item.ServiceCode : item.Description)}: {string.Join(", ", gaps)}");
            }
        }

        if (gfe.Items.Count == 0)
        {
            incomplete.Add("no items, so no diagnosis codes, service codes or expected charges");
        }

        if (incomplete.Count > 0)
        {
            missing.Add(new(4, "Diagnosis codes, service codes and expected charges", string.Join("; ", incomplete) + "."));
        }

        var providerGaps = new List<string>();
        foreach (var p in gfe.Providers)
        {
            var gaps = new List<string>(5);
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                gaps.Add("name");
            }

            if (!IsDigits(p.Npi, 10))
            {
                gaps.Add("NPI (10 digits)");
            }

            if (!IsDigits(p.Tin?.Replace("-", "", StringComparison.Ordinal), 9))
            {
                gaps.Add("TIN (9 digits)");
            }

            if (string.IsNullOrWhiteSpace(p.State))
            {
                gaps.Add("state");
            }

            if (string.IsNullOrWhiteSpace(p.Location))
            {
                gaps.Add("office/facility location");
            }

            if (gaps.Count > 0)
            {
                providerGaps.Add($"{p.Name ?? p.Id}: {string.Join(", ", gaps)}");
            }
        }

        if (gfe.Providers.Count == 0)
        {
            providerGaps.Add("no provider or facility listed");
        }

        if (providerGaps.Count > 0)
        {
            missing.Add(new(5, "Name, NPI and TIN of each provider/facility, and state(s) and location(s)", string.Join("; ", providerGaps) + "."));
        }

        if (gfe.SeparatelyScheduledItems is null)
        {
            missing.Add(new(6, "Items/services requiring separate scheduling", "List them (e.g. MRI, follow-up injection) or state that none are anticipated."));
        }

        if (!gfe.AdditionalItemsDisclaimer)
        {
            missing.Add(new(7, "Disclaimer: additional items may be recommended and scheduled separately", "Add the disclaimer."));
        }

        if (!gfe.EstimateOnlyDisclaimer)
        {
            missing.Add(new(8, "Disclaimer: this is only an estimate; actual items, services or charges may differ", "Add the disclaimer."));
        }

        if (!gfe.DisputeRightsDisclaimer)
        {
            missing.Add(new(9, "Disclaimer: right to patient-provider dispute resolution", "Add the disclaimer, where to find information, and that disputing will not affect the quality of care."));
        }

        if (!gfe.NotAContractDisclaimer)
        {
            missing.Add(new(10, "Disclaimer: the GFE is not a contract", "Add the disclaimer that the GFE does not require the patient to obtain services from any listed provider."));
        }

        return missing;
    }

    /// <summary>
    /// Dispute eligibility: billed ≥ $400 over the GFE's expected total for that provider or facility, each
    /// provider on its own; the patient must start within 120 calendar days of the initial bill.
    /// </summary>
    public static DisputeEligibility CheckDispute(GfeDocument gfe, IReadOnlyList<ProviderAmount> billed, DateOnly initialBillOn, DateOnly today, GoodFaithEstimateSettings settings)
    {
        var providers = new List<ProviderDispute>();
        var ids = gfe.Items.Select(i => i.ProviderId).Concat(billed.Select(b => b.ProviderId)).Distinct();
        foreach (var id in ids)
        {
            var expected = gfe.Items.Where(i => i.ProviderId == id).Sum(i => i.TotalCents);
            var charged = billed.Where(b => b.ProviderId == id).Sum(b => b.Cents);
            var excess = charged - expected;
            providers.Add(new(id, expected, charged, excess, excess >= settings.DisputeThresholdCents));
        }

        var initiateBy = initialBillOn.AddDays(settings.DisputeWindowDays);
        var within = today <= initiateBy;
        var exceeds = providers.Any(p => p.ExceedsThreshold);
        var feeText = $"To start a dispute you pay an administrative fee of {Dollars.Format(settings.DisputeFeeCents)} (CMS: non-refundable). While the dispute is pending, the bill may not be sent to collections.";
        var reason = exceeds
            ? new Reason("PPDR", $"Billed ≥ {Dollars.Format(settings.DisputeThresholdCents)} over the GFE for {string.Join(", ", providers.Where(p => p.ExceedsThreshold).Select(p => p.ProviderId))}; initiate by {initiateBy:yyyy-MM-dd}{(within ? "" : " (window closed)")}.",
                $"Your bill from at least one provider is {Dollars.Format(settings.DisputeThresholdCents)} or more above the estimate. You can ask for an independent review until {initiateBy:d MMMM yyyy}.",
                "SPEC §7.2; 45 CFR 149.620(a)(2)(ii)")
            : new Reason("PPDR", $"No provider billed ≥ {Dollars.Format(settings.DisputeThresholdCents)} over its expected charges.",
                "Your bills are within the range the estimate allows for.", "SPEC §7.2; 45 CFR 149.620");
        return new(exceeds && within, providers, initiateBy, within, settings.DisputeFeeCents, feeText, reason);
    }

    private static bool SameItem(EstimateLine a, EstimateLine b) =>
        a.ProviderId == b.ProviderId && a.ServiceCode == b.ServiceCode && a.Description == b.Description;

    private static Reason Timing(string code, string text, DateOnly due) =>
        new(code, text, $"You will receive a written cost estimate by {due:d MMMM yyyy}.", TimingSource);

    private static Reason Change(string code, string text) =>
        new(code, text + " Issue a new GFE at least 1 business day before the service.",
            "Something in your planned care or its cost has changed, so we will send you an updated estimate.", "SPEC §7.2; 45 CFR 149.610");

    private static bool IsDigits(string? value, int length)
    {
        if (value is null || value.Length != length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Formats cents as US dollars for text.</summary>
public static class Dollars
{
    public static string Format(long cents) =>
        (cents < 0 ? "-$" : "$") + (Math.Abs(cents) / 100).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)
        + (cents % 100 == 0 ? "" : "." + (Math.Abs(cents) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
}

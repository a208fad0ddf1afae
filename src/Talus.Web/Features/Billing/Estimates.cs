using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Plan;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>Build (or rebuild) the estimate of a treatment plan's episode from the price book in force.</summary>
public sealed class BuildEstimateInput
{
    [Required, Display(Name = "Treatment plan")] public Guid? TreatmentPlanId { get; set; }
    /// <summary>Where the episode takes place; the patient's preferred location when left out.</summary>
    [Range(1, int.MaxValue), Display(Name = "Location")] public int? LocationId { get; set; }
}

/// <summary>An empty estimate made by hand (lines are added one by one).</summary>
public sealed class NewEstimateInput
{
    [Required, Range(1, int.MaxValue), Display(Name = "Location")] public int? LocationId { get; set; }
    [Required, StringLength(200, MinimumLength = 3), Display(Name = "Primary service")] public string Title { get; set; } = "";
    /// <summary>ICD-10-CM codes separated by spaces (SPEC §8.1).</summary>
    [StringLength(200), RegularExpression(@"^\s*([A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?\s*)*$", ErrorMessage = "Diagnosis codes: ICD-10-CM codes separated by spaces, e.g. M19.071 M19.072."),
     Display(Name = "Diagnosis codes")]
    public string? DiagnosisCodes { get; set; }
}

/// <summary>A line added by hand: a price-book item, or a free line with its own code, price and provider.</summary>
public sealed class EstimateLineInput
{
    [Range(1, int.MaxValue), Display(Name = "Price-book item")] public int? PriceItemId { get; set; }
    [StringLength(200), Display(Name = "Description")] public string? Description { get; set; }
    [RegularExpression(@"^([0-9]{4}[0-9TF]|[A-V][0-9]{4})$", ErrorMessage = "Service code: a CPT code (e.g. 20606, 0232T) or an HCPCS code (e.g. J3301)."), Display(Name = "Service code")]
    public string? ServiceCode { get; set; }
    [RegularExpression("^(RT|LT|50|T[0-9A])$", ErrorMessage = "Modifier: RT, LT, 50 or a toe modifier (TA, T1–T9)."), Display(Name = "Modifier")]
    public string? Modifier { get; set; }
    [Range(1, 99, ErrorMessage = "Quantity must be between 1 and 99."), Display(Name = "Quantity")] public int Quantity { get; set; } = 1;
    [Range(0, 10_000_000_00L, ErrorMessage = "The unit price must be between $0 and $10,000,000, in cents."), Display(Name = "Unit price (cents)")]
    public long? UnitCents { get; set; }
    [Range(1, int.MaxValue), Display(Name = "Billed by")] public int? BillingEntityId { get; set; }
    [Display(Name = "Scheduled separately")] public bool SeparatelyScheduled { get; set; }
}

/// <summary>The payment option the patient chose.</summary>
public sealed class PaymentChoiceInput
{
    [Required, Display(Name = "Payment option")] public PaymentOption? Option { get; set; }
    [Range(2, 60), Display(Name = "Number of payments")] public int? InstalmentCount { get; set; }
    [Display(Name = "First payment due")] public DateOnly? FirstDueOn { get; set; }
}

/// <summary>
/// The episode estimate's use cases. A draft is changed freely; a presented estimate never changes (its lines, totals
/// and codes): a revision makes the next version, which supersedes it when presented in turn.
/// </summary>
public static class Estimates
{
    private const string Frozen = "This estimate version was presented to the patient and cannot change: revise it to make the next version.";

    public static async Task<Outcome<Estimate>> BuildFromPlanAsync(Guid patientId, BuildEstimateInput input, string? by, ClinicDb db, TimeProvider clock,
        BillingSettings settings, ProcedureCodingSettings coding, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.PreferredLocationId }).FirstOrDefaultAsync(ct);
        if (patient is null)
        {
            return Outcome.NotFound("No such patient.");
        }
        var plan = await db.TreatmentPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.TreatmentPlanId && p.PatientId == patientId, ct);
        if (plan is null)
        {
            return Outcome.Invalid("treatmentPlanId", "No treatment plan with this id for this patient.");
        }
        if (!plan.IsCurrent)
        {
            return Outcome.Invalid("treatmentPlanId", $"Plan version {plan.Version} was superseded: build the estimate from the current version.");
        }
        var locationId = input.LocationId ?? patient.PreferredLocationId ?? await db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync(ct);
        var zone = await db.Locations.Where(l => l.Id == locationId).Select(l => l.TimeZone).FirstOrDefaultAsync(ct);
        if (zone is null)
        {
            return Outcome.Invalid("locationId", "No such location.");
        }
        var book = await PriceBooks.ForDateAsync(db, locationId, PracticeClock.Today(clock, zone), ct);
        if (book is null)
        {
            return Outcome.Refused("This location has no active price book: the financial counselor activates one first.");
        }

        var wanted = EpisodeItems.For(plan, settings, coding);
        var missing = wanted.Where(w => FindItem(book, w) is null).Select(w => Labels.Of(w.Kind) + (w.Product is { } p ? $" ({Labels.Of(p)})" : "")).Distinct().ToList();
        if (missing.Count > 0)
        {
            return Outcome.Refused($"Price book version {book.Version} has no price for: {string.Join(", ", missing)}. Add them to the price book first.");
        }

        var laterality = plan.Side == Side.Right ? CodingLaterality.Right : CodingLaterality.Left;
        var diagnosis = DiagnosisCoding.Select(plan.Joint, OaDiagnosisType.Undocumented, laterality).Codes.Select(c => c.Code);
        var procedure = plan.Product is { } product ? ProcedureCoding.Select(plan.Joint, product, ImageGuidance.Ultrasound, laterality, coding) : null;
        var procedureCode = procedure is { Errors.Count: 0, Codes.Count: > 0 } ? procedure.Codes[0] : null;

        var series = await SeriesOfPlanAsync(db, plan, ct);
        var estimate = series.FirstOrDefault(e => e.Status == EstimateStatus.Draft);
        if (estimate is null)
        {
            var latest = series.FirstOrDefault();
            estimate = New(patientId, locationId, Title(plan), by, clock);
            if (latest is not null)
            {
                estimate.SeriesId = latest.SeriesId;
                estimate.Version = latest.Version + 1;
            }
            db.Estimates.Add(estimate);
        }
        else
        {
            db.EstimateLines.RemoveRange(estimate.Lines);
            estimate.Lines.Clear();
            estimate.Title = Title(plan);
            estimate.LocationId = locationId;
        }
        estimate.TreatmentPlanId = plan.Id;
        estimate.PriceBookId = book.Id;
        estimate.DiagnosisCodes = string.Join(' ', diagnosis);
        foreach (var w in wanted)
        {
            var item = FindItem(book, w)!;
            var line = LineFrom(item, estimate, w.Quantity);
            line.SeparatelyScheduled = w.SeparatelyScheduled;
            if (w.SeparatelyScheduled)
            {
                line.Description = "Possible repeat within 12 months: " + line.Description;
            }
            // The injection's expected service code comes from the coding rules (SPEC §8.2), with its side modifier.
            if (procedureCode is not null && IsCodedByRule(w.Kind))
            {
                line.ServiceCode = procedureCode.Code;
                line.Modifier = procedureCode.Modifier;
            }
            estimate.Lines.Add(line);
            // A line with its id set under a tracked estimate would be taken for an existing row: add it explicitly.
            db.EstimateLines.Add(line);
        }
        await PriceAsync(estimate, db, ct);
        await db.SaveChangesAsync(ct);
        return estimate;
    }

    public static async Task<Outcome<Estimate>> NewByHandAsync(Guid patientId, NewEstimateInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound("No such patient.");
        }
        if (!await db.Locations.AnyAsync(l => l.Id == input.LocationId, ct))
        {
            return Outcome.Invalid("locationId", "No such location.");
        }
        var estimate = New(patientId, input.LocationId!.Value, input.Title.Trim(), by, clock);
        estimate.DiagnosisCodes = string.Join(' ', (input.DiagnosisCodes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        await PriceAsync(estimate, db, ct);
        db.Estimates.Add(estimate);
        await db.SaveChangesAsync(ct);
        return estimate;
    }

    public static async Task<Outcome<Estimate>> AddLineAsync(Guid patientId, Guid estimateId, EstimateLineInput input, ClinicDb db, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var draft = await LoadDraftAsync(db, patientId, estimateId, ct);
        if (!draft.IsOk)
        {
            return Outcome.FailureOf(draft);
        }
        var estimate = draft.Value!;
        EstimateLine line;
        if (input.PriceItemId is { } itemId)
        {
            var item = await db.PriceItems.AsNoTracking().Include(i => i.BillingEntity)
                .Where(i => i.Id == itemId && db.PriceBooks.Any(b => b.Id == i.PriceBookId && b.LocationId == estimate.LocationId && b.Status != PriceBookStatus.Draft))
                .FirstOrDefaultAsync(ct);
            if (item is null)
            {
                return Outcome.Invalid("priceItemId", "No such item in a price book of this estimate's location.");
            }
            line = LineFrom(item, estimate, input.Quantity);
            line.Modifier = input.Modifier;
        }
        else
        {
            var errors = new FieldErrors();
            if (string.IsNullOrWhiteSpace(input.Description) || input.Description.Trim().Length < 2)
            {
                errors.Add("description", "Describe the item (or choose a price-book item).");
            }
            if (string.IsNullOrEmpty(input.ServiceCode))
            {
                errors.Add("serviceCode", "Give the item's CPT or HCPCS code.");
            }
            if (input.UnitCents is null)
            {
                errors.Add("unitCents", "Give the unit price in cents.");
            }
            var entity = input.BillingEntityId is { } entityId
                ? await db.BillingEntities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId && e.LocationId == estimate.LocationId, ct)
                : null;
            if (entity is null)
            {
                errors.Add("billingEntityId", "Choose the provider or facility of this location that bills the item.");
            }
            if (errors.ToFailure() is { } bad)
            {
                return bad;
            }
            line = Snapshot(new EstimateLine
            {
                Description = input.Description!.Trim(), ServiceCode = input.ServiceCode!, Modifier = input.Modifier, Quantity = input.Quantity,
                UnitCents = input.UnitCents!.Value, EntityName = "", EntityNpi = "", EntityTin = "", EntityAddress = "", EntityCity = "",
                EntityState = "", EntityPostalCode = "",
            }, entity!);
        }
        line.EstimateId = estimate.Id;
        line.PatientId = estimate.PatientId;
        line.SeparatelyScheduled = input.SeparatelyScheduled;
        line.Order = estimate.Lines.Count == 0 ? 1 : estimate.Lines.Max(l => l.Order) + 1;
        estimate.Lines.Add(line);
        db.EstimateLines.Add(line);
        await PriceAsync(estimate, db, ct);
        await db.SaveChangesAsync(ct);
        return estimate;
    }

    public static async Task<Outcome<Estimate>> RemoveLineAsync(Guid patientId, Guid estimateId, Guid lineId, ClinicDb db, CancellationToken ct)
    {
        var draft = await LoadDraftAsync(db, patientId, estimateId, ct);
        if (!draft.IsOk)
        {
            return Outcome.FailureOf(draft);
        }
        var estimate = draft.Value!;
        if (estimate.Lines.FirstOrDefault(l => l.Id == lineId) is not { } line)
        {
            return Outcome.NotFound("No such estimate line.");
        }
        estimate.Lines.Remove(line);
        db.EstimateLines.Remove(line);
        await PriceAsync(estimate, db, ct);
        await db.SaveChangesAsync(ct);
        return estimate;
    }

    /// <summary>Records the coverage the estimate is priced with (the patient's latest answer) again, on a draft.</summary>
    public static async Task<Outcome<Estimate>> RepriceAsync(Guid patientId, Guid estimateId, ClinicDb db, CancellationToken ct)
    {
        var draft = await LoadDraftAsync(db, patientId, estimateId, ct);
        if (!draft.IsOk)
        {
            return Outcome.FailureOf(draft);
        }
        var estimate = draft.Value!;
        await PriceAsync(estimate, db, ct);
        await db.SaveChangesAsync(ct);
        return estimate;
    }

    /// <summary>Starts the next version (a draft copy) of a presented, accepted or superseded estimate.</summary>
    public static async Task<Outcome<Estimate>> ReviseAsync(Guid patientId, Guid estimateId, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var source = await LoadAsync(db, patientId, estimateId, ct);
        if (source is null)
        {
            return Outcome.NotFound("No such estimate.");
        }
        var latest = await db.Estimates.AsNoTracking().Where(e => e.SeriesId == source.SeriesId).OrderByDescending(e => e.Version)
            .Select(e => new { e.Id, e.Version, e.Status }).FirstAsync(ct);
        if (latest.Status == EstimateStatus.Draft)
        {
            return Outcome.Conflict($"Version {latest.Version} of this estimate is already a draft: change that one.",
                new Dictionary<string, object?> { ["draftId"] = latest.Id });
        }
        var next = New(patientId, source.LocationId, source.Title, by, clock);
        next.SeriesId = source.SeriesId;
        next.Version = latest.Version + 1;
        next.TreatmentPlanId = source.TreatmentPlanId;
        next.EpisodeId = source.EpisodeId;
        next.PriceBookId = source.PriceBookId;
        next.DiagnosisCodes = source.DiagnosisCodes;
        foreach (var l in source.Lines.OrderBy(l => l.Order))
        {
            next.Lines.Add(new EstimateLine
            {
                EstimateId = next.Id, PatientId = patientId, Order = l.Order, Kind = l.Kind, Description = l.Description, ServiceCode = l.ServiceCode,
                Modifier = l.Modifier, Quantity = l.Quantity, UnitCents = l.UnitCents, SeparatelyScheduled = l.SeparatelyScheduled,
                BillingEntityId = l.BillingEntityId, EntityName = l.EntityName, EntityNpi = l.EntityNpi, EntityTin = l.EntityTin,
                EntityAddress = l.EntityAddress, EntityCity = l.EntityCity, EntityState = l.EntityState, EntityPostalCode = l.EntityPostalCode,
            });
        }
        await PriceAsync(next, db, ct);
        db.Estimates.Add(next);
        await db.SaveChangesAsync(ct);
        return next;
    }

    /// <summary>Shows a draft to the patient: from now on it never changes, and the version it replaces is superseded.</summary>
    public static async Task<Outcome<Estimate>> PresentAsync(Guid patientId, Guid estimateId, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var estimate = await LoadAsync(db, patientId, estimateId, ct);
        if (estimate is null)
        {
            return Outcome.NotFound("No such estimate.");
        }
        if (estimate.IsFrozen)
        {
            return Outcome.Refused($"This estimate version is already {estimate.Status.ToString().ToLowerInvariant()}.");
        }
        if (!estimate.Lines.Any(l => !l.SeparatelyScheduled))
        {
            return Outcome.Refused("An estimate without items cannot be presented.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var earlier = await db.Estimates.Where(e => e.SeriesId == estimate.SeriesId && e.Id != estimate.Id
            && (e.Status == EstimateStatus.Presented || e.Status == EstimateStatus.Accepted)).ToListAsync(ct);
        foreach (var e in earlier)
        {
            e.Status = EstimateStatus.Superseded;
            e.SupersededAt = now;
            e.Concurrency = Guid.NewGuid();
        }
        estimate.Status = EstimateStatus.Presented;
        estimate.PresentedAt = now;
        estimate.PresentedBy = by;
        estimate.Concurrency = Guid.NewGuid();
        if (earlier.Count > 0)
        {
            // The consent binds the estimate version the patient saw: a new version replacing it asks for consent again.
            await Consent.SupersedeConsents.ForEstimateChangeAsync(patientId, estimate.Id, estimate.Version, db, clock, ct);
        }
        await db.SaveChangesAsync(ct);
        return estimate;
    }

    /// <summary>Records that the patient accepted a presented estimate (and the payment option, if chosen).</summary>
    public static async Task<Outcome<Estimate>> AcceptAsync(Guid patientId, Guid estimateId, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var estimate = await LoadAsync(db, patientId, estimateId, ct);
        if (estimate is null)
        {
            return Outcome.NotFound("No such estimate.");
        }
        if (estimate.Status != EstimateStatus.Presented)
        {
            return Outcome.Refused("Only an estimate presented to the patient (and not replaced since) can be accepted.");
        }
        estimate.Status = EstimateStatus.Accepted;
        estimate.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        estimate.Concurrency = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return estimate;
    }

    /// <summary>
    /// Records the patient's payment option (a draft or a presented estimate; the option does not change the items or
    /// their prices). Instalments must be a plan the practice offers.
    /// </summary>
    public static async Task<Outcome<Estimate>> ChoosePaymentAsync(Guid patientId, Guid estimateId, PaymentChoiceInput input, ClinicDb db, TimeProvider clock,
        BillingSettings settings, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var estimate = await LoadAsync(db, patientId, estimateId, ct);
        if (estimate is null)
        {
            return Outcome.NotFound("No such estimate.");
        }
        if (estimate.Status is EstimateStatus.Accepted or EstimateStatus.Superseded)
        {
            return Outcome.Refused($"This estimate version is {estimate.Status.ToString().ToLowerInvariant()}: its payment option no longer changes.");
        }
        var today = PracticeClock.Today(clock, await db.Locations.Where(l => l.Id == estimate.LocationId).Select(l => l.TimeZone).FirstAsync(ct));
        var option = input.Option!.Value;
        var firstDue = input.FirstDueOn ?? today.AddMonths(1);
        if (option == PaymentOption.Instalments)
        {
            if (input.InstalmentCount is not { } n || !settings.InstalmentCounts.Contains(n))
            {
                return Outcome.Invalid("instalmentCount", $"Choose one of the plans offered: {string.Join(", ", settings.InstalmentCounts.Order())} monthly payments.");
            }
            if (firstDue < today)
            {
                return Outcome.Invalid("firstDueOn", "The first payment is due today or later.");
            }
        }
        var offered = PaymentOptions.For(estimate.PatientResponsibilityCents, settings, firstDue);
        estimate.PaymentOption = option;
        estimate.DiscountCents = option == PaymentOption.PayInFull ? offered.PayInFull.DiscountCents : 0;
        estimate.DepositCents = option == PaymentOption.Deposit ? offered.Deposit.DepositCents : 0;
        estimate.InstalmentCount = option == PaymentOption.Instalments ? input.InstalmentCount!.Value : 0;
        estimate.FirstInstalmentDue = option == PaymentOption.Instalments ? firstDue : null;
        estimate.Concurrency = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return estimate;
    }

    /// <summary>
    /// Prices every line for the patient's latest coverage and the payer's rules, then the totals of the episode
    /// (separately scheduled lines are shown, not counted; totals via <see cref="EpisodePricing"/>).
    /// </summary>
    public static async Task PriceAsync(Estimate estimate, ClinicDb db, CancellationToken ct)
    {
        var coverage = await Coverages.CurrentAsync(estimate.PatientId, db, ct);
        // Never asked: priced as self-pay, the SPEC §7.1 default.
        estimate.Coverage = coverage?.Status ?? CoverageStatus.Uninsured;
        estimate.PayerName = coverage?.PayerName;
        var rules = estimate.PayerName is { } payer
            ? await db.PayerRules.AsNoTracking().Where(r => r.PayerName == payer).ToListAsync(ct)
            : [];
        foreach (var line in estimate.Lines)
        {
            line.PayerDecision = estimate.Coverage == CoverageStatus.InsuredBilling ? Coverages.Decide(rules, estimate.PayerName, line.Kind, line.ServiceCode) : null;
            line.PatientCents = Coverages.PatientCents(estimate.Coverage, line.PayerDecision ?? PayerDecision.NotCoveredExperimental, line.TotalCents);
        }
        var inEpisode = estimate.Lines.Where(l => !l.SeparatelyScheduled).ToList();
        estimate.TotalCents = EpisodePricing.Estimate([.. inEpisode.Select(ToRuleLine)]).TotalCents;
        estimate.PatientResponsibilityCents = inEpisode.Sum(l => l.PatientCents);
        estimate.PaymentOption = null;
        estimate.DiscountCents = estimate.DepositCents = 0;
        estimate.InstalmentCount = 0;
        estimate.FirstInstalmentDue = null;
        estimate.Concurrency = Guid.NewGuid();
    }

    /// <summary>A line as the pricing rules see it; the provider is its NPI.</summary>
    public static Clinical.EstimateLine ToRuleLine(EstimateLine l) =>
        new(l.EntityNpi, l.ServiceCode, l.Description, l.UnitCents, l.Quantity);

    public static Task<Estimate?> LoadAsync(ClinicDb db, Guid patientId, Guid estimateId, CancellationToken ct) =>
        db.Estimates.Include(e => e.Lines).FirstOrDefaultAsync(e => e.Id == estimateId && e.PatientId == patientId, ct);

    /// <summary>A draft to change: not found, or refused once presented (its content never changes again).</summary>
    private static async Task<Outcome<Estimate>> LoadDraftAsync(ClinicDb db, Guid patientId, Guid estimateId, CancellationToken ct)
    {
        var estimate = await LoadAsync(db, patientId, estimateId, ct);
        if (estimate is null)
        {
            return Outcome.NotFound("No such estimate.");
        }
        if (estimate.IsFrozen)
        {
            return Outcome.Refused(Frozen);
        }
        return estimate;
    }

    private static async Task<List<Estimate>> SeriesOfPlanAsync(ClinicDb db, TreatmentPlan plan, CancellationToken ct)
    {
        var plans = db.TreatmentPlans.Where(p => p.PatientId == plan.PatientId && p.Joint == plan.Joint && p.Side == plan.Side).Select(p => (Guid?)p.Id);
        return await db.Estimates.Include(e => e.Lines).Where(e => e.PatientId == plan.PatientId && plans.Contains(e.TreatmentPlanId))
            .OrderByDescending(e => e.Version).AsSplitQuery().ToListAsync(ct);
    }

    private static Estimate New(Guid patientId, int locationId, string title, string? by, TimeProvider clock)
    {
        var estimate = new Estimate
        {
            PatientId = patientId, Version = 1, Status = EstimateStatus.Draft, LocationId = locationId, Title = title,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by,
        };
        estimate.SeriesId = estimate.Id;
        return estimate;
    }

    private static string Title(TreatmentPlan plan)
    {
        var what = plan.Product is { } p ? Labels.Of(p) + " injection" : Labels.Of(plan.Alternative, "Treatment");
        return $"{what}, {Labels.Of(plan.Side).ToLowerInvariant()} {Labels.Of(plan.Joint).ToLowerInvariant()}";
    }

    public static PriceItem? FindItem(PriceBook book, EpisodeItem wanted) =>
        book.Items.Where(i => i.Kind == wanted.Kind && (wanted.Product is null || i.Product == wanted.Product)).OrderBy(i => i.Id).FirstOrDefault();

    private static bool IsCodedByRule(PriceItemKind kind) =>
        kind is PriceItemKind.PlateletRichPlasma or PriceItemKind.SmallJointInjection or PriceItemKind.IntermediateJointInjection;

    private static EstimateLine LineFrom(PriceItem item, Estimate estimate, int quantity) => Snapshot(new EstimateLine
    {
        EstimateId = estimate.Id, PatientId = estimate.PatientId, Order = estimate.Lines.Count + 1, Kind = item.Kind, Description = item.Description,
        ServiceCode = item.ServiceCode, Quantity = quantity, UnitCents = item.UnitCents, EntityName = "", EntityNpi = "", EntityTin = "",
        EntityAddress = "", EntityCity = "", EntityState = "", EntityPostalCode = "",
    }, item.BillingEntity!);

    private static EstimateLine Snapshot(EstimateLine line, BillingEntity entity)
    {
        line.BillingEntityId = entity.Id;
        line.EntityName = entity.Name;
        line.EntityNpi = entity.Npi;
        line.EntityTin = entity.Tin;
        line.EntityAddress = entity.AddressLine;
        line.EntityCity = entity.City;
        line.EntityState = entity.State;
        line.EntityPostalCode = entity.PostalCode;
        return line;
    }
}

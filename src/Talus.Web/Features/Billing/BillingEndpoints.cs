using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;
using Talus.Web.Features.ClinicalRules;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>When a draft price book starts applying (its own effective date when left out).</summary>
public sealed class ActivatePriceBookInput
{
    public DateOnly? EffectiveFrom { get; set; }
}

/// <summary>The money API: price books, coverage, payer rules, estimates and payment options. Money is integer cents with currency "USD".</summary>
public static class BillingEndpoints
{
    private static string? Who(ClaimsPrincipal user) => Plan.PlanEndpoints.Who(user);

    public static void MapBillingEndpoints(this WebApplication app)
    {
        MapPriceBooks(app);
        MapEstimates(app);

        app.MapGet("/api/portal/estimates", async (ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
                Guid.TryParse(user.FindFirstValue(TalusClaims.PatientId), out var own)
                    ? TypedResults.Ok(await PortalEstimatesAsync(own, db, ct))
                    : TypedResults.Ok(new List<EstimateView>()))
            .WithTags("Portal")
            .RequireAuthorization(Policies.Portal)
            .PatientData("Estimate")
            .WithSummary("The signed-in patient's own estimates as presented to them (the current version of each), with the payment plan chosen.");
    }

    /// <summary>The estimates a patient has been shown and that still stand (presented or accepted), newest first.</summary>
    public static async Task<List<EstimateView>> PortalEstimatesAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        [.. (await db.Estimates.AsNoTracking().Include(e => e.Lines)
            .Where(e => e.PatientId == patientId && (e.Status == EstimateStatus.Presented || e.Status == EstimateStatus.Accepted))
            .OrderByDescending(e => e.PresentedAt).AsSplitQuery().ToListAsync(ct)).Select(EstimateView.From)];

    private static void MapPriceBooks(WebApplication app)
    {
        var g = app.MapGroup("/api/billing").WithTags("Billing: price books").RequireAuthorization(Policies.PriceBook);

        g.MapGet("/entities", async (int? locationId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.BillingEntities.AsNoTracking().Where(e => locationId == null || e.LocationId == locationId)
                    .OrderBy(e => e.LocationId).ThenBy(e => e.Name).ToListAsync(ct)).Select(BillingEntityView.From).ToList()))
            .WithSummary("Providers and facilities that bill price-book items (name, NPI, TIN, address), optionally of one location.");
        g.MapPost("/entities", async (BillingEntityInput input, ClinicDb db, CancellationToken ct) =>
                (await BillingEntities.SaveAsync(null, input, db, ct)).ToHttp(e => TypedResults.Created($"/api/billing/entities/{e.Id}", BillingEntityView.From(e))))
            .Produces<BillingEntityView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .Example(new BillingEntityInput { LocationId = 1, Kind = BillingEntityKind.Facility, Name = "Talus Foot & Ankle Surgery Center", Npi = "1234567893",
                Tin = "95-1234567", AddressLine = "100 Harbor Blvd", City = "Costa Mesa", State = "CA", PostalCode = "92626" })
            .WithSummary("Add a provider or facility to a location. The NPI must pass its check digit (Luhn over 80840 + 9 digits); TIN as 12-3456789.");
        g.MapPut("/entities/{id:int}", async (int id, BillingEntityInput input, ClinicDb db, CancellationToken ct) =>
                (await BillingEntities.SaveAsync(id, input, db, ct)).ToHttp(e => TypedResults.Ok(BillingEntityView.From(e))))
            .Produces<BillingEntityView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change a provider or facility. Estimates already made keep the details they copied.");

        g.MapGet("/price-books", async (int? locationId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.PriceBooks.AsNoTracking().Include(b => b.Items).ThenInclude(i => i.BillingEntity)
                    .Where(b => locationId == null || b.LocationId == locationId).OrderBy(b => b.LocationId).ThenByDescending(b => b.Version)
                    .AsSplitQuery().ToListAsync(ct)).Select(b => PriceBookView.From(b)).ToList()))
            .WithSummary("Every price-book version (optionally of one location), newest first, with items in integer cents.");
        g.MapGet("/price-books/{id:int}", async Task<Results<Ok<PriceBookView>, NotFound>> (int id, ClinicDb db, CancellationToken ct) =>
                await db.PriceBooks.AsNoTracking().Include(b => b.Items).ThenInclude(i => i.BillingEntity).AsSplitQuery().FirstOrDefaultAsync(b => b.Id == id, ct) is { } b
                    ? TypedResults.Ok(PriceBookView.From(b)) : TypedResults.NotFound())
            .WithSummary("One price-book version with its items.");
        g.MapGet("/price-books/in-force", async Task<Results<Ok<PriceBookView>, NotFound>> (int locationId, DateOnly date, ClinicDb db, CancellationToken ct) =>
                await PriceBooks.ForDateAsync(db, locationId, date, ct) is { } b ? TypedResults.Ok(PriceBookView.From(b)) : TypedResults.NotFound())
            .WithSummary("The price-book version that applies at a location on a date (?locationId=1&date=2026-12-01); 404 when none does.");
        g.MapPost("/price-books", async (NewPriceBookInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await PriceBooks.NewVersionAsync(input, Who(user), db, clock, ct)).ToHttp(b => TypedResults.Created($"/api/billing/price-books/{b.Id}", PriceBookView.From(b))))
            .Produces<PriceBookView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .Example(new NewPriceBookInput { LocationId = 1, EffectiveFrom = new DateOnly(2027, 1, 1) })
            .WithSummary("Start the next price-book version of a location as a draft, with the latest version's items copied.");
        g.MapPost("/price-books/{id:int}/activate", async (int id, ActivatePriceBookInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                InputCheck.Validate(input) is { } bad ? bad.ToHttp()
                    : (await PriceBooks.ActivateAsync(id, input.EffectiveFrom, Who(user), db, clock, ct)).ToHttp(b => TypedResults.Ok(PriceBookView.From(b))))
            .Produces<PriceBookView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Example(new ActivatePriceBookInput { EffectiveFrom = new DateOnly(2027, 1, 1) })
            .WithSummary("Put a draft in force from its effective date (today or later); the version before it ends the day before.");
        g.MapPost("/price-books/{id:int}/items", async (int id, PriceItemInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await PriceBooks.SaveItemAsync(id, null, input, Who(user), db, clock, ct)).ToHttp(s => TypedResults.Created(
                    $"/api/billing/price-books/{s.Book.Id}", PriceBookView.From(s.Book))))
            .Produces<PriceBookView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Example(new PriceItemInput { Kind = PriceItemKind.PlateletRichPlasma, Description = "PRP injection, all-inclusive", ServiceCode = "0232T", UnitCents = 75000, BillingEntityId = 1 })
            .WithSummary("Add an item. To a draft it is added in place; to an active book it makes the next version (a draft starting tomorrow) — the answer is the book changed.");
        g.MapPut("/price-books/{id:int}/items/{itemId:int}", async (int id, int itemId, PriceItemInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await PriceBooks.SaveItemAsync(id, itemId, input, Who(user), db, clock, ct)).ToHttp(s => TypedResults.Ok(PriceBookView.From(s.Book))))
            .Produces<PriceBookView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Example(new PriceItemInput { Kind = PriceItemKind.Consultation, Description = "New patient consultation", ServiceCode = "99204", UnitCents = 35000, BillingEntityId = 1 })
            .WithSummary("Change an item (audited). In an active book the change makes the next version; the answer is the book that now holds the change.");
        g.MapDelete("/price-books/{id:int}/items/{itemId:int}", async (int id, int itemId, ClinicDb db, CancellationToken ct) =>
                (await PriceBooks.RemoveItemAsync(id, itemId, db, ct)).ToHttp(b => TypedResults.Ok(PriceBookView.From(b))))
            .Produces<PriceBookView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Remove an item from a draft price book.");

        g.MapGet("/payer-rules", async (ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.PayerRules.AsNoTracking().OrderBy(r => r.PayerName).ThenBy(r => r.Id).ToListAsync(ct)).Select(PayerRuleView.From).ToList()))
            .WithSummary("Payer rules per item kind or service code. Without a rule, cell-based and PRP items are not covered (SPEC §7.1), others are covered.");
        g.MapPut("/payer-rules", async (PayerRuleInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await Coverages.SaveRuleAsync(input, Who(user), db, clock, ct)).ToHttp(r => TypedResults.Ok(PayerRuleView.From(r))))
            .Produces<PayerRuleView>().ProducesValidationProblem()
            .Example(new PayerRuleInput { PayerName = "Blue Shield PPO", ServiceCode = "20606", Decision = PayerDecision.PriorAuthorization })
            .WithSummary("Add or replace a payer's rule for one item kind or one service code (exactly one of the two).");
    }

    private static void MapEstimates(WebApplication app)
    {
        var g = app.MapGroup("/api/billing/patients/{patientId:guid}").WithTags("Billing: estimates").RequireAuthorization(Policies.ChartRead);

        g.MapGet("/coverage", async Task<Results<Ok<CoverageView>, NotFound>> (Guid patientId, ClinicDb db, CancellationToken ct) =>
                await Coverages.CurrentAsync(patientId, db, ct) is { } c ? TypedResults.Ok(CoverageView.From(c)) : TypedResults.NotFound())
            .PatientData("Coverage")
            .WithSummary("The patient's latest coverage answer; 404 when never asked.");
        g.MapPost("/coverage", async (Guid patientId, CoverageInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await Coverages.RecordAsync(patientId, input, Who(user), db, clock, ct)).ToHttp(c => TypedResults.Created($"/api/billing/patients/{patientId}/coverage", CoverageView.From(c))))
            .Produces<CoverageView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.CoverageRecord)
            .PatientData("Coverage")
            .Example(new CoverageInput { Status = CoverageStatus.InsuredSelfPay, PayerName = "Blue Shield PPO" })
            .WithSummary("Record the coverage status the patient gave: Uninsured, InsuredSelfPay (no claim submitted) or InsuredBilling (name the plan).");

        g.MapGet("/estimates", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Estimates.AsNoTracking().Include(e => e.Lines).Where(e => e.PatientId == patientId)
                    .OrderByDescending(e => e.CreatedAt).AsSplitQuery().ToListAsync(ct)).Select(EstimateView.From).ToList()))
            .PatientData("Estimate")
            .WithSummary("Every estimate version of the patient, newest first: lines grouped per provider/facility with totals in cents (USD).");
        g.MapGet("/estimates/{estimateId:guid}", async Task<Results<Ok<EstimateView>, NotFound>> (Guid patientId, Guid estimateId, ClinicDb db, CancellationToken ct) =>
                await db.Estimates.AsNoTracking().Include(e => e.Lines).FirstOrDefaultAsync(e => e.Id == estimateId && e.PatientId == patientId, ct) is { } e
                    ? TypedResults.Ok(EstimateView.From(e)) : TypedResults.NotFound())
            .PatientData("Estimate")
            .WithSummary("One estimate version.");
        g.MapGet("/estimates/{estimateId:guid}/payment-options", async Task<Results<Ok<PaymentOptionsView>, NotFound>> (Guid patientId, Guid estimateId, ClinicDb db,
                TimeProvider clock, PracticeSettings settings, CancellationToken ct) =>
                await db.Estimates.AsNoTracking().Where(e => e.Id == estimateId && e.PatientId == patientId).Select(e => (long?)e.PatientResponsibilityCents).FirstOrDefaultAsync(ct) is { } cents
                    ? TypedResults.Ok(PaymentOptions.For(cents, await settings.GetAsync<BillingSettings>(ct), PracticeClock.Today(clock).AddMonths(1)))
                    : TypedResults.NotFound())
            .PatientData("Estimate")
            .WithSummary("The options for the patient responsibility: pay in full with the practice's discount, deposit and balance, and monthly plans that add up exactly to the cent.");

        var write = g.MapGroup("/estimates").RequireAuthorization(Policies.Estimates);
        write.MapPost("/from-plan", async (Guid patientId, BuildEstimateInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, PracticeSettings settings, CancellationToken ct) =>
                (await Estimates.BuildFromPlanAsync(patientId, input, Who(user), db, clock, await settings.GetAsync<BillingSettings>(ct),
                    await settings.GetAsync<ProcedureCodingSettings>(ct), ct)).ToHttp(e => Created(e)))
            .Produces<EstimateView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Estimate")
            .Example(new BuildEstimateInput { TreatmentPlanId = Guid.Parse("0193a2b4-0000-7000-8000-000000000001"), LocationId = 1 })
            .WithSummary("Build the episode estimate of a current treatment plan from the price book in force: consultation to follow-ups, diagnosis and " +
                "service codes from the coding rules, the optional repeat injection as separately scheduled, patient responsibility from coverage. " +
                "Rebuilds the draft version, or starts the next version when the latest was presented.");
        write.MapPost("/", async (Guid patientId, NewEstimateInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await Estimates.NewByHandAsync(patientId, input, Who(user), db, clock, ct)).ToHttp(e => Created(e)))
            .Produces<EstimateView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .PatientData("Estimate")
            .Example(new NewEstimateInput { LocationId = 1, Title = "Hyaluronic acid injection, left ankle", DiagnosisCodes = "M19.072" })
            .WithSummary("Start an empty estimate by hand; add lines to it.");
        write.MapPost("/{estimateId:guid}/lines", async (Guid patientId, Guid estimateId, EstimateLineInput input, ClinicDb db, CancellationToken ct) =>
                (await Estimates.AddLineAsync(patientId, estimateId, input, db, ct)).ToHttp(e => TypedResults.Ok(EstimateView.From(e))))
            .Produces<EstimateView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Estimate")
            .Example(new EstimateLineInput { Description = "Outside MRI, left ankle", ServiceCode = "73721", Modifier = "LT", Quantity = 1, UnitCents = 65000, BillingEntityId = 1, SeparatelyScheduled = true })
            .WithSummary("Add a line to a draft: a price-book item (priceItemId) or a free line (description, serviceCode, unitCents, billingEntityId). 409 once presented.");
        write.MapDelete("/{estimateId:guid}/lines/{lineId:guid}", async (Guid patientId, Guid estimateId, Guid lineId, ClinicDb db, CancellationToken ct) =>
                (await Estimates.RemoveLineAsync(patientId, estimateId, lineId, db, ct)).ToHttp(e => TypedResults.Ok(EstimateView.From(e))))
            .Produces<EstimateView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Estimate")
            .WithSummary("Remove a line from a draft; 409 once presented.");
        write.MapPost("/{estimateId:guid}/reprice", async (Guid patientId, Guid estimateId, ClinicDb db, CancellationToken ct) =>
                (await Estimates.RepriceAsync(patientId, estimateId, db, ct)).ToHttp(e => TypedResults.Ok(EstimateView.From(e))))
            .Produces<EstimateView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Estimate")
            .WithSummary("Recompute a draft's patient responsibility with the latest coverage and payer rules.");
        write.MapPost("/{estimateId:guid}/revise", async (Guid patientId, Guid estimateId, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await Estimates.ReviseAsync(patientId, estimateId, Who(user), db, clock, ct)).ToHttp(e => Created(e)))
            .Produces<EstimateView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Estimate")
            .WithSummary("Start the next version (a draft copy) of a presented estimate; it supersedes the presented one when presented in turn.");
        write.MapPost("/{estimateId:guid}/present", async (Guid patientId, Guid estimateId, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await Estimates.PresentAsync(patientId, estimateId, Who(user), db, clock, ct)).ToHttp(e => TypedResults.Ok(EstimateView.From(e))))
            .Produces<EstimateView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Estimate")
            .WithSummary("Present a draft to the patient: it becomes immutable and the version it replaces is superseded.");
        write.MapPost("/{estimateId:guid}/accept", async (Guid patientId, Guid estimateId, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await Estimates.AcceptAsync(patientId, estimateId, db, clock, ct)).ToHttp(e => TypedResults.Ok(EstimateView.From(e))))
            .Produces<EstimateView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Estimate")
            .WithSummary("Record that the patient accepted the presented estimate.");
        write.MapPut("/{estimateId:guid}/payment", async (Guid patientId, Guid estimateId, PaymentChoiceInput input, ClinicDb db, TimeProvider clock, PracticeSettings settings, CancellationToken ct) =>
                (await Estimates.ChoosePaymentAsync(patientId, estimateId, input, db, clock, await settings.GetAsync<BillingSettings>(ct), ct)).ToHttp(e => TypedResults.Ok(EstimateView.From(e))))
            .Produces<EstimateView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Estimate")
            .Example(new PaymentChoiceInput { Option = PaymentOption.Instalments, InstalmentCount = 6, FirstDueOn = new DateOnly(2027, 1, 15) })
            .WithSummary("Record the patient's payment option: PayInFull (discount), Deposit, or Instalments (a plan offered; amounts add up exactly).");
    }

    private static Created<EstimateView> Created(Estimate e) =>
        TypedResults.Created($"/api/billing/patients/{e.PatientId}/estimates/{e.Id}", EstimateView.From(e));
}

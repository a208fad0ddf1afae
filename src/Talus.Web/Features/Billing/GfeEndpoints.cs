using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;
using Talus.Web.Features.ClinicalRules;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>An issued GFE version with its content as issued; money in integer cents with the currency.</summary>
public sealed record GfeView(Guid Id, Guid PatientId, int Version, Guid EstimateId, int EstimateVersion, DateOnly IssuedOn, DateTime IssuedAt, string? IssuedBy,
    DateOnly? ServiceDate, long TotalCents, string Currency, string PdfSha256, GfeContent Content)
{
    public static GfeView From(GoodFaithEstimateRecord g) => new(g.Id, g.PatientId, g.Version, g.EstimateId, g.EstimateVersion, g.IssuedOn, g.IssuedAt,
        g.IssuedBy, g.ServiceDate, g.TotalCents, g.Currency, g.PdfSha256, GfeContent.FromJson(g.ContentJson));
}

public sealed record GfeDueView(Guid Id, Guid PatientId, int LocationId, GfeTrigger Trigger, DateOnly? ServiceDate, DateOnly TriggeredOn, DateOnly DueBy,
    int LeadBusinessDays, string Rule, GfeDueStatus Status, Guid? IssuedGfeId)
{
    public static GfeDueView From(GfeDueItem d) => new(d.Id, d.PatientId, d.LocationId, d.Trigger, d.ServiceDate, d.TriggeredOn, d.DueBy, d.LeadBusinessDays,
        d.Rule, d.Status, d.IssuedGfeId);
}

public sealed record DisputeView(Guid Id, Guid GfeId, string Npi, DisputeStatus Status, DateOnly OpenedOn, DateOnly? ClosedOn, string? Note, bool CollectionsPaused)
{
    public static DisputeView From(Dispute d) => new(d.Id, d.GfeId, d.EntityNpi, d.Status, d.OpenedOn, d.ClosedOn, d.Note, d.CollectionsPaused);
}

/// <summary>The patient's GFE record: issued versions, what is owed, and whether collections are paused by an open dispute.</summary>
public sealed record PatientGfesView(IReadOnlyList<GfeView> Issued, IReadOnlyList<GfeDueView> Due, IReadOnlyList<DisputeView> Disputes, bool CollectionsPaused);

public static class GfeEndpoints
{
    public static string PortalUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    public static void MapGfeEndpoints(this WebApplication app)
    {
        app.MapGet("/api/billing/gfe-worklist", async (ClaimsPrincipal user, ClinicDb db, PracticeSettings practice, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await GfeWorklist.LoadAsync(user, db, practice, clock, ct)))
            .WithTags("Good Faith Estimates")
            .RequireAuthorization(Policies.GoodFaithEstimates)
            .WithSummary("GFE worklist: GFEs owed (overdue, then due, each with its deadline rule), the latest issued version of each series (with the re-issue " +
                "deadline when a newer estimate version changed it) and the count of open disputes, within the caller's locations.");

        var group = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Good Faith Estimates");

        group.MapGet("/gfes", async (Guid patientId, ClinicDb db, CancellationToken ct) => TypedResults.Ok(await PatientViewAsync(patientId, db, ct)))
            .RequireAuthorization(Policies.ChartRead)
            .PatientData("GoodFaithEstimate")
            .WithSummary("The patient's Good Faith Estimates: every issued version (unchanged, newest first), the GFEs owed with their deadlines, disputes, and " +
                "whether collections are paused.");

        group.MapGet("/gfes/{gfeId:guid}", async (Guid patientId, Guid gfeId, ClinicDb db, CancellationToken ct) =>
                await db.GoodFaithEstimates.AsNoTracking().FirstOrDefaultAsync(g => g.Id == gfeId && g.PatientId == patientId, ct) is { } g
                    ? Results.Ok(GfeView.From(g)) : Results.NotFound())
            .RequireAuthorization(Policies.ChartRead)
            .PatientData("GoodFaithEstimate")
            .WithSummary("One issued GFE version with its full content: patient, primary service and date, diagnosis codes, items per provider or facility " +
                "(name, NPI, TIN, location) with service codes and expected charges in cents, separately scheduled items and the four disclaimers.");

        group.MapGet("/gfes/{gfeId:guid}/pdf", async (Guid patientId, Guid gfeId, ClinicDb db, CancellationToken ct) =>
                await db.GoodFaithEstimates.AsNoTracking().Where(g => g.Id == gfeId && g.PatientId == patientId).Select(g => new { g.Pdf, g.Version }).FirstOrDefaultAsync(ct) is { } g
                    ? Results.File(g.Pdf, "application/pdf", $"good-faith-estimate-v{g.Version}.pdf")
                    : Results.NotFound())
            .RequireAuthorization(Policies.ChartRead)
            .PatientData("GoodFaithEstimate", AuditAction.Export)
            .WithSummary("The GFE as issued to the patient (PDF, fonts embedded).");

        group.MapPost("/gfes", async (Guid patientId, IssueGfeInput input, ClaimsPrincipal user, HttpContext http, ClinicDb db, PracticeSettings practice,
                TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct) =>
                (await GfeIssue.RunAsync(patientId, input, PlanEndpoints.Who(user), PortalUrl(http), db, practice, clock, text, ct))
                    .ToHttp(g => TypedResults.Created($"/api/patients/{patientId}/gfes/{g.Id}", GfeView.From(g))))
            .RequireAuthorization(Policies.GoodFaithEstimates)
            .PatientData("GoodFaithEstimate")
            .Example(new IssueGfeInput { EstimateId = Guid.Parse("0193a8c2-7f00-7000-8000-000000000001") })
            .WithSummary("Issue the GFE from an estimate version (SPEC §7.2). 400 names every missing required element (e.g. \"Element 4 (Diagnosis codes…)\"); " +
                "409 when the estimate was superseded or when the latest version already states these items and charges; a change of scope or charges issues the " +
                "next version. Closes the patient's open GFE due items, asks for re-consent, and emails the patient a sign-in link (no amounts, no clinical detail).");

        group.MapPost("/gfe-requests", async (Guid patientId, RequestGfeInput input, ClaimsPrincipal user, ClinicDb db, PracticeSettings practice,
                TimeProvider clock, CancellationToken ct) =>
                (await GfeDue.RequestAsync(patientId, input, PlanEndpoints.Who(user), db, practice, clock, ct))
                    .ToHttp(d => TypedResults.Created($"/api/patients/{patientId}/gfes", GfeDueView.From(d))))
            .RequireAuthorization(Policies.GoodFaithEstimateRequest)
            .PatientData("GoodFaithEstimate")
            .Example(new RequestGfeInput { LocationId = 1 })
            .WithSummary("Record that the patient asked for a cost estimate: a GFE is due within 3 business days (federal holidays and practice closures excluded). " +
                "Asking again while a request is open returns the open one.");

        group.MapGet("/gfes/{gfeId:guid}/reconciliation", async (Guid patientId, Guid gfeId, ClinicDb db, PracticeSettings practice, TimeProvider clock,
                CancellationToken ct) =>
                (await BillReconciliation.ForAsync(patientId, gfeId, db, practice, clock, ct)).ToHttp(r => TypedResults.Ok(r)))
            .RequireAuthorization(Policies.GoodFaithEstimates)
            .PatientData("GoodFaithEstimate")
            .WithSummary("Bill reconciliation per provider or facility: expected (GFE) and billed cents, the excess, whether it reaches the dispute threshold " +
                "($400 over that provider's own total, 45 CFR 149.620), the 120-day window, the $25 fee and where to find the dispute information.");

        group.MapPost("/gfes/{gfeId:guid}/bills", async (Guid patientId, Guid gfeId, RecordBillInput input, ClaimsPrincipal user, ClinicDb db,
                PracticeSettings practice, TimeProvider clock, CancellationToken ct) =>
                (await BillReconciliation.RecordBillAsync(patientId, gfeId, input, PlanEndpoints.Who(user), db, practice, clock, ct)).ToHttp(r => TypedResults.Ok(r)))
            .RequireAuthorization(Policies.GoodFaithEstimates)
            .PatientData("GoodFaithEstimate")
            .Example(new RecordBillInput { Npi = "1234567893", BilledCents = 612_500, Currency = "USD", BilledOn = new DateOnly(2026, 12, 15) })
            .WithSummary("Record one provider's final billed amount (integer cents, USD) and the date of the initial bill; answers the reconciliation. " +
                "A correction adds a new amount; the latest applies.");

        group.MapPost("/gfes/{gfeId:guid}/disputes", async (Guid patientId, Guid gfeId, OpenDisputeInput input, ClaimsPrincipal user, ClinicDb db,
                TimeProvider clock, CancellationToken ct) =>
                (await BillReconciliation.OpenDisputeAsync(patientId, gfeId, input, PlanEndpoints.Who(user), db, clock, ct))
                    .ToHttp(d => TypedResults.Created($"/api/patients/{patientId}/gfes", DisputeView.From(d))))
            .RequireAuthorization(Policies.GoodFaithEstimates)
            .PatientData("GoodFaithEstimate")
            .Example(new OpenDisputeInput { Npi = "1234567893", OpenedOn = new DateOnly(2027, 1, 10), Note = "Patient started PPDR with CMS." })
            .WithSummary("Record a patient-provider dispute about one provider's bill: collections are paused (no collections, no late fees) until it closes.");

        group.MapPost("/disputes/{disputeId:guid}/close", async (Guid patientId, Guid disputeId, CloseDisputeInput input, ClinicDb db, CancellationToken ct) =>
                (await BillReconciliation.CloseDisputeAsync(patientId, disputeId, input, db, ct)).ToHttp(d => TypedResults.Ok(DisputeView.From(d))))
            .RequireAuthorization(Policies.GoodFaithEstimates)
            .PatientData("GoodFaithEstimate")
            .Example(new CloseDisputeInput { ClosedOn = new DateOnly(2027, 3, 1), Note = "Determination received." })
            .WithSummary("Close a dispute; collections resume when no other dispute is open.");

        var portal = app.MapGroup("/api/portal").WithTags("Portal").RequireAuthorization(Policies.Portal);
        portal.MapGet("/gfes", async (ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await PatientViewAsync(OwnId(user), db, ct)).Issued))
            .PatientData("GoodFaithEstimate")
            .WithSummary("The signed-in patient's own Good Faith Estimates, newest first.");
        portal.MapGet("/gfes/{gfeId:guid}/pdf", async (Guid gfeId, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
            {
                var own = OwnId(user);
                return await db.GoodFaithEstimates.AsNoTracking().Where(g => g.Id == gfeId && g.PatientId == own).Select(g => new { g.Pdf, g.Version }).FirstOrDefaultAsync(ct) is { } g
                    ? Results.File(g.Pdf, "application/pdf", $"good-faith-estimate-v{g.Version}.pdf")
                    : Results.NotFound();
            })
            .PatientData("GoodFaithEstimate", AuditAction.Export)
            .WithSummary("The signed-in patient's own GFE (PDF); any other answers 404.");
        portal.MapPost("/gfe-requests", async (ClaimsPrincipal user, ClinicDb db, PracticeSettings practice, TimeProvider clock, CancellationToken ct) =>
                (await GfeDue.RequestAsync(OwnId(user), new RequestGfeInput(), "patient", db, practice, clock, ct))
                    .ToHttp(d => TypedResults.Created("/api/portal/gfes", GfeDueView.From(d))))
            .PatientData("GoodFaithEstimate")
            .WithSummary("The signed-in patient asks for a written cost estimate (a Good Faith Estimate): the practice owes it within 3 business days.");
    }

    public static Guid OwnId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(TalusClaims.PatientId), out var id) ? id : Guid.Empty;

    public static async Task<PatientGfesView> PatientViewAsync(Guid patientId, ClinicDb db, CancellationToken ct)
    {
        // Projected without the stored PDF bytes.
        var issued = await db.GoodFaithEstimates.AsNoTracking().Where(g => g.PatientId == patientId).OrderByDescending(g => g.IssuedAt).ThenByDescending(g => g.Version)
            .Select(g => new GfeView(g.Id, g.PatientId, g.Version, g.EstimateId, g.EstimateVersion, g.IssuedOn, g.IssuedAt, g.IssuedBy, g.ServiceDate,
                g.TotalCents, g.Currency, g.PdfSha256, GfeContent.FromJson(g.ContentJson))).ToListAsync(ct);
        var due = await db.GfeDueItems.AsNoTracking().Where(d => d.PatientId == patientId).OrderByDescending(d => d.CreatedAt).ToListAsync(ct);
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.PatientId == patientId).OrderByDescending(d => d.CreatedAt).ToListAsync(ct);
        return new(issued, [.. due.Select(GfeDueView.From)], [.. disputes.Select(DisputeView.From)],
            disputes.Any(d => d.CollectionsPaused));
    }
}

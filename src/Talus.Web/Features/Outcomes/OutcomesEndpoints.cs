using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Outcomes;

public sealed record SurgeryView(Guid Id, Talus.Clinical.Joint Joint, Talus.Clinical.Side Side, DateOnly PerformedOn, SurgeryKind Kind, DateTime RecordedAt, string? RecordedBy)
{
    public static SurgeryView From(SurgeryRecord s) => new(s.Id, s.Joint, s.Side, s.PerformedOn, s.Kind, s.RecordedAt, s.RecordedBy);
}

public static class OutcomesSetup
{
    public static IServiceCollection AddOutcomesRegistry(this IServiceCollection services) => services.AddSingleton<RegistryCache>();

    public static void MapOutcomesEndpoints(this WebApplication app)
    {
        var registry = app.MapGroup("/api/outcomes").WithTags("Outcomes registry").RequireAuthorization(Policies.RegistryRead);

        registry.MapGet("/registry", async (ClinicDb db, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await ComputeAsync(db, settings, clock, ct)))
            .WithSummary("The registry: responder rates at 3/6/12/24 months with 95% Wilson intervals and intention-to-treat counts, per grade band, " +
                "product/cell source, location, provider and lot; Kaplan–Meier curves to repeat injection and to surgery; adverse-event rates.")
            .WithDescription("Counts only, no patient. A slice with fewer patients than RegistrySettings.smallCellThreshold (default 5) is marked " +
                "`suppression: SmallCell`, and one more slice of the same dimension `Complementary` when needed so it cannot be recovered from the " +
                "total: clients must not show any figure of a suppressed slice. `rate` = responders / everyone whose time point has passed (not " +
                "assessed counts as not responding); `assessedRate` = responders / those who answered (docs/decisions/0009).");

        registry.MapGet("/registry.csv", async (HttpContext ctx, ClinicDb db, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            {
                var report = await ComputeAsync(db, settings, clock, ct);
                ctx.Response.ContentType = "text/csv; charset=utf-8";
                ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"registry-{report.AsOf:yyyy-MM-dd}.csv\"";
                await using var w = new StreamWriter(ctx.Response.Body, new UTF8Encoding(false));
                await RegistryExports.WriteRegistryCsvAsync(report, w);
            })
            .PatientData("RegistryCsv", AuditAction.Export)
            .WithSummary("The registry's slices as CSV (the dashboard's numbers; suppressed slices have empty figures). Audited as an export.");

        registry.MapGet("/research-export.csv", async (HttpContext ctx, ClinicDb db, PracticeSettings settings, CancellationToken ct) =>
            {
                var s = await settings.GetAsync<RegistrySettings>(ct);
                ctx.Response.ContentType = "text/csv; charset=utf-8";
                ctx.Response.Headers.ContentDisposition = "attachment; filename=\"research-export.csv\"";
                await using var w = new StreamWriter(ctx.Response.Body, new UTF8Encoding(false));
                await RegistryExports.WriteResearchCsvAsync(db, s, w, ct);
            })
            .PatientData("ResearchExport", AuditAction.Export)
            .WithSummary("De-identified research export (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)): one row per questionnaire score, streamed. Audited as an export.")
            .WithDescription("No names, addresses below state, contact details, MRN, account, device or lot numbers. ZIP to 3 digits (000 for areas of " +
                "20,000 people or fewer), ages over 89 as 90+, each patient's dates shifted by one random offset of up to RegistrySettings.dateShiftMaxDays " +
                "days, and a random study id per patient that changes with every export.");

        var surgeries = app.MapGroup("/api/patients/{patientId:guid}/surgeries").WithTags("Outcomes registry").RequireAuthorization(Policies.ChartRead);
        surgeries.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Surgeries.AsNoTracking().Where(s => s.PatientId == patientId).OrderByDescending(s => s.PerformedOn).ToListAsync(ct))
                    .Select(SurgeryView.From).ToList()))
            .PatientData("Surgery")
            .WithSummary("The patient's recorded conversions to surgery (joint, side, date, operation), newest first.");
        surgeries.MapPost("/", async (Guid patientId, SurgeryInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await RecordSurgery.RunAsync(patientId, input, PlanEndpoints.Who(user), db, clock, ct))
                    .ToHttp(s => TypedResults.Created($"/api/patients/{patientId}/surgeries", SurgeryView.From(s))))
            .RequireAuthorization(Policies.ClinicalRecord)
            .PatientData("Surgery")
            .WithSummary("Record that a treated joint was operated on (the event of the registry's time-to-surgery curve).");
    }

    public static async Task<RegistryReport> ComputeAsync(ClinicDb db, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
        await BuildRegistry.RunAsync(db, await settings.GetAsync<RegistrySettings>(ct), await settings.GetAsync<McidSettings>(ct), PracticeClock.Today(clock), ct);
}

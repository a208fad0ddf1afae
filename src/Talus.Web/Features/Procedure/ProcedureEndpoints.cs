using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Plan;

namespace Talus.Web.Features.Procedure;

public sealed record AdverseEventView(Guid Id, AdverseEventType Type, string? Description, Severity Severity, DateOnly OnsetOn, DateOnly? ResolvedOn,
    AdverseOutcome Outcome, Relatedness RelatedToProcedure, DateTime RecordedAt, string? RecordedBy)
{
    public static AdverseEventView From(AdverseEvent a) =>
        new(a.Id, a.Type, a.Description, a.Severity, a.OnsetOn, a.ResolvedOn, a.Outcome, a.RelatedToProcedure, a.RecordedAt, a.RecordedBy);
}

public sealed record ProcedureView(Guid Id, Guid PlanId, int PlanVersion, Guid ConsentPacketId, DateOnly PerformedOn, int LocationId, int OperatorId,
    string? OperatorName, Joint Joint, Side Side, InjectionProduct Product, TissueSource Source, HarvestSite HarvestSite, string? ProcessingSystem,
    string? ProcessingSettings, decimal? HarvestVolumeMl, decimal InjectateVolumeMl, decimal? NucleatedCellsMillions,
    decimal? PlateletCountThousandsPerMicroliter, ImageGuidance ImageGuidance, Anesthesia Anesthesia, int? DurationMinutes, string? ExternalLot,
    string? ExternalDonorId, DateOnly? ExternalExpiry, string? Complications, RegulatoryFlag Flag, string? IndNumber,
    IReadOnlyList<Reason> Classification, IReadOnlyList<AfterCareInstruction> AfterCare, IReadOnlyList<AdverseEventView> AdverseEvents,
    DateTime RecordedAt, string? RecordedBy)
{
    public static ProcedureView From(ProcedureRecord p) => new(p.Id, p.PlanId, p.PlanVersion, p.ConsentPacketId, p.PerformedOn, p.LocationId, p.OperatorId,
        p.Operator?.DisplayName, p.Joint, p.Side, p.Product, p.Source, p.HarvestSite, p.ProcessingSystem, p.ProcessingSettings, p.HarvestVolumeMl,
        p.InjectateVolumeMl, p.NucleatedCellsMillions, p.PlateletCountThousandsPerMicroliter, p.ImageGuidance, p.Anesthesia, p.DurationMinutes,
        p.ExternalLot, p.ExternalDonorId, p.ExternalExpiry, p.Complications, p.Flag, p.IndNumber,
        JsonSerializer.Deserialize<Reason[]>(p.ClassificationJson) ?? [], RecordProcedure.AfterCareOf(p),
        [.. p.AdverseEvents.OrderBy(a => a.OnsetOn).Select(AdverseEventView.From)], p.RecordedAt, p.RecordedBy);
}

public static class ProcedureEndpoints
{
    public static void MapProcedureEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/patients/{patientId:guid}/procedures").WithTags("Procedures")
            .RequireAuthorization(Auth.Policies.ChartRead);

        group.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Procedures.AsNoTracking().Include(p => p.Operator).Include(p => p.AdverseEvents)
                    .Where(p => p.PatientId == patientId).ToListAsync(ct)).OrderByDescending(p => p.PerformedOn).Select(ProcedureView.From).ToList()))
            .PatientData("Procedure")
            .WithSummary("The patient's procedures, newest first, each with its classification, after-care plan and adverse events.");

        group.MapGet("/{procedureId:guid}", async (Guid patientId, Guid procedureId, ClinicDb db, CancellationToken ct) =>
                await db.Procedures.AsNoTracking().Include(p => p.Operator).Include(p => p.AdverseEvents)
                    .FirstOrDefaultAsync(p => p.Id == procedureId && p.PatientId == patientId, ct) is { } p
                    ? Results.Ok(ProcedureView.From(p)) : Results.NotFound())
            .PatientData("Procedure")
            .WithSummary("One procedure record.");

        group.MapGet("/{procedureId:guid}/after-care", async (Guid patientId, Guid procedureId, ClinicDb db, CancellationToken ct) =>
                await db.Procedures.AsNoTracking().FirstOrDefaultAsync(p => p.Id == procedureId && p.PatientId == patientId, ct) is { } p
                    ? Results.Ok(RecordProcedure.AfterCareOf(p)) : Results.NotFound())
            .PatientData("AfterCare")
            .WithSummary("The dated after-care plan generated when the procedure was recorded (SPEC §4.7): code, start, end (inclusive; null = no end), patient text, source.");

        group.MapPost("/", async (Guid patientId, ProcedureInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await RecordProcedure.RunAsync(patientId, input, PlanEndpoints.Who(user), db, clock, ct))
                    .ToResult(p => TypedResults.Created($"/api/patients/{patientId}/procedures/{p.Id}", ProcedureView.From(p))))
            .RequireAuthorization(Auth.Policies.ClinicalRecord)
            .PatientData("Procedure")
            .WithSummary("Record a procedure for the current plan. Refused (409 with reasons, nothing written) when the product is RED, AMBER without " +
                "counsel sign-off, RESEARCH_ONLY without IND and signed research consent, or when no signed, current consent exists for this plan version and product.");

        group.MapPost("/{procedureId:guid}/adverse-events", async (Guid patientId, Guid procedureId, AdverseEventInput input, ClaimsPrincipal user,
                ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await AddAdverseEvent.RunAsync(patientId, procedureId, input, PlanEndpoints.Who(user), db, clock, ct))
                    .ToResult(a => TypedResults.Created($"/api/patients/{patientId}/procedures/{procedureId}", AdverseEventView.From(a))))
            .RequireAuthorization(Auth.Policies.ClinicalRecord)
            .PatientData("AdverseEvent")
            .WithSummary("Add an adverse event to a procedure (type, severity, onset and resolution dates, outcome, relatedness), at any time later.");
    }
}

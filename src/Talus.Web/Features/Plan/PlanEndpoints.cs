using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Shared;

namespace Talus.Web.Features.Plan;

public sealed record PlanView(Guid Id, Joint Joint, Side Side, int Version, bool IsCurrent, InjectionProduct? Product, TissueSource Source,
    string? IndNumber, NonInjectionOption? Alternative, int PlannedInjections, string Rationale, string? PhysicalTherapy, string? Orthotics,
    string? ActivityChanges, string? WeightManagement, Guid? DecisionAidRecordId, string? DecisionAidContentVersion,
    Guid? CandidacyAssessmentId, CandidacyVerdict? CandidacyVerdict, DateTime CreatedAt, string? CreatedBy, DateTime? SupersededAt)
{
    public static PlanView From(TreatmentPlan p) => new(p.Id, p.Joint, p.Side, p.Version, p.IsCurrent, p.Product, p.Source, p.IndNumber,
        p.Alternative, p.PlannedInjections, p.Rationale, p.PhysicalTherapy, p.Orthotics, p.ActivityChanges, p.WeightManagement,
        p.DecisionAidRecordId, p.DecisionAidContentVersion, p.CandidacyAssessmentId, p.CandidacyVerdict, p.CreatedAt, p.CreatedBy, p.SupersededAt);
}

/// <summary>A saved plan and how many consents of earlier versions it superseded (re-consent required).</summary>
public sealed record PlanSaveView(PlanView Plan, int ConsentsSuperseded);

public static class PlanEndpoints
{
    public static string? Who(ClaimsPrincipal user) => user.FindFirstValue("name") ?? user.Identity?.Name;

    public static void MapPlanEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/patients/{patientId:guid}/plans").WithTags("Treatment plans")
            .RequireAuthorization(Auth.Policies.ChartRead);

        group.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.TreatmentPlans.AsNoTracking().Where(p => p.PatientId == patientId).ToListAsync(ct))
                    .OrderBy(p => p.Joint).ThenBy(p => p.Side).ThenByDescending(p => p.Version).Select(PlanView.From).ToList()))
            .PatientData("TreatmentPlan")
            .WithSummary("Every version of the patient's treatment plans (per joint and side), newest version first; isCurrent marks the one in force.");

        group.MapGet("/{planId:guid}", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<PlanView>, Microsoft.AspNetCore.Http.HttpResults.NotFound>> (
                Guid patientId, Guid planId, ClinicDb db, CancellationToken ct) =>
                await db.TreatmentPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId && p.PatientId == patientId, ct) is { } p
                    ? TypedResults.Ok(PlanView.From(p))
                    : TypedResults.NotFound())
            .PatientData("TreatmentPlan")
            .WithSummary("One plan version.");

        group.MapPost("/", async (Guid patientId, PlanInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SavePlan.RunAsync(patientId, input, Who(user), db, clock, ct)).ToHttp(saved => saved.Changed
                    ? TypedResults.Created($"/api/patients/{patientId}/plans/{saved.Plan.Id}", new PlanSaveView(PlanView.From(saved.Plan), saved.ConsentsSuperseded))
                    : TypedResults.Ok(new PlanSaveView(PlanView.From(saved.Plan), 0))))
            .Produces<PlanSaveView>(StatusCodes.Status201Created).Produces<PlanSaveView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Auth.Policies.ClinicalRecord)
            .PatientData("TreatmentPlan")
            .WithSummary("Save the plan for a joint and side: the first version, or the next one (pass basedOnVersion; 409 if stale). " +
                "An unchanged plan makes no new version. A new version supersedes the consents of earlier versions (re-consent required).");
    }
}

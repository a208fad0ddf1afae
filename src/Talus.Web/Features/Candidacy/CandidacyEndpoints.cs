using System.Security.Claims;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Shared;

namespace Talus.Web.Features.Candidacy;

public static class CandidacyEndpoints
{
    public static void MapCandidacy(this WebApplication app)
    {
        var read = app.MapGroup("/api/patients/{patientId:guid}/candidacy").WithTags("Candidacy")
            .RequireAuthorization(Auth.Policies.ChartRead);
        var write = app.MapGroup("/api/patients/{patientId:guid}/candidacy").WithTags("Candidacy")
            .RequireAuthorization(Auth.Policies.ClinicalRecord);

        read.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok(await AssessCandidacy.HistoryAsync(patientId, db, ct)))
            .PatientData("CandidacyAssessment")
            .WithSummary("Every candidacy assessment of the patient, newest first, each with its rules version, input, result and any override.");

        write.MapPost("/", async (Guid patientId, CandidacyRequest? request, ClaimsPrincipal user, ClinicDb db, Settings.PracticeSettings settings,
                TimeProvider clock, CancellationToken ct) =>
                (await AssessCandidacy.RunAsync(patientId, request, user.Identity?.Name, db, settings, clock, ct))
                    .ToHttp(report => TypedResults.Created($"/api/patients/{patientId}/candidacy/{report.Id}", report)))
            .Produces<CandidacyReportView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .PatientData("CandidacyAssessment")
            .WithSummary("Assess candidacy from the patient's current record (SPEC §2.7) for a product (default BMAC) and store the assessment. Joint and side default to the intake's target joint. " +
                $"plannedProcedureDate, when given, is today (practice time zone) up to {AssessCandidacy.PlannedDateHorizonDays} days ahead; a missing body is a 400 naming \"body\".");

        write.MapPost("/{assessmentId:guid}/override", async (Guid patientId, Guid assessmentId, OverrideRequest? request, ClaimsPrincipal user,
                ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await AssessCandidacy.OverrideAsync(patientId, assessmentId, request, user.Identity?.Name, db, clock, ct))
                    .ToHttp(report => TypedResults.Ok(report)))
            .Produces<CandidacyReportView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("CandidacyAssessment")
            .WithSummary("Override the relative findings of an assessment with the physician's documented reason; the original result is kept.");
    }
}

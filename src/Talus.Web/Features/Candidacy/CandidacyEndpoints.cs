using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

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

        write.MapPost("/", async Task<Results<Created<CandidacyReportView>, ValidationProblem>> (
                Guid patientId, CandidacyRequest? request, ClaimsPrincipal user, ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await AssessCandidacy.RunAsync(patientId, request ?? new(), user.Identity?.Name, db, settings, clock, ct);
                return outcome.Report is { } report
                    ? TypedResults.Created($"/api/patients/{patientId}/candidacy/{report.Id}", report)
                    : TypedResults.ValidationProblem(outcome.Errors);
            })
            .PatientData("CandidacyAssessment")
            .WithSummary("Assess candidacy from the patient's current record (SPEC §2.7) for a product (default BMAC) and store the assessment. Joint and side default to the intake's target joint.");

        write.MapPost("/{assessmentId:guid}/override", async Task<Results<Ok<CandidacyReportView>, NotFound, ValidationProblem>> (
                Guid patientId, Guid assessmentId, OverrideRequest request, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await AssessCandidacy.OverrideAsync(patientId, assessmentId, request, user.Identity?.Name, db, clock, ct);
                if (outcome is null)
                {
                    return TypedResults.NotFound();
                }
                return outcome.Report is { } report ? TypedResults.Ok(report) : TypedResults.ValidationProblem(outcome.Errors);
            })
            .PatientData("CandidacyAssessment")
            .WithSummary("Override the relative findings of an assessment with the physician's documented reason; the original result is kept.");
    }
}

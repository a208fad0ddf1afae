using Talus.Clinical;
using System.Security.Claims;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Shared;

namespace Talus.Web.Features.Evaluation;

public static class EvaluationEndpoints
{
    public static void MapEvaluation(this WebApplication app)
    {
        var read = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Evaluation")
            .RequireAuthorization(Auth.Policies.ChartRead);
        var write = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Evaluation")
            .RequireAuthorization(Auth.Policies.ClinicalRecord);

        read.MapGet("/evaluations", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok(await RecordEvaluation.EvaluationsAsync(patientId, db, ct)))
            .PatientData("Evaluation")
            .WithSummary("Every exam of the patient, newest first (never overwritten: a correction is a new evaluation).");

        write.MapPost("/evaluations", async (Guid patientId, EvaluationInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await RecordEvaluation.AddEvaluationAsync(patientId, input, user.Identity?.Name, db, clock, ct))
                    .ToHttp(view => TypedResults.Created($"/api/patients/{patientId}/evaluations", view)))
            .Produces<EvaluationView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .PatientData("Evaluation")
            .WithSummary("Record an exam of one joint and side (alignment, instability, infection, ROM, pain, consent capacity).");

        read.MapGet("/imaging", async (Guid patientId, ClinicDb db, Settings.PracticeSettings settings, CancellationToken ct) =>
                TypedResults.Ok(await RecordEvaluation.ImagingAsync(patientId, db, await settings.GetAsync<GradeBandSettings>(ct), ct)))
            .PatientData("ImagingStudy")
            .WithSummary("Imaging studies with their grades (system, reader, definition version, band), newest first.");

        write.MapPost("/imaging", async (Guid patientId, ImagingInput input, ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
                (await RecordEvaluation.AddImagingAsync(patientId, input, db, await settings.GetAsync<GradeBandSettings>(ct), clock, ct))
                    .ToHttp(view => TypedResults.Created($"/api/patients/{patientId}/imaging", view)))
            .Produces<ImagingView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .PatientData("ImagingStudy")
            .WithSummary("Record an imaging study with grades. Takakura is for the ankle only and Coughlin–Shurnas for the 1st MTP only (SPEC §1); grades are never converted.");

        read.MapGet("/labs", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok(await RecordEvaluation.LabsAsync(patientId, db, ct)))
            .PatientData("LabResult")
            .WithSummary("Laboratory results with LOINC code, unit, reference range and an out-of-range flag, newest first.");

        write.MapPost("/labs", async (Guid patientId, LabInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await RecordEvaluation.AddLabAsync(patientId, input, db, clock, ct))
                    .ToHttp(view => TypedResults.Created($"/api/patients/{patientId}/labs", view)))
            .Produces<LabView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .PatientData("LabResult")
            .WithSummary("Record a lab result (SPEC §2.5 panel: units and default reference ranges filled in from the LOINC code).");
    }
}

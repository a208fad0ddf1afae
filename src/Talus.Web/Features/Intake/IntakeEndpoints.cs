using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

using Talus.Web.Shared;

namespace Talus.Web.Features.Intake;

public static class IntakeEndpoints
{
    public static void MapIntakeEndpoints(this WebApplication app)
    {
        // Patients may use these for their own record only: the patient-data middleware compares {patientId} with the account.
        var read = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Intake")
            .RequireAuthorization(Auth.Policies.IntakeRead);
        var group = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Intake")
            .RequireAuthorization(Auth.Policies.IntakeFill);
        var staffOnly = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Intake")
            .RequireAuthorization(Auth.Policies.PatientEnter);

        read.MapGet("/intakes", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await ReadIntakes.AllAsync(patientId, db, ct)).Select(IntakeView.From).ToList()))
            .PatientData("Intake")
            .WithSummary("A patient's intakes, newest first.");

        read.MapGet("/intakes/{intakeId:guid}", async Task<Results<Ok<IntakeView>, NotFound>> (Guid patientId, Guid intakeId, ClinicDb db, CancellationToken ct) =>
                await ReadIntakes.OneAsync(patientId, intakeId, db, ct) is { } i ? TypedResults.Ok(IntakeView.From(i)) : TypedResults.NotFound())
            .PatientData("Intake")
            .WithSummary("Read one intake with its medications, prior treatments and allergies.");

        group.MapPost("/intakes", async (Guid patientId, IntakeInput input, bool? submit, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveIntake.StartAsync(patientId, input, By(user), submit ?? false, db, clock, ct))
                    .ToHttp(i => TypedResults.Created($"/api/patients/{patientId}/intakes/{i.Id}", IntakeView.From(i))))
            .PatientData("Intake")
            .Produces<IntakeView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Start an intake as a draft (?submit=true submits it at once, if complete).");

        group.MapPut("/intakes/{intakeId:guid}", async (Guid patientId, Guid intakeId, IntakeInput input, Guid? version, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveIntake.UpdateAsync(patientId, intakeId, input, version, db, clock, ct)).ToHttp(i => TypedResults.Ok(IntakeView.From(i))))
            .PatientData("Intake")
            .Produces<IntakeView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status409Conflict)
            .WithSummary("Save a draft intake's answers (all of them). ?version= from the last read refuses a stale copy (409).");

        group.MapPost("/intakes/{intakeId:guid}/submit", async (Guid patientId, Guid intakeId, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveIntake.SubmitAsync(patientId, intakeId, db, clock, ct)).ToHttp(i => TypedResults.Ok(IntakeView.From(i))))
            .PatientData("Intake", AuditAction.Update)
            .Produces<IntakeView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Submit a draft intake; answers 400 naming each missing answer, and changes nothing, when incomplete.");

        read.MapGet("/questionnaires", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await ReadQuestionnaires.AllAsync(patientId, db, ct)).Select(QuestionnaireView.From).ToList()))
            .PatientData("QuestionnaireResponse")
            .WithSummary("A patient's questionnaire responses with unrounded scores.");

        group.MapPost("/questionnaires", async (Guid patientId, QuestionnaireInput input, bool? submit, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveQuestionnaire.StartAsync(patientId, input, By(user), submit ?? false, db, clock, ct))
                    .ToHttp(q => TypedResults.Created($"/api/patients/{patientId}/questionnaires/{q.Id}", QuestionnaireView.From(q))))
            .PatientData("QuestionnaireResponse")
            .Produces<QuestionnaireView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Save questionnaire answers as a draft (?submit=true scores and submits them).")
            .WithDescription("Instruments: Faos, FaamAdl, FaamSports (items answer -1 for not applicable), NrsPain, VasPain, PatientGlobalAssessment (one answer keyed by the instrument name).");

        group.MapPut("/questionnaires/{responseId:guid}", async (Guid patientId, Guid responseId, AnswersInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveQuestionnaire.UpdateAsync(patientId, responseId, input.Answers, submit: false, db, clock, ct)).ToHttp(q => TypedResults.Ok(QuestionnaireView.From(q))))
            .PatientData("QuestionnaireResponse")
            .Produces<QuestionnaireView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Replace a draft response's answers.");

        group.MapPost("/questionnaires/{responseId:guid}/submit", async (Guid patientId, Guid responseId, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveQuestionnaire.SubmitAsync(patientId, responseId, db, clock, ct)).ToHttp(q => TypedResults.Ok(QuestionnaireView.From(q))))
            .PatientData("QuestionnaireResponse", AuditAction.Update)
            .Produces<QuestionnaireView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Score and submit a draft response (SPEC §3 scoring; scores stored unrounded).");

        staffOnly.MapPost("/intake-links", async (Guid patientId, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await IntakeLinks.CreateAsync(patientId, user.Identity?.Name, db, clock, ct)).ToHttp(l => TypedResults.Ok(l)))
            .PatientData("PatientLink", AuditAction.Create)
            .Produces<IntakeLinks.Created>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Create a 7-day link to the intake and baseline questionnaires. The token is shown only in this answer.");

        staffOnly.MapPost("/intake-links/email", async (Guid patientId, ClaimsPrincipal user, HttpRequest request, ClinicDb db, TimeProvider clock,
                Microsoft.Extensions.Localization.IStringLocalizer<PatientText> text, CancellationToken ct) =>
                (await IntakeLinks.SendAsync(patientId, user.Identity?.Name, $"{request.Scheme}://{request.Host}{request.PathBase}", db, clock, text, ct))
                    .ToHttp(l => TypedResults.Ok(l)))
            .PatientData("PatientLink", AuditAction.Create)
            .Produces<IntakeLinks.Sent>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Create a 7-day intake link and email it to the patient through the outbox, in their language; the token is never returned. " +
                "A patient without an email address answers 400 (email).");

        staffOnly.MapDelete("/intake-links/{linkId:guid}", async Task<Results<NoContent, NotFound>> (Guid patientId, Guid linkId, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                await IntakeLinks.RevokeAsync(patientId, linkId, db, clock, ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound())
            .PatientData("PatientLink")
            .WithSummary("Revoke an open intake link.");
    }

    internal static EnteredBy By(ClaimsPrincipal user) => user.IsInRole(Roles.Patient) ? EnteredBy.Patient : EnteredBy.Staff;
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

using Talus.Web.Shared;

namespace Talus.Web.Features.Consultations;

public static class ConsultationEndpoints
{
    public const string PublicFormPolicy = "public-form";

    public static void MapConsultationEndpoints(this WebApplication app)
    {
        app.MapPost("/api/consultation-requests", async Task<Results<Created<ConsultationRequestReceipt>, ValidationProblem>> (
                ConsultationRequestInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await SubmitConsultationRequest.RunAsync(input, db, clock, ct);
                return outcome.Failure is not null && outcome.Errors is { } e
                    ? TypedResults.ValidationProblem(e)
                    : TypedResults.Created($"/api/consultation-requests/{outcome.Value!.Id}", new ConsultationRequestReceipt(outcome.Value.Id, outcome.Value.ReceivedAt));
            })
            .AllowAnonymous()
            .RequireRateLimiting(PublicFormPolicy)
            .WithTags("Consultation requests")
            .WithSummary("Ask for a consultation without an account (public; rate-limited per address).")
            .WithDescription("Needs a first and last name, a phone number or an email, and consentToContact = true. Answers only the request id.");

        var staff = app.MapGroup("/api/consultation-requests").WithTags("Consultation requests")
            .RequireAuthorization(Auth.Policies.ConsultationRequests);

        staff.MapGet("/", async (bool? includeClosed, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await ListConsultationRequests.RunAsync(user, db, includeClosed ?? false, ct)).Select(ConsultationRequestView.From).ToList()))
            .PatientData("ConsultationRequest", AuditAction.Search)
            .WithSummary("Open consultation requests at the caller's locations, oldest first (?includeClosed=true adds the latest closed ones).");

        staff.MapGet("/{id:guid}", async Task<Results<Ok<ConsultationRequestView>, NotFound>> (Guid id, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
                await ListConsultationRequests.Visible(user, db).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r
                    ? TypedResults.Ok(ConsultationRequestView.From(r))
                    : TypedResults.NotFound())
            .PatientData("ConsultationRequest")
            .WithSummary("Read one consultation request.");

        staff.MapPost("/{id:guid}/handled", async (Guid id, HandleRequestInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await HandleConsultationRequest.RunAsync(id, input, user, db, clock, ct)).ToHttp(r => TypedResults.Ok(ConsultationRequestView.From(r))))
            .PatientData("ConsultationRequest", AuditAction.Update)
            .Produces<ConsultationRequestView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Close a request: outcome Handled or NotReachable (NotReachable needs a note).");

        staff.MapPost("/{id:guid}/register", async (Guid id, RegisterFromRequestInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await RegisterFromRequest.RunAsync(id, input, user, db, clock, ct)).ToHttp(r => TypedResults.Ok(r)))
            .PatientData("ConsultationRequest", AuditAction.Create)
            .Produces<RegisterFromRequest.Registered>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Register the person as a patient, or link the existing patient with the same name and birth date.");
    }
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.FollowUp;

public sealed record LinkCreatedView(Guid LinkId, string Path, DateTime ExpiresAt);

public static class FollowUpEndpoints
{
    public static void MapFollowUpEndpoints(this WebApplication app)
    {
        var read = app.MapGroup("/api/patients/{patientId:guid}/follow-ups").WithTags("Follow-up")
            .RequireAuthorization(Auth.Policies.ChartRead);
        var staff = app.MapGroup("/api/patients/{patientId:guid}/follow-ups").WithTags("Follow-up")
            .RequireAuthorization(Auth.Policies.PatientEnter);

        read.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.FollowUpVisits.AsNoTracking().Where(v => v.PatientId == patientId)
                    .OrderBy(v => v.IndexDate).ThenBy(v => v.TargetDate).ToListAsync(ct)).Select(FollowUpVisitView.From).ToList()))
            .PatientData("FollowUpVisit")
            .WithSummary("The patient's follow-up visits (SPEC §4.2) per index procedure: window, questionnaires and imaging due, status and contact history.");

        staff.MapPost("/{visitId:guid}/link", async (Guid patientId, Guid visitId, ClaimsPrincipal user, ClinicDb db, PracticeSettings settings,
                TimeProvider clock, CancellationToken ct) =>
                (await FollowUpActions.SendLinkAsync(patientId, visitId, user.Identity?.Name, db, await settings.GetAsync<FollowUpContactSettings>(ct), clock, ct))
                    .ToHttp(l => TypedResults.Ok(new LinkCreatedView(l.LinkId, l.Path, l.ExpiresAt))))
            .PatientData("FollowUpLink", AuditAction.Create)
            .Produces<LinkCreatedView>().Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status409Conflict)
            .WithSummary("A new secure link to the visit's questionnaires (shown once; earlier links of the visit stop working). The patient confirms the date of birth before anything is shown.");

        staff.MapPost("/{visitId:guid}/calls", async (Guid patientId, Guid visitId, CallInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await FollowUpActions.RecordCallAsync(patientId, visitId, input, db, clock, ct)).ToHttp(v => TypedResults.Ok(FollowUpVisitView.From(v))))
            .PatientData("FollowUpVisit", AuditAction.Update)
            .Produces<FollowUpVisitView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Record a call made from the call list, with its note (e.g. \"left a voicemail\").");

        staff.MapPost("/{visitId:guid}/lost", async (Guid patientId, Guid visitId, LostInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await FollowUpActions.RecordLostAsync(patientId, visitId, input, user.Identity?.Name, db, clock, ct)).ToHttp(v => TypedResults.Ok(FollowUpVisitView.From(v))))
            .PatientData("FollowUpVisit", AuditAction.Update)
            .Produces<FollowUpVisitView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status409Conflict)
            .WithSummary("Record the patient as lost to follow-up from this visit on, with the reason; answers that still arrive are kept.");

        app.MapGet("/api/follow-ups/completion", async (ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await Completion.RunAsync(db, PracticeClock.Today(clock), ct)))
            .WithTags("Follow-up").RequireAuthorization(Auth.Policies.PracticeRead)
            .WithSummary("Completion per program visit and location over every visit whose window has opened: due, completed, lost, still open (no patient data).");
    }
}

using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Web.Data;
using Talus.Clinical.FollowUp;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

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

    /// <summary>Only in the answer to recording: the booked procedure appointment it completed, or where to book the follow-ups.</summary>
    public ProcedureBooking? Booking { get; init; }
}

/// <summary>A follow-up of the protocol (SPEC §4.2) with its window counted from the procedure date.</summary>
public sealed record FollowUpDue(string Step, string Name, string Type, DateOnly Target, DateOnly WindowStart, DateOnly WindowEnd);

/// <summary>
/// What recording did to the schedule: <see cref="AppointmentFound"/> true = the booked procedure appointment of that day
/// was completed and its follow-up series kept; false = none was booked, so the follow-ups are listed with where to book them.
/// </summary>
public sealed record ProcedureBooking(bool AppointmentFound, Guid? AppointmentId, Guid? EpisodeId, string Message, string? BookPage, string? BookApi,
    IReadOnlyList<FollowUpDue> FollowUpsToBook)
{
    public static ProcedureBooking For(Guid patientId, RecordedProcedure recorded, FollowUpSettings protocol) => recorded.CompletedAppointment is { } a
        ? new(true, a.Id, a.EpisodeId, "The booked procedure appointment is completed; its follow-up visits stay booked.", null, null, [])
        : new(false, null, null,
            "No booked procedure appointment was found for this patient on that day, so no follow-up visits are booked. Book the safety call and follow-up visits in their windows.",
            $"/patients/{patientId}/book?type={AppointmentTypeCodes.FollowUp}", $"/api/scheduling/patients/{patientId}/appointments",
            [.. EpisodeProtocol.FollowUps(protocol).Select(f => new FollowUpDue(f.Code, f.Name, f.TypeCode,
                recorded.Record.PerformedOn.AddDays(f.TargetDay), recorded.Record.PerformedOn.AddDays(f.EarliestDay), recorded.Record.PerformedOn.AddDays(f.LatestDay)))]);
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
            .WithSummary("The dated after-care plan generated when the procedure was recorded (SPEC §4.7): code, start, end, resumeOn, patient text, source.")
            .WithDescription("Day 0 is the procedure day. `end` is the last day an instruction applies, inclusive (\"avoid NSAIDs for 14 days\" = days 0–13, end = day 13); `resumeOn` is the day after `end` (day 14). `end` null = no end date.");

        group.MapPost("/", async (Guid patientId, ProcedureInput input, ClaimsPrincipal user, ClinicDb db, PracticeSettings settings, TimeProvider clock,
                CancellationToken ct) =>
            {
                var outcome = await RecordProcedure.RunAsync(patientId, input, PlanEndpoints.Who(user), db, settings, clock, ct);
                var protocol = await settings.GetAsync<FollowUpSettings>(ct);
                return outcome.ToHttp(r => TypedResults.Created($"/api/patients/{patientId}/procedures/{r.Record.Id}",
                    ProcedureView.From(r.Record) with { Booking = ProcedureBooking.For(patientId, r, protocol) }));
            })
            .RequireAuthorization(Auth.Policies.ClinicalRecord)
            .PatientData("Procedure")
            .WithSummary("Record a procedure for the current plan; completes the patient's booked procedure appointment of that day (booking.appointmentFound), " +
                "or says none was found and where to book the follow-ups (booking.bookPage, booking.followUpsToBook).")
            .WithDescription("Refused (409 with reasons, nothing written) by the procedure gate for the plan's joint and side on that date: no candidacy " +
                "assessment or one older than CandidacySettings.maxAssessmentAgeDays, NotCandidate (absolute contraindication, SPEC §2.2), a washout not " +
                "cleared (§2.4), relative findings without a physician override (§2.3), the product RED or AMBER without counsel sign-off (§6.3); also " +
                "RESEARCH_ONLY without IND and signed research consent, or no signed, current consent for this plan version and product.");

        group.MapPost("/{procedureId:guid}/adverse-events", async (Guid patientId, Guid procedureId, AdverseEventInput input, ClaimsPrincipal user,
                ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await AddAdverseEvent.RunAsync(patientId, procedureId, input, PlanEndpoints.Who(user), db, clock, ct))
                    .ToHttp(a => TypedResults.Created($"/api/patients/{patientId}/procedures/{procedureId}", AdverseEventView.From(a))))
            .RequireAuthorization(Auth.Policies.ClinicalRecord)
            .PatientData("AdverseEvent")
            .WithSummary("Add an adverse event to a procedure (type, severity, onset and resolution dates, outcome, relatedness), at any time later.");
    }
}

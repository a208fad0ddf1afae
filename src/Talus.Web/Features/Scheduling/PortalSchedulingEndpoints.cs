using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;
using Talus.Web.Shared;

namespace Talus.Web.Features.Scheduling;

/// <summary>Patient self-service: only the signed-in patient's own appointments, only the types and notice the practice allows.</summary>
public static class PortalSchedulingEndpoints
{
    public static Guid PatientOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(TalusClaims.PatientId)!);

    /// <summary>The portal's booking rules as use-case options: the notice and the horizon (PortalBookingRules, a practice setting).</summary>
    public static async Task<BookAppointment.Options> WindowAsync(Settings.PracticeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var rules = await settings.GetAsync<PortalBookingRules>(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return new(now.AddHours(rules.NoticeHours), PatientSelfService: true, LatestUtc: now.AddDays(rules.MaxDaysAhead), Settings: settings);
    }

    public static void Map(WebApplication app)
    {
        var portal = app.MapGroup("/api/portal").WithTags("Portal scheduling").RequireAuthorization(Auth.Policies.Portal);

        portal.MapGet("/appointments", async (ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
        {
            var id = PatientOf(user);
            return TypedResults.Ok(await AppointmentViews.LoadAsync(db.Appointments.Where(a => a.PatientId == id).OrderBy(a => a.Start), db, ct));
        }).PatientData("Appointment").WithSummary("My appointments.");

        portal.MapPost("/slots/search", async Task<IResult> (SlotSearchInput input, ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
        {
            var window = await WindowAsync(settings, clock, ct);
            return (await FindSlots.RunAsync(input, window.EarliestUtc, db, ct, patientBookableOnly: true, latestUtc: window.LatestUtc))
                .ToHttp(slots => TypedResults.Ok(slots.Select(SlotView.From).ToList()));
        }).Produces<List<SlotView>>().ProducesValidationProblem()
          .WithSummary("Free times for a type patients may book, inside the practice's notice period and booking horizon (a 'from' beyond the horizon is refused).");

        portal.MapPost("/appointments", async Task<IResult> (BookInput input, ClaimsPrincipal user, ClinicDb db, Settings.PracticeSettings settings,
            TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct) =>
        {
            var id = PatientOf(user);
            input.Confirmed = true;
            var outcome = await BookAppointment.RunAsync(id, input, await WindowAsync(settings, clock, ct), db, clock, text, ct);
            return outcome.IsOk
                ? TypedResults.Created($"/api/portal/appointments/{outcome.Value!.Appointments[0].Id}", await SchedulingEndpoints.BookingViewAsync(db, id, outcome.Value, ct))
                : outcome.Failure!.ToHttp();
        }).Produces<BookingView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
          .PatientData("Appointment").WithSummary("Book an appointment of a type patients may book online.");

        portal.MapPost("/appointments/{id:guid}/reschedule", async Task<IResult> (Guid id, RescheduleInput input,
            ClaimsPrincipal user, ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct) =>
        {
            var patientId = PatientOf(user);
            input.MoveSeries = false;
            return await SchedulingEndpoints.ToResult(db, patientId,
                await ChangeAppointment.RescheduleAsync(patientId, id, input, await WindowAsync(settings, clock, ct), db, clock, text, ct), ct);
        }).Produces<AppointmentView[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
          .PatientData("Appointment").WithSummary("Move my appointment (inside the notice period and the booking horizon).");

        portal.MapPost("/appointments/{id:guid}/cancel", async Task<IResult> (Guid id, CancelInput input,
            ClaimsPrincipal user, ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
        {
            var patientId = PatientOf(user);
            input.CancelSeries = false;
            return await SchedulingEndpoints.ToResult(db, patientId,
                await ChangeAppointment.CancelAsync(patientId, id, input, (await WindowAsync(settings, clock, ct)).EarliestUtc, db, clock, ct), ct);
        }).Produces<AppointmentView[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
          .PatientData("Appointment").WithSummary("Cancel my appointment (within the notice period).");

        portal.MapGet("/appointments/{id:guid}/ics", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
            await CalendarFiles.ForAppointmentAsync(db, PatientOf(user), id, CalendarFiles.Audience.Patient, ct) is { } ics
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar", "appointment.ics")
                : TypedResults.NotFound())
            .PatientData("Appointment").WithSummary("My appointment as a calendar file.");

        portal.MapGet("/reminder-preferences", async (ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await SchedulingEndpoints.ReminderPreferencesAsync(db, PatientOf(user), ct)))
            .PatientData("ReminderPreference").WithSummary("My reminder choices.");

        portal.MapPut("/reminder-preferences", async (PreferenceInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
        {
            await SchedulingEndpoints.SetPreferenceAsync(db, PatientOf(user), Enum.Parse<ReminderChannel>(input.Channel), input.OptedIn, clock, ct);
            return TypedResults.Ok(await SchedulingEndpoints.ReminderPreferencesAsync(db, PatientOf(user), ct));
        }).PatientData("ReminderPreference").WithSummary("Turn my reminders on or off.");
    }
}

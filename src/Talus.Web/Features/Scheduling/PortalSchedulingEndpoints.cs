using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;

namespace Talus.Web.Features.Scheduling;

/// <summary>Patient self-service: only the signed-in patient's own appointments, only the types and notice the practice allows.</summary>
public static class PortalSchedulingEndpoints
{
    public static Guid PatientOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(TalusClaims.PatientId)!);

    public static async Task<(DateTime Earliest, int MaxDays)> WindowAsync(ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var rules = await PortalBookingRules.LoadAsync(db, ct);
        return (clock.GetUtcNow().UtcDateTime.AddHours(rules.NoticeHours), rules.MaxDaysAhead);
    }

    public static void Map(WebApplication app)
    {
        var portal = app.MapGroup("/api/portal").WithTags("Portal scheduling").RequireAuthorization(Auth.Policies.Portal);

        portal.MapGet("/appointments", async (ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
        {
            var id = PatientOf(user);
            return TypedResults.Ok(await AppointmentViews.LoadAsync(db.Appointments.Where(a => a.PatientId == id).OrderBy(a => a.Start), db, ct));
        }).PatientData("Appointment").WithSummary("My appointments.");

        portal.MapPost("/slots/search", async Task<Results<Ok<List<SlotView>>, ValidationProblem>> (SlotSearchInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var (earliest, maxDays) = await WindowAsync(db, clock, ct);
            input.Days = Math.Min(input.Days, maxDays);
            var (slots, _) = await FindSlots.RunAsync(input, earliest, db, ct, patientBookableOnly: true);
            return slots is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["type"] = ["This kind of appointment cannot be booked online."] })
                : TypedResults.Ok(slots.Select(SlotView.From).ToList());
        }).WithSummary("Free times for a type patients may book, respecting the practice's notice period.");

        portal.MapPost("/appointments", async Task<Results<Created<BookingView>, ProblemHttpResult, ValidationProblem>> (BookInput input, ClaimsPrincipal user, ClinicDb db,
            TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct) =>
        {
            var id = PatientOf(user);
            var (earliest, maxDays) = await WindowAsync(db, clock, ct);
            if (input.Start!.Value.UtcDateTime > clock.GetUtcNow().UtcDateTime.AddDays(maxDays))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["start"] = [$"Online booking is open for the next {maxDays} days."] });
            }
            input.Confirmed = true;
            var outcome = await BookAppointment.RunAsync(id, input, new(earliest, PatientSelfService: true), db, clock, text, ct);
            return outcome switch
            {
                BookingOutcome.Booked b => TypedResults.Created($"/api/portal/appointments/{b.Appointments[0].Id}", await SchedulingEndpoints.BookingViewAsync(db, id, b, ct)),
                BookingOutcome.Taken t => SchedulingEndpoints.Conflict(t.Message, t.Alternatives),
                BookingOutcome.Rejected r => TypedResults.ValidationProblem(r.Errors),
                _ => throw new InvalidOperationException(),
            };
        }).PatientData("Appointment").WithSummary("Book an appointment of a type patients may book online.");

        portal.MapPost("/appointments/{id:guid}/reschedule", async Task<Results<Ok<AppointmentView[]>, NotFound, ProblemHttpResult, ValidationProblem>> (Guid id, RescheduleInput input,
            ClaimsPrincipal user, ClinicDb db, TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct) =>
        {
            var patientId = PatientOf(user);
            var (earliest, _) = await WindowAsync(db, clock, ct);
            input.MoveSeries = false;
            return await SchedulingEndpoints.ToResult(db, patientId, await ChangeAppointment.RescheduleAsync(patientId, id, input, earliest, true, db, clock, text, ct), ct);
        }).PatientData("Appointment").WithSummary("Move my appointment (within the notice period).");

        portal.MapPost("/appointments/{id:guid}/cancel", async Task<Results<Ok<AppointmentView[]>, NotFound, ProblemHttpResult, ValidationProblem>> (Guid id, CancelInput input,
            ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var patientId = PatientOf(user);
            var (earliest, _) = await WindowAsync(db, clock, ct);
            input.CancelSeries = false;
            return await SchedulingEndpoints.ToResult(db, patientId, await ChangeAppointment.CancelAsync(patientId, id, input, earliest, db, clock, ct), ct);
        }).PatientData("Appointment").WithSummary("Cancel my appointment (within the notice period).");

        portal.MapGet("/appointments/{id:guid}/ics", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
            await AppointmentViews.OneAsync(db, PatientOf(user), id, ct) is { } a
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(CalendarFiles.ForAppointment(a, $"Appointment – {a.LocationName}", a.LocationName)), "text/calendar", "appointment.ics")
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

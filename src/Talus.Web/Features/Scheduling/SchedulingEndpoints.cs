using Talus.Clinical.FollowUp;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;

namespace Talus.Web.Features.Scheduling;

public sealed class TypeInput
{
    [Required, RegularExpression("^[a-z][a-z0-9-]{1,39}$", ErrorMessage = "Lower-case letters, digits and dashes.")] public string Code { get; set; } = "";
    [Required, StringLength(80, MinimumLength = 2)] public string Name { get; set; } = "";
    [Range(5, 480)] public int DurationMinutes { get; set; } = 30;
    [Range(0, 480)] public int ProcessingMinutes { get; set; }
    public bool NeedsProvider { get; set; } = true;
    [RegularExpression("^(Exam|Procedure|Imaging|Lab)$", ErrorMessage = "Room kind must be Exam, Procedure, Imaging or Lab (or empty for none).")]
    public string? RoomKind { get; set; }
    public string[] Equipment { get; set; } = [];
    public bool PatientBookable { get; set; }
    public bool StartsEpisode { get; set; }
    [Range(0, 24 * 14)] public int ReminderLeadHours { get; set; } = 24;
    public bool NameInReminder { get; set; }
    public bool IsActive { get; set; } = true;

    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        var bad = Equipment.Where(e => !Enum.TryParse<EquipmentKind>(e, false, out var k) || !Enum.IsDefined(k)).ToList();
        if (bad.Count > 0)
        {
            errors["equipment"] = [$"Unknown equipment kind: {string.Join(", ", bad)}. Use {string.Join(", ", Enum.GetNames<EquipmentKind>())}."];
        }
        if (!NeedsProvider && string.IsNullOrEmpty(RoomKind) && Equipment.Length == 0)
        {
            errors["needsProvider"] = ["An appointment type needs at least a provider, a room or equipment."];
        }
        return errors;
    }

    public void ApplyTo(AppointmentType t)
    {
        t.Code = Code;
        t.Name = Name.Trim();
        t.DurationMinutes = DurationMinutes;
        t.ProcessingMinutes = ProcessingMinutes;
        t.NeedsProvider = NeedsProvider;
        t.RoomKind = string.IsNullOrEmpty(RoomKind) ? null : Enum.Parse<RoomKind>(RoomKind);
        t.Equipment = string.Join(',', Equipment.Distinct());
        t.PatientBookable = PatientBookable;
        t.StartsEpisode = StartsEpisode;
        t.ReminderLeadHours = ReminderLeadHours;
        t.NameInReminder = NameInReminder;
        t.IsActive = IsActive;
    }
}

public sealed record PatternBlock(int LocationId, DayOfWeek Day, TimeOnly Start, TimeOnly End, DateOnly? ValidFrom = null, DateOnly? ValidTo = null);

public sealed class WorkExceptionInput
{
    [Required, RegularExpression("^(Absence|ExtraClinic)$", ErrorMessage = "Kind must be Absence or ExtraClinic.")] public string Kind { get; set; } = "Absence";
    public int? LocationId { get; set; }
    [Required] public DateOnly? Date { get; set; }
    public TimeOnly? Start { get; set; }
    public TimeOnly? End { get; set; }
    [StringLength(200)] public string Reason { get; set; } = "";
}

public sealed class ProposeInput
{
    [Range(1, int.MaxValue)] public int LocationId { get; set; }
    [Required] public DateTimeOffset? Start { get; set; }
    public int? ProviderId { get; set; }
    public int? RoomId { get; set; }
}

public sealed record PlannedStepView(string Code, string Name, string Type, DateOnly WindowStart, DateOnly WindowEnd, SlotView? Slot);
public sealed record BookingView(AppointmentView[] Appointments, string[] Unscheduled);
public sealed record OutboxView(Guid Id, Guid PatientId, Guid? AppointmentId, string Channel, string To, string Subject, string Body, DateTime DueAt,
    string Status, int Attempts, DateTime? SentAt, string? LastError);
public sealed record PreferenceView(string Channel, bool OptedIn);
public sealed record PreferenceInput([property: Required, RegularExpression("^(Email|Sms)$")] string Channel, bool OptedIn);
public sealed record FeedView(string Url);

public static class SchedulingEndpoints
{
    public static void MapSchedulingEndpoints(this WebApplication app)
    {
        var staff = app.MapGroup("/api/scheduling").WithTags("Scheduling")
            .RequireAuthorization(p => p.RequireRole(Roles.FrontDesk, Roles.Clinician, Roles.Billing, Roles.Admin));
        var desk = app.MapGroup("/api/scheduling").WithTags("Scheduling")
            .RequireAuthorization(p => p.RequireRole(Roles.FrontDesk, Roles.Clinician, Roles.Admin));
        var admin = app.MapGroup("/api/scheduling").WithTags("Scheduling").RequireAuthorization(p => p.RequireRole(Roles.Admin));

        staff.MapGet("/types", async (ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok((await db.AppointmentTypes.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Select(TypeView.From).ToList()))
            .WithSummary("List appointment types with duration, processing time and the resources each needs.");

        admin.MapPost("/types", async Task<Results<Created<TypeView>, ValidationProblem>> (TypeInput input, ClinicDb db, CancellationToken ct) =>
        {
            var errors = input.Check();
            if (await db.AppointmentTypes.AnyAsync(t => t.Code == input.Code, ct))
            {
                errors["code"] = ["A type with this code exists."];
            }
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
            var type = new AppointmentType { Code = "", Name = "" };
            input.ApplyTo(type);
            db.AppointmentTypes.Add(type);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/scheduling/types/{type.Id}", TypeView.From(type));
        }).WithSummary("Add an appointment type.");

        admin.MapPut("/types/{id:int}", async Task<Results<Ok<TypeView>, NotFound, ValidationProblem>> (int id, TypeInput input, ClinicDb db, CancellationToken ct) =>
        {
            var errors = input.Check();
            if (await db.AppointmentTypes.AnyAsync(t => t.Code == input.Code && t.Id != id, ct))
            {
                errors["code"] = ["A type with this code exists."];
            }
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
            var type = await db.AppointmentTypes.FindAsync([id], ct);
            if (type is null)
            {
                return TypedResults.NotFound();
            }
            input.ApplyTo(type);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(TypeView.From(type));
        }).WithSummary("Change an appointment type (duration, resources, portal booking, reminder lead time).");

        staff.MapGet("/providers/{staffId:int}/patterns", async (int staffId, ClinicDb db, CancellationToken ct) =>
            // Days are stored by name, so they are put in week order here rather than in SQL.
            TypedResults.Ok((await db.WorkPatterns.AsNoTracking().Where(p => p.StaffMemberId == staffId)
                .Select(p => new PatternBlock(p.LocationId, p.Day, p.Start, p.End, p.ValidFrom, p.ValidTo)).ToListAsync(ct))
                .OrderBy(p => p.Day == DayOfWeek.Sunday ? 7 : (int)p.Day).ThenBy(p => p.Start).ToList()))
            .WithSummary("A provider's weekly working pattern per location (local time of each location).");

        admin.MapPut("/providers/{staffId:int}/patterns", async Task<Results<NoContent, NotFound, ValidationProblem>> (int staffId, PatternBlock[] blocks, ClinicDb db, CancellationToken ct) =>
        {
            var locations = await db.StaffLocations.Where(l => l.StaffMemberId == staffId).Select(l => l.LocationId).ToListAsync(ct);
            if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct))
            {
                return TypedResults.NotFound();
            }
            var errors = ProviderSchedule.CheckPattern(blocks, locations);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
            await ProviderSchedule.SetPatternAsync(db, staffId, blocks, ct);
            return TypedResults.NoContent();
        }).WithSummary("Replace a provider's weekly pattern. Blocks of one day must not overlap; each location must be one the provider works at.");

        staff.MapGet("/providers/{staffId:int}/exceptions", async (int staffId, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.WorkExceptions.AsNoTracking().Where(e => e.StaffMemberId == staffId).OrderBy(e => e.Date).ToListAsync(ct)))
            .WithSummary("A provider's absences and extra clinics.");

        desk.MapPost("/providers/{staffId:int}/exceptions", async Task<Results<Created<WorkException>, NotFound, ValidationProblem>> (int staffId, WorkExceptionInput input, ClinicDb db, CancellationToken ct) =>
        {
            if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct))
            {
                return TypedResults.NotFound();
            }
            var (item, errors) = await ProviderSchedule.AddExceptionAsync(db, staffId, input, ct);
            return item is null ? TypedResults.ValidationProblem(errors) : TypedResults.Created($"/api/scheduling/providers/{staffId}/exceptions/{item.Id}", item);
        }).WithSummary("Add an absence (vacation, sick day; whole day without times) or an extra clinic (location and times required).");

        desk.MapDelete("/providers/{staffId:int}/exceptions/{id:int}", async Task<Results<NoContent, NotFound>> (int staffId, int id, ClinicDb db, CancellationToken ct) =>
            await db.WorkExceptions.Where(e => e.Id == id && e.StaffMemberId == staffId).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove an absence or extra clinic.");

        staff.MapPost("/slots/search", async Task<Results<Ok<List<SlotView>>, ValidationProblem>> (SlotSearchInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var (slots, _) = await FindSlots.RunAsync(input, clock.GetUtcNow().UtcDateTime, db, ct);
            return slots is null ? Errors.Invalid("type", "No such appointment type.") : TypedResults.Ok(slots.Select(SlotView.From).ToList());
        }).WithSummary("First available slots for a type across all or the given locations and providers, for the next N days; each slot names the provider, room and equipment it would reserve.");

        desk.MapPost("/episodes/propose", async Task<Results<Ok<List<PlannedStepView>>, ValidationProblem>> (ProposeInput input, ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
        {
            var plan = await ProposeEpisode.RunAsync(input.LocationId, input.Start!.Value.UtcDateTime, input.ProviderId, input.RoomId,
                await settings.GetAsync<FollowUpSettings>(ct), db, clock, ct);
            return plan is null
                ? Errors.Invalid("start", "The procedure cannot be booked at that time and place.")
                : TypedResults.Ok(plan.Select(p => PlannedView(p)).ToList());
        }).WithSummary("Propose the protocol follow-ups (SPEC §4.2 windows) for a procedure at a given slot; nothing is written.");

        staff.MapGet("/appointments", async (int? locationId, int? providerId, int? roomId, DateOnly? date, int? days, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await ScheduleViews.RangeAsync(db, user, locationId, providerId, roomId, date, Math.Clamp(days ?? 1, 1, 31), clock, ct)))
            .PatientData("Schedule", AuditAction.Search)
            .WithSummary("Appointments of a location, provider or room for a local date range (day view: days=1, week view: days=7).");

        staff.MapGet("/worklists/{name}", async Task<Results<Ok<List<AppointmentView>>, NotFound>> (string name, int? locationId, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            await ScheduleViews.WorklistAsync(db, user, name, locationId, clock, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound())
            .PatientData("Worklist", AuditAction.Search)
            .WithSummary("Worklists: 'today' (today's appointments to check in), 'unconfirmed' (next 14 days, not yet confirmed).");

        var patient = staff.MapGroup("/patients/{patientId:guid}/appointments");
        var patientWrite = desk.MapGroup("/patients/{patientId:guid}/appointments");
        patient.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await AppointmentViews.LoadAsync(db.Appointments.Where(a => a.PatientId == patientId).OrderBy(a => a.Start), db, ct)))
            .PatientData("Appointment").WithSummary("A patient's appointments.");

        patient.MapGet("/{id:guid}", async Task<Results<Ok<AppointmentView>, NotFound>> (Guid patientId, Guid id, ClinicDb db, CancellationToken ct) =>
            await AppointmentViews.OneAsync(db, patientId, id, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound())
            .PatientData("Appointment").WithSummary("One appointment.");

        patientWrite.MapPost("/", async Task<Results<Created<BookingView>, ProblemHttpResult, ValidationProblem>> (Guid patientId, BookInput input, ClinicDb db, TimeProvider clock,
            IStringLocalizer<PatientText> text, Settings.PracticeSettings settings, CancellationToken ct) =>
        {
            var outcome = await BookAppointment.RunAsync(patientId, input, new(clock.GetUtcNow().UtcDateTime, Protocol: await settings.GetAsync<FollowUpSettings>(ct), Settings: settings),
                db, clock, text, ct);
            return outcome switch
            {
                BookingOutcome.Booked b => TypedResults.Created($"/api/scheduling/patients/{patientId}/appointments/{b.Appointments[0].Id}",
                    await BookingViewAsync(db, patientId, b, ct)),
                BookingOutcome.Taken t => Conflict(t.Message, t.Alternatives),
                BookingOutcome.Rejected r => TypedResults.ValidationProblem(r.Errors),
                BookingOutcome.NotAllowed n => n.Failure.Kind == Shared.OutcomeKind.Invalid
                    ? TypedResults.ValidationProblem(n.Failure.Errors) : (ProblemHttpResult)Shared.OutcomeHttp.ToHttp(n.Failure),
                _ => throw new InvalidOperationException(),
            };
        }).PatientData("Appointment")
          .WithSummary("Book an appointment: reserves provider, room and each piece of equipment atomically. A procedure also books its protocol follow-ups as one series (withFollowUps). 409 with 'alternatives' when the time was just taken.")
          .WithDescription("A procedure (a type that starts an episode) passes the procedure gate for its joint and side on the slot's local date: " +
            "joint and side come from the patient's one current plan with an injection, or from 'joint' and 'side' (required when there are several plans or none). " +
            "Refused (409 with 'reasons', nothing written) when there is no candidacy assessment or it is too old, the verdict is NotCandidate, a washout has not cleared, " +
            "relative findings have no physician override, or the product may not be given (SPEC §2.2–§2.4, §6.3).");

        patientWrite.MapPost("/{id:guid}/reschedule", async Task<Results<Ok<AppointmentView[]>, NotFound, ProblemHttpResult, ValidationProblem>> (Guid patientId, Guid id, RescheduleInput input,
            ClinicDb db, TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct) =>
            await ToResult(db, patientId, await ChangeAppointment.RescheduleAsync(patientId, id, input, clock.GetUtcNow().UtcDateTime, false, db, clock, text, ct), ct))
            .PatientData("Appointment")
            .WithSummary("Move an appointment. Moving a procedure moves its follow-up series by the same number of days at the same local times (moveSeries).");

        patientWrite.MapPost("/{id:guid}/cancel", async Task<Results<Ok<AppointmentView[]>, NotFound, ProblemHttpResult, ValidationProblem>> (Guid patientId, Guid id, CancelInput input,
            ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            await ToResult(db, patientId, await ChangeAppointment.CancelAsync(patientId, id, input, null, db, clock, ct), ct))
            .PatientData("Appointment").WithSummary("Cancel with a reason; releases every reserved resource and stops pending reminders.");

        foreach (var (path, mark, summary) in new[]
        {
            ("check-in", ChangeAppointment.Mark.CheckIn, "Check the patient in (on the day)."),
            ("no-show", ChangeAppointment.Mark.NoShow, "Record a no-show (after the start time)."),
            ("confirm", ChangeAppointment.Mark.Confirm, "Record that the patient confirmed."),
            ("complete", ChangeAppointment.Mark.Complete, "Mark as completed."),
        })
        {
            patientWrite.MapPost("/{id:guid}/" + path, async Task<Results<Ok<AppointmentView[]>, NotFound, ProblemHttpResult, ValidationProblem>> (Guid patientId, Guid id,
                ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                await ToResult(db, patientId, await ChangeAppointment.MarkAsync(patientId, id, mark, db, clock, ct), ct))
                .PatientData("Appointment").WithSummary(summary);
        }

        patient.MapGet("/{id:guid}/ics", async Task<Results<FileContentHttpResult, NotFound>> (Guid patientId, Guid id, ClinicDb db, CancellationToken ct) =>
            await AppointmentViews.OneAsync(db, patientId, id, ct) is { } a
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(CalendarFiles.ForAppointment(a, $"{a.TypeName} – Talus {a.LocationName}", a.LocationName)),
                    "text/calendar", "appointment.ics")
                : TypedResults.NotFound())
            .PatientData("Appointment").WithSummary("The appointment as an iCalendar file.");

        staff.MapGet("/patients/{patientId:guid}/reminder-preferences", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await ReminderPreferencesAsync(db, patientId, ct)))
            .PatientData("ReminderPreference").WithSummary("Reminder opt-in per channel (email is on unless the patient opted out).");

        desk.MapPut("/patients/{patientId:guid}/reminder-preferences", async (Guid patientId, PreferenceInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
        {
            await SetPreferenceAsync(db, patientId, Enum.Parse<ReminderChannel>(input.Channel), input.OptedIn, clock, ct);
            return TypedResults.Ok(await ReminderPreferencesAsync(db, patientId, ct));
        }).PatientData("ReminderPreference").WithSummary("Opt a patient in or out of reminders on a channel.");

        desk.MapGet("/reminders", async (string? status, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await OutboxAsync(db, status, 200, ct)))
            .PatientData("Reminder", AuditAction.Search).WithSummary("The reminder outbox: what is queued, sent or failed, with the message text.");

        desk.MapGet("/reminders/{id:guid}/log", async (Guid id, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.DeliveryLog.AsNoTracking().Where(l => l.MessageId == id).OrderBy(l => l.Id).ToListAsync(ct)))
            .WithSummary("Delivery attempts of one message.");

        admin.MapPost("/reminders/send-due", async (ClinicDb db, IConfiguration config, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await SendDueReminders.RunAsync(db, config.GetSection("Smtp").Get<SmtpOptions>() ?? new(), clock, ct)))
            .WithSummary("Send due reminders now (the background worker does this every Reminders:PollSeconds).");

        admin.MapGet("/portal-rules", async (ClinicDb db, CancellationToken ct) => TypedResults.Ok(await PortalBookingRules.LoadAsync(db, ct)))
            .WithSummary("What patients may do in the portal: notice period and how far ahead.");
        admin.MapPut("/portal-rules", async (PortalBookingRules rules, ClinicDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            await rules.SaveAsync(db, clock.GetUtcNow().UtcDateTime, user.Identity?.Name, ct);
            return TypedResults.Ok(rules);
        }).WithSummary("Change the portal booking rules.");

        desk.MapPost("/providers/{staffId:int}/feed", async Task<Results<Ok<FeedView>, NotFound>> (int staffId, HttpContext http, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
        {
            // Someone else's feed is answered as not found: clinicians manage their own only.
            if (!MayManageFeed(http.User, staffId))
            {
                return TypedResults.NotFound();
            }
            if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct))
            {
                return TypedResults.NotFound();
            }
            var token = await CalendarFiles.CreateFeedAsync(db, staffId, clock.GetUtcNow().UtcDateTime, ct);
            return TypedResults.Ok(new FeedView($"{http.Request.Scheme}://{http.Request.Host}/calendar/{token}.ics"));
        }).WithSummary("Create (or replace) the provider's private calendar feed URL; shown once, the previous URL stops working.");

        desk.MapDelete("/providers/{staffId:int}/feed", async Task<Results<NoContent, NotFound>> (int staffId, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
        {
            if (!MayManageFeed(user, staffId))
            {
                return TypedResults.NotFound();
            }
            await CalendarFiles.RevokeFeedAsync(db, staffId, clock.GetUtcNow().UtcDateTime, ct);
            return TypedResults.NoContent();
        }).WithSummary("Revoke the provider's calendar feed.");

        app.MapGet("/calendar/{token}.ics", async Task<Results<ContentHttpResult, NotFound>> (string token, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            await CalendarFiles.ReadFeedAsync(db, token, clock.GetUtcNow().UtcDateTime, ct) is { } ics
                ? TypedResults.Text(ics, "text/calendar")
                : TypedResults.NotFound())
            .AllowAnonymous().WithTags("Scheduling").WithSummary("A provider's private calendar feed (the token is the credential).");

        PortalSchedulingEndpoints.Map(app);
    }

    private static bool MayManageFeed(ClaimsPrincipal user, int staffId) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.FrontDesk) || user.FindFirstValue(TalusClaims.StaffId) == staffId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static PlannedStepView PlannedView(PlannedStep p) =>
        new(p.Step.Code, p.Step.Name, p.Step.TypeCode, p.WindowStart, p.WindowEnd, p.Slot is null ? null : SlotView.From(p.Slot));

    internal static async Task<BookingView> BookingViewAsync(ClinicDb db, Guid patientId, BookingOutcome.Booked b, CancellationToken ct)
    {
        var ids = b.Appointments.Select(a => a.Id).ToList();
        var views = await AppointmentViews.LoadAsync(db.Appointments.Where(a => ids.Contains(a.Id) && a.PatientId == patientId).OrderBy(a => a.Start), db, ct);
        return new BookingView([.. views], [.. b.Unscheduled.Select(u => u.Name)]);
    }

    internal static async Task<Results<Ok<AppointmentView[]>, NotFound, ProblemHttpResult, ValidationProblem>> ToResult(ClinicDb db, Guid patientId, ChangeOutcome outcome, CancellationToken ct)
    {
        switch (outcome)
        {
            case ChangeOutcome.Done d:
                var ids = d.Changed.Select(a => a.Id).ToList();
                return TypedResults.Ok((await AppointmentViews.LoadAsync(db.Appointments.Where(a => ids.Contains(a.Id) && a.PatientId == patientId).OrderBy(a => a.Start), db, ct)).ToArray());
            case ChangeOutcome.Taken t:
                return Conflict(t.Message, t.Alternatives);
            case ChangeOutcome.Rejected r:
                return TypedResults.ValidationProblem(r.Errors);
            default:
                return TypedResults.NotFound();
        }
    }

    internal static ProblemHttpResult Conflict(string message, IReadOnlyList<Slot> alternatives) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Slot just taken",
            detail: message + (alternatives.Count > 0 ? " The next free times are listed in 'alternatives'." : ""),
            extensions: new Dictionary<string, object?> { ["alternatives"] = alternatives.Select(SlotView.From).ToArray() });


    public static async Task<List<PreferenceView>> ReminderPreferencesAsync(ClinicDb db, Guid patientId, CancellationToken ct)
    {
        var stored = await db.ReminderPreferences.AsNoTracking().Where(p => p.PatientId == patientId).ToListAsync(ct);
        return [.. Enum.GetValues<ReminderChannel>().Select(c => new PreferenceView(c.ToString(),
            stored.FirstOrDefault(p => p.Channel == c)?.OptedIn ?? c == ReminderChannel.Email))];
    }

    public static async Task SetPreferenceAsync(ClinicDb db, Guid patientId, ReminderChannel channel, bool optedIn, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.ReminderPreferences.FirstOrDefaultAsync(p => p.PatientId == patientId && p.Channel == channel, ct);
        if (row is null)
        {
            db.ReminderPreferences.Add(new ReminderPreference { PatientId = patientId, Channel = channel, OptedIn = optedIn, ChangedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            row.OptedIn = optedIn;
            row.ChangedAt = clock.GetUtcNow().UtcDateTime;
        }
        if (!optedIn && channel == ReminderChannel.Email)
        {
            await db.Outbox.Where(m => m.PatientId == patientId && m.Status == OutboxStatus.Pending && m.Channel == channel)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled), ct);
        }
        await db.SaveChangesAsync(ct);
    }

    public static async Task<List<OutboxView>> OutboxAsync(ClinicDb db, string? status, int take, CancellationToken ct)
    {
        var q = db.Outbox.AsNoTracking();
        if (Enum.TryParse<OutboxStatus>(status, out var s))
        {
            q = q.Where(m => m.Status == s);
        }
        return await q.OrderByDescending(m => m.DueAt).Take(take)
            .Select(m => new OutboxView(m.Id, m.PatientId, m.AppointmentId, m.Channel.ToString(), m.To, m.Subject, m.Body, m.DueAt, m.Status.ToString(),
                m.Attempts, m.SentAt, m.LastError)).ToListAsync(ct);
    }
}

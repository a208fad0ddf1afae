using Talus.Clinical.FollowUp;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;
using Talus.Web.Shared;

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
    /// <summary>Equipment kinds; a form post without the field binds null, which is no equipment.</summary>
    public string[] Equipment { get => equipment; set => equipment = value ?? []; }
    private string[] equipment = [];
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
            .RequireAuthorization(Auth.Policies.ChartRead);
        var desk = app.MapGroup("/api/scheduling").WithTags("Scheduling")
            .RequireAuthorization(Auth.Policies.ScheduleDesk);
        var admin = app.MapGroup("/api/scheduling").WithTags("Scheduling").RequireAuthorization(Auth.Policies.PracticeManage);

        staff.MapGet("/types", async (ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok((await db.AppointmentTypes.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Select(TypeView.From).ToList()))
            .WithSummary("List appointment types with duration, processing time and the resources each needs.");

        admin.MapPost("/types", async Task<IResult> (TypeInput input, ClinicDb db, CancellationToken ct) =>
            (await ProviderSchedule.SaveTypeAsync(db, null, input, ct)).ToHttp(type => TypedResults.Created($"/api/scheduling/types/{type.Id}", TypeView.From(type))))
            .Produces<TypeView>(StatusCodes.Status201Created).ProducesValidationProblem().WithSummary("Add an appointment type.");

        admin.MapPut("/types/{id:int}", async Task<IResult> (int id, TypeInput input, ClinicDb db, CancellationToken ct) =>
            (await ProviderSchedule.SaveTypeAsync(db, id, input, ct)).ToHttp(type => TypedResults.Ok(TypeView.From(type))))
            .Produces<TypeView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Change an appointment type (duration, resources, portal booking, reminder lead time).");

        staff.MapGet("/providers/{staffId:int}/patterns", async (int staffId, ClinicDb db, CancellationToken ct) =>
            // Days are stored by name, so they are put in week order here rather than in SQL.
            TypedResults.Ok((await db.WorkPatterns.AsNoTracking().Where(p => p.StaffMemberId == staffId)
                .Select(p => new PatternBlock(p.LocationId, p.Day, p.Start, p.End, p.ValidFrom, p.ValidTo)).ToListAsync(ct))
                .OrderBy(p => p.Day == DayOfWeek.Sunday ? 7 : (int)p.Day).ThenBy(p => p.Start).ToList()))
            .WithSummary("A provider's weekly working pattern per location (local time of each location).");

        admin.MapPut("/providers/{staffId:int}/patterns", async Task<IResult> (int staffId, PatternBlock[] blocks, ClinicDb db, CancellationToken ct) =>
            (await ProviderSchedule.ReplacePatternAsync(db, staffId, blocks, ct)).ToHttp(_ => TypedResults.NoContent()))
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Replace a provider's weekly pattern. Blocks of one day must not overlap; each location must be one the provider works at.");

        staff.MapGet("/providers/{staffId:int}/exceptions", async (int staffId, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.WorkExceptions.AsNoTracking().Where(e => e.StaffMemberId == staffId).OrderBy(e => e.Date).ToListAsync(ct)))
            .WithSummary("A provider's absences and extra clinics.");

        desk.MapPost("/providers/{staffId:int}/exceptions", async Task<IResult> (int staffId, WorkExceptionInput input, ClinicDb db, CancellationToken ct) =>
        {
            if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct))
            {
                return TypedResults.NotFound();
            }
            return (await ProviderSchedule.AddExceptionAsync(db, staffId, input, ct))
                .ToHttp(item => TypedResults.Created($"/api/scheduling/providers/{staffId}/exceptions/{item.Id}", item));
        }).Produces<WorkException>(StatusCodes.Status201Created).ProducesValidationProblem().Produces(StatusCodes.Status404NotFound).WithSummary("Add an absence (vacation, sick day; whole day without times) or an extra clinic (location and times required).");

        desk.MapDelete("/providers/{staffId:int}/exceptions/{id:int}", async Task<Results<NoContent, NotFound>> (int staffId, int id, ClinicDb db, CancellationToken ct) =>
            await db.WorkExceptions.Where(e => e.Id == id && e.StaffMemberId == staffId).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove an absence or extra clinic.");

        staff.MapPost("/slots/search", async Task<IResult> (SlotSearchInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            (await FindSlots.RunAsync(input, clock.GetUtcNow().UtcDateTime, db, ct)).ToHttp(slots => TypedResults.Ok(slots.Select(SlotView.From).ToList())))
        .Produces<List<SlotView>>().ProducesValidationProblem().WithSummary("First available slots for a type across all or the given locations and providers, for the next N days; each slot names the provider, room and equipment it would reserve.");

        desk.MapPost("/episodes/propose", async Task<IResult> (ProposeInput input, ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            (await ProposeEpisode.RunAsync(input, await settings.GetAsync<FollowUpSettings>(ct), db, clock, ct))
                .ToHttp(plan => TypedResults.Ok(plan.Select(p => PlannedView(p)).ToList())))
        .Produces<List<PlannedStepView>>().ProducesValidationProblem().WithSummary("Propose the protocol follow-ups (SPEC §4.2 windows) for a procedure at a given slot; nothing is written.");

        staff.MapGet("/appointments", async Task<IResult> (int? locationId, int? providerId, int? roomId, DateOnly? date, int? days, HttpContext ctx, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            (await ScheduleViews.RangeAsync(db, user, locationId, providerId, roomId, date, Math.Clamp(days ?? 1, 1, 31), clock, ct))
                .ToHttp(list => TypedResults.Ok(PatientsShown.Record(ctx, list, a => a.PatientId))))
            .Produces<List<AppointmentView>>().ProducesValidationProblem()
            .PatientData("Schedule", AuditAction.Search)
            .WithSummary("Appointments of a location, provider or room for a local date range (day view: days=1, week view: days=7).");

        staff.MapGet("/worklists/{name}", async Task<Results<Ok<ScheduleViews.DeskPage>, NotFound>> (string name, int? locationId, int? page, int? limit,
                HttpContext ctx, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            await ScheduleViews.WorklistPageAsync(db, user, name, locationId, page ?? 1, limit ?? ScheduleViews.MaxPageSize, true, clock, ct) is { } list
                ? TypedResults.Ok(list with { Items = PatientsShown.Record(ctx, list.Items, a => a.PatientId) }) : TypedResults.NotFound())
            .PatientData("Worklist", AuditAction.Search)
            .WithSummary("Worklists, one page at a time: 'today' (today's appointments to check in), 'unconfirmed' (next 14 days, not yet confirmed), " +
                "'overdue' (start passed in the last 30 days, still only booked).")
            .WithDescription("Paged by `page` (from 1) and `limit` (rows a page, 1–50, default 50). The answer holds the page's `items`, its `page` " +
                "number, `hasMore` (a next page exists; ask for `page + 1`) and `total`, the number of rows in the whole list. Example: " +
                "`GET /api/scheduling/worklists/unconfirmed?locationId=1&page=2&limit=25`.");

        var patient = staff.MapGroup("/patients/{patientId:guid}/appointments");
        var patientWrite = desk.MapGroup("/patients/{patientId:guid}/appointments");
        patient.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await AppointmentViews.LoadAsync(db.Appointments.Where(a => a.PatientId == patientId).OrderBy(a => a.Start), db, ct)))
            .PatientData("Appointment").WithSummary("A patient's appointments.");

        patient.MapGet("/{id:guid}", async Task<Results<Ok<AppointmentView>, NotFound>> (Guid patientId, Guid id, ClinicDb db, CancellationToken ct) =>
            await AppointmentViews.OneAsync(db, patientId, id, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound())
            .PatientData("Appointment").WithSummary("One appointment.");

        patientWrite.MapPost("/", async Task<IResult> (Guid patientId, BookInput input, ClinicDb db, TimeProvider clock,
            IStringLocalizer<PatientText> text, Settings.PracticeSettings settings, CancellationToken ct) =>
        {
            var outcome = await BookAppointment.RunAsync(patientId, input, new(clock.GetUtcNow().UtcDateTime, Protocol: await settings.GetAsync<FollowUpSettings>(ct), Settings: settings), db, clock, text, ct);
            return outcome.IsOk
                ? TypedResults.Created($"/api/scheduling/patients/{patientId}/appointments/{outcome.Value!.Appointments[0].Id}", await BookingViewAsync(db, patientId, outcome.Value, ct))
                : outcome.Failure!.ToHttp();
        }).Produces<BookingView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
          .PatientData("Appointment")
          .WithSummary("Book an appointment: reserves provider, room and each piece of equipment atomically. A procedure also books its protocol follow-ups as one series (withFollowUps). 409 with 'alternatives' when the time was just taken.")
          .WithDescription("A procedure (a type that starts an episode) passes the procedure gate for its joint and side on the slot's local date: " +
            "joint and side come from the patient's one current plan with an injection, or from 'joint' and 'side' (required when there are several plans or none). " +
            "Refused (409 with 'reasons', nothing written) when there is no candidacy assessment or it is too old, the verdict is NotCandidate, a washout has not cleared, " +
            "relative findings have no physician override, or the product may not be given (SPEC §2.2–§2.4, §6.3).");

        patientWrite.MapPost("/{id:guid}/reschedule", async Task<IResult> (Guid patientId, Guid id, RescheduleInput input,
            ClinicDb db, TimeProvider clock, IStringLocalizer<PatientText> text, Settings.PracticeSettings settings, CancellationToken ct) =>
            await ToResult(db, patientId, await ChangeAppointment.RescheduleAsync(patientId, id, input,
                new(clock.GetUtcNow().UtcDateTime, Protocol: await settings.GetAsync<FollowUpSettings>(ct), Settings: settings), db, clock, text, ct), ct))
            .Produces<AppointmentView[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Appointment")
            .WithSummary("Move an appointment. The provider stays the one named, or the current one unless anyProvider is true. Moving a procedure moves its follow-up series by the same number of days at the same local times and recomputes their protocol windows (moveSeries).");

        patientWrite.MapPost("/{id:guid}/cancel", async Task<IResult> (Guid patientId, Guid id, CancelInput input,
            ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            await ToResult(db, patientId, await ChangeAppointment.CancelAsync(patientId, id, input, null, db, clock, ct), ct))
            .Produces<AppointmentView[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .PatientData("Appointment").WithSummary("Cancel with a reason; releases every reserved resource and stops pending reminders.");

        foreach (var (path, mark, summary) in new[]
        {
            ("check-in", ChangeAppointment.Mark.CheckIn, "Check the patient in (on the day)."),
            ("no-show", ChangeAppointment.Mark.NoShow, "Record a no-show (after the start time)."),
            ("confirm", ChangeAppointment.Mark.Confirm, "Record that the patient confirmed."),
            ("complete", ChangeAppointment.Mark.Complete, "Mark as completed."),
        })
        {
            patientWrite.MapPost("/{id:guid}/" + path, async Task<IResult> (Guid patientId, Guid id,
                ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                await ToResult(db, patientId, await ChangeAppointment.MarkAsync(patientId, id, mark, db, clock, ct), ct))
                .Produces<AppointmentView[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
                .PatientData("Appointment").WithSummary(summary);
        }

        patient.MapGet("/{id:guid}/ics", async Task<Results<FileContentHttpResult, NotFound>> (Guid patientId, Guid id, ClinicDb db, CancellationToken ct) =>
            await CalendarFiles.ForAppointmentAsync(db, patientId, id, CalendarFiles.Audience.Staff, ct) is { } ics
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar", "appointment.ics")
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

        desk.MapGet("/reminders", async (string? status, HttpContext ctx, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(PatientsShown.Record(ctx, await OutboxAsync(db, user, status, 200, ct), m => m.PatientId)))
            .PatientData("Reminder", AuditAction.Search)
            .WithSummary("The reminder outbox of the caller's locations: what is queued, sent or failed, with the message text.");

        desk.MapGet("/reminders/{id:guid}/log", async Task<Results<Ok<List<DeliveryLogEntry>>, NotFound>> (Guid id, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
            await Reminders.Visible(db, user).AnyAsync(m => m.Id == id, ct)
                ? TypedResults.Ok(await db.DeliveryLog.AsNoTracking().Where(l => l.MessageId == id).OrderBy(l => l.Id).ToListAsync(ct))
                : TypedResults.NotFound())
            .PatientData("Reminder", AuditAction.Search)
            .WithSummary("Delivery attempts of one message (of the caller's locations).");

        admin.MapPost("/reminders/send-due", async (ClinicDb db, IConfiguration config, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await SendDueReminders.RunAsync(db, config.GetSection("Smtp").Get<SmtpOptions>() ?? new(), clock, ct)))
            .WithSummary("Send due reminders now (the background worker does this every Reminders:PollSeconds).");

        admin.MapGet("/portal-rules", async (Settings.PracticeSettings settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAsync<PortalBookingRules>(ct)))
            .WithSummary("What patients may do in the portal: notice period and how far ahead (the practice setting PortalBookingRules).");
        admin.MapPut("/portal-rules", async Task<Results<Ok<PortalBookingRules>, ValidationProblem>> (PortalBookingRules rules, ClinicDb db, Settings.PracticeSettings settings,
            AuditContext who, TimeProvider clock, CancellationToken ct) =>
        {
            var saved = await SavePortalRulesAsync(rules, db, settings, who, clock, ct);
            return saved.IsOk ? TypedResults.Ok(saved.Value!) : TypedResults.ValidationProblem(saved.Errors);
        }).WithSummary("Change the portal booking rules (the same as PUT /api/settings/PortalBookingRules).");

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

    internal static async Task<BookingView> BookingViewAsync(ClinicDb db, Guid patientId, Booking b, CancellationToken ct)
    {
        var ids = b.Appointments.Select(a => a.Id).ToList();
        var views = await AppointmentViews.LoadAsync(db.Appointments.Where(a => ids.Contains(a.Id) && a.PatientId == patientId).OrderBy(a => a.Start), db, ct);
        return new BookingView([.. views], [.. b.Unscheduled.Select(u => u.Name)]);
    }

    internal static async Task<IResult> ToResult(ClinicDb db, Guid patientId, Outcome<List<Appointment>> outcome, CancellationToken ct)
    {
        if (!outcome.IsOk)
        {
            return outcome.Failure!.ToHttp();
        }
        var ids = outcome.Value!.Select(a => a.Id).ToList();
        return TypedResults.Ok((await AppointmentViews.LoadAsync(db.Appointments.Where(a => ids.Contains(a.Id) && a.PatientId == patientId).OrderBy(a => a.Start), db, ct)).ToArray());
    }

    /// <summary>The portal rules are a practice setting: saved (checked and audited) through the settings service like the others.</summary>
    public static async Task<Outcome<PortalBookingRules>> SavePortalRulesAsync(PortalBookingRules rules, ClinicDb db, Settings.PracticeSettings settings,
        AuditContext who, TimeProvider clock, CancellationToken ct)
    {
        var definition = Settings.PracticeSettings.Find(nameof(PortalBookingRules))!;
        var saved = await Settings.SaveSetting.RunAsync(definition, System.Text.Json.JsonSerializer.Serialize(rules, Settings.PracticeSettings.Json),
            db, settings, who, clock, ct);
        return saved.Saved ? (PortalBookingRules)saved.Value! : Outcome.Invalid(saved.Errors);
    }

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

    public static async Task<List<OutboxView>> OutboxAsync(ClinicDb db, ClaimsPrincipal user, string? status, int take, CancellationToken ct)
    {
        var q = Reminders.Visible(db, user).AsNoTracking();
        if (Enum.TryParse<OutboxStatus>(status, out var s))
        {
            q = q.Where(m => m.Status == s);
        }
        return await q.OrderByDescending(m => m.DueAt).Take(take)
            .Select(m => new OutboxView(m.Id, m.PatientId, m.AppointmentId, m.Channel.ToString(), m.To, m.Subject, m.Body, m.DueAt, m.Status.ToString(),
                m.Attempts, m.SentAt, m.LastError)).ToListAsync(ct);
    }
}

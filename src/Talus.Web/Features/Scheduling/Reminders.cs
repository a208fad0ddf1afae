using System.Globalization;
using System.Security.Claims;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;
using Talus.Web.Data;
using Talus.Web.Features.Auth;

namespace Talus.Web.Features.Scheduling;

/// <summary>
/// Appointment reminders through an outbox: queued in the same transaction as the booking, sent by a background
/// worker with retries, every attempt logged. The message carries the first name, the location and the time only:
/// no clinical details, and the appointment type only where the practice marked it as harmless.
/// </summary>
public static class Reminders
{
    /// <summary>Retry delays after a failed attempt; after the last one the message is given up as failed.</summary>
    public static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    public static async Task ScheduleAsync(ClinicDb db, IReadOnlyList<Appointment> appointments, IStringLocalizer<PatientText> text, DateTime now, CancellationToken ct)
    {
        if (appointments.Count == 0)
        {
            return;
        }
        var patientId = appointments[0].PatientId;
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new { p.GivenName, p.Email, p.PreferredLanguage }).FirstOrDefaultAsync(ct);
        if (patient?.Email is not { Length: > 0 } email)
        {
            return;
        }
        var optedOut = await db.ReminderPreferences.AnyAsync(p => p.PatientId == patientId && p.Channel == ReminderChannel.Email && !p.OptedIn, ct);
        if (optedOut)
        {
            return;
        }
        var typeIds = appointments.Select(a => a.TypeId).Distinct().ToList();
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var locationIds = appointments.Select(a => a.LocationId).Distinct().ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        foreach (var a in appointments)
        {
            var type = types[a.TypeId];
            if (type.ReminderLeadHours <= 0 || a.Start <= now)
            {
                continue;
            }
            var due = a.Start.AddHours(-type.ReminderLeadHours);
            var (subject, body) = Compose(patient.GivenName, patient.PreferredLanguage, type, locations[a.LocationId], a.Start, text);
            db.Outbox.Add(new OutboxMessage
            {
                PatientId = patientId, AppointmentId = a.Id, Channel = ReminderChannel.Email, To = email, Subject = subject, Body = body,
                DueAt = due < now ? now : due, NextAttemptAt = due < now ? now : due, Status = OutboxStatus.Pending, CreatedAt = now,
            });
        }
    }

    public static (string Subject, string Body) Compose(string givenName, string language, AppointmentType type, Location location, DateTime startUtc,
        IStringLocalizer<PatientText> text)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        var culture = CultureInfo.GetCultureInfo(language is "es" ? "es" : "en-US");
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language is "es" ? "es-US" : "en-US");
        try
        {
            var local = Availability.ToLocal(Availability.Zone(location.TimeZone), startUtc).ToDateTimeUnspecified();
            var when = Shared.PatientFormat.DayAndDate(DateOnly.FromDateTime(local)) + " " + Shared.PatientFormat.Time(TimeOnly.FromDateTime(local));
            // The appointment type's name is the practice's English word: a Spanish reminder says "cita" instead.
            var what = type.NameInReminder && language is not "es" ? text["ReminderWhatNamed", type.Name.ToLower(culture)].Value : text["ReminderWhat"].Value;
            var subject = text["ReminderSubject", location.Name].Value;
            var body = string.Join("\n\n",
                text["ReminderGreeting", givenName].Value,
                text["ReminderBody", what, location.Name, location.AddressLine + ", " + location.City, when].Value,
                text["ReminderChange", location.Phone].Value,
                text["ReminderFooter"].Value);
            return (subject, body);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
    }

    /// <summary>
    /// The outbox messages a staff user may see: those of appointments at the locations they work at (a message without an
    /// appointment: by the patient's location, as <see cref="Patients.PatientAccess"/>). Admin sees all.
    /// </summary>
    public static IQueryable<OutboxMessage> Visible(ClinicDb db, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return db.Outbox;
        }
        if (!user.IsInRole(Roles.FrontDesk) && !user.IsInRole(Roles.Clinician))
        {
            return db.Outbox.Where(_ => false);
        }
        var locations = TalusClaims.Locations(user);
        return db.Outbox.Where(m => m.AppointmentId != null
            ? db.Appointments.Any(a => a.Id == m.AppointmentId && locations.Contains(a.LocationId))
            : db.Patients.Any(p => p.Id == m.PatientId && (p.PreferredLocationId == null || locations.Contains(p.PreferredLocationId.Value))));
    }

    /// <summary>Cancels reminders not yet sent (cancelled or moved appointments).</summary>
    public static Task<int> CancelPendingAsync(ClinicDb db, IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct) =>
        db.Outbox.Where(m => m.AppointmentId != null && appointmentIds.Contains(m.AppointmentId.Value) && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled), ct);
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "Talus reminders <reminders@talus.example>";
    public bool UseTls { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
}

/// <summary>Sends due messages from the outbox and logs each attempt.</summary>
public static class SendDueReminders
{
    public sealed record Result(int Sent, int Failed);

    public static async Task<Result> RunAsync(ClinicDb db, SmtpOptions smtp, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(100).ToListAsync(ct);
        if (due.Count == 0)
        {
            return new(0, 0);
        }
        int sent = 0, failed = 0;
        using var client = new SmtpClient { Timeout = 10_000 };
        string? connectError = null;
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (smtp.User is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, smtp.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException or TimeoutException)
        {
            connectError = e.Message;
        }
        foreach (var m in due)
        {
            string? error = connectError;
            if (error is null)
            {
                try
                {
                    var message = new MimeMessage();
                    message.From.Add(MailboxAddress.Parse(smtp.From));
                    message.To.Add(MailboxAddress.Parse(m.To));
                    message.Subject = m.Subject;
                    message.Body = new TextPart("plain") { Text = m.Body };
                    var reply = await client.SendAsync(message, ct);
                    db.DeliveryLog.Add(new DeliveryLogEntry { MessageId = m.Id, At = now, Succeeded = true, Detail = Trim(reply) });
                }
                catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or ParseException or InvalidOperationException)
                {
                    error = e.Message;
                }
            }
            m.Attempts++;
            if (error is null)
            {
                m.Status = OutboxStatus.Sent;
                m.SentAt = now;
                m.LastError = null;
                sent++;
            }
            else
            {
                db.DeliveryLog.Add(new DeliveryLogEntry { MessageId = m.Id, At = now, Succeeded = false, Detail = Trim(error) });
                m.LastError = Trim(error);
                if (m.Attempts > Reminders.Backoff.Length)
                {
                    m.Status = OutboxStatus.Failed;
                }
                else
                {
                    m.NextAttemptAt = now + Reminders.Backoff[m.Attempts - 1];
                }
                failed++;
            }
        }
        if (client.IsConnected)
        {
            await client.DisconnectAsync(true, ct);
        }
        await db.SaveChangesAsync(ct);
        return new(sent, failed);
    }

    private static string Trim(string s) => s.Length > 380 ? s[..380] : s;
}

/// <summary>Runs <see cref="SendDueReminders"/> every Reminders:PollSeconds (0 turns it off).</summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ILogger<ReminderWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Reminders:PollSeconds", 30);
        if (seconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
                var smtp = config.GetSection("Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
                var result = await SendDueReminders.RunAsync(db, smtp, clock, stoppingToken);
                if (result.Sent + result.Failed > 0)
                {
                    log.LogInformation("Reminders: {Sent} sent, {Failed} failed", result.Sent, result.Failed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Reminder run failed");
            }
        }
    }
}

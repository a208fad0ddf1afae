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
        return PatientText.In(language, culture =>
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
        });
    }

    /// <summary>
    /// The outbox messages a staff user may see: those of appointments at the locations they work at (a message without an
    /// appointment: when they may see its patient, <see cref="Patients.PatientAccess"/>). Admin sees all.
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
        var patients = new Patients.PatientAccess(db).Visible(user);
        return db.Outbox.Where(m => m.AppointmentId != null
            ? db.Appointments.Any(a => a.Id == m.AppointmentId && locations.Contains(a.LocationId))
            : patients.Any(p => p.Id == m.PatientId));
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

/// <summary>
/// Sends due messages from the outbox and logs each attempt. Several instances may run this at once: each run first
/// claims its messages with one conditional update (pending, due, and not claimed by a run whose claim is still
/// running), then sends only what it claimed, so no message goes out twice. A run that dies mid-way leaves its claim
/// to lapse after <see cref="ClaimFor"/>, and the message is tried again.
/// </summary>
public static class SendDueReminders
{
    public sealed record Result(int Sent, int Failed);

    /// <summary>How long a run's claim keeps other runs off its messages: well beyond 100 sends with a 10 s timeout each.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(30);

    public static async Task<Result> RunAsync(ClinicDb db, SmtpOptions smtp, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await ClaimAsync(db, now, ct);
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
            m.ClaimedUntil = null;
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

    /// <summary>Claims up to 100 due messages for this run (atomic per message: the update re-checks the claim) and loads them.</summary>
    private static async Task<List<OutboxMessage>> ClaimAsync(ClinicDb db, DateTime now, CancellationToken ct)
    {
        var candidates = await db.Outbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(100).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }
        var run = Guid.NewGuid();
        var until = now + ClaimFor;
        await db.Outbox.Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, run).SetProperty(m => m.ClaimedUntil, until), ct);
        return await db.Outbox.Where(m => m.ClaimedBy == run).OrderBy(m => m.NextAttemptAt).ToListAsync(ct);
    }
}

/// <summary>
/// Runs <see cref="SendDueReminders"/> every Reminders:PollSeconds (0 turns it off), on the instance that holds the
/// "reminders" lease (one at a time; the outbox claim keeps a message from going out twice even so).
/// </summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ScaleOut.WorkerLeases leases,
    ILogger<ReminderWorker> log) : BackgroundService
{
    public const string LeaseName = "reminders";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Reminders:PollSeconds", 30);
        if (seconds <= 0)
        {
            return;
        }
        var poll = TimeSpan.FromSeconds(seconds);
        using var timer = new PeriodicTimer(poll, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!await leases.TryHoldAsync(LeaseName, ScaleOut.WorkerLeases.TtlFor(poll), stoppingToken))
                {
                    continue;
                }
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ScaleOut.WorkerLeases.GiveUpQuietlyAsync(leases, LeaseName, log);
    }
}

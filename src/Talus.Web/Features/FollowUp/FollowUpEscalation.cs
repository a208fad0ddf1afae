using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.FollowUp;

/// <summary>
/// How the practice chases follow-up questionnaires [D: practice defaults, no SPEC number]: the invitation goes out when
/// a visit's window opens, reminders follow after the given days, then the visit goes on the staff call list.
/// </summary>
public sealed class FollowUpContactSettings
{
    /// <summary>Days after the invitation at which a reminder (with a fresh link) is sent.</summary>
    public int[] ReminderDays { get; set; } = [3, 7];
    /// <summary>Days after the last reminder before the visit goes on the call list.</summary>
    [Range(0, 60)] public int CallAfterDays { get; set; } = 2;
    /// <summary>How long each emailed link works, in days.</summary>
    [Range(1, 60)] public int LinkValidDays { get; set; } = 14;

    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (ReminderDays.Length > 5 || ReminderDays.Any(d => d is < 1 or > 60) || ReminderDays.Distinct().Count() != ReminderDays.Length
            || !ReminderDays.SequenceEqual(ReminderDays.Order()))
        {
            errors["reminderDays"] = ["Up to 5 reminders, each 1–60 days after the invitation, in increasing order."];
        }
        if (CallAfterDays is < 0 or > 60)
        {
            errors["callAfterDays"] = ["The call list follows the last reminder by 0–60 days."];
        }
        if (LinkValidDays is < 1 or > 60)
        {
            errors["linkValidDays"] = ["A link works for 1–60 days."];
        }
        return errors;
    }
}

/// <summary>
/// One pass of follow-up escalation, driven by the clock it is given: opens visits whose window started and invites
/// the patient (outbox email, a link only), sends the due reminders with a fresh link, and marks visits lost to
/// follow-up when their window closed unanswered (the reason staff recorded, else Unknown). The call list is a query.
/// </summary>
public static class FollowUpEscalation
{
    public sealed record Result(int Opened, int Invited, int Reminded, int Lost);

    /// <summary>
    /// Visits invited or reminded per transaction: the pass holds one batch's visits, links and emails at a time, so its
    /// memory does not grow with the number of open visits (a network's first pass can owe thousands of emails).
    /// </summary>
    public const int BatchSize = 200;

    public static async Task<Result> RunAsync(ClinicDb db, FollowUpContactSettings settings, IStringLocalizer<PatientText> text, string publicUrl,
        TimeProvider clock, CancellationToken ct, int batchSize = BatchSize)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = PracticeClock.Today(clock);
        var (opening, lost) = await UpdateStatusesAsync(db, now, today, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // Which open visits owe an email, decided on three columns of each; the visits themselves are loaded per batch.
        var owing = await db.FollowUpVisits.AsNoTracking().Where(v => v.Status == FollowUpStatus.Open && v.WindowEnd >= today)
            .Select(v => new { v.Id, v.InvitedAt, v.RemindersSent }).ToListAsync(ct);
        var due = owing.Where(v => OwesEmail(v.InvitedAt, v.RemindersSent)).Select(v => v.Id).ToList();
        int invited = 0, reminded = 0;
        foreach (var ids in due.Chunk(batchSize))
        {
            var visits = await db.FollowUpVisits.Where(v => ids.Contains(v.Id) && v.Status == FollowUpStatus.Open).ToListAsync(ct);
            var patientIds = visits.Select(v => v.PatientId).Distinct().ToArray();
            var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
                .Select(p => new { p.Id, p.GivenName, p.Email, p.PreferredLanguage }).ToDictionaryAsync(p => p.Id, ct);
            var optedOut = (await db.ReminderPreferences.AsNoTracking()
                .Where(r => patientIds.Contains(r.PatientId) && r.Channel == ReminderChannel.Email && !r.OptedIn)
                .Select(r => r.PatientId).ToListAsync(ct)).ToHashSet();
            var mailed = new List<FollowUpVisit>();
            foreach (var v in visits)
            {
                if (!OwesEmail(v.InvitedAt, v.RemindersSent))
                {
                    continue;   // changed since the visits owing an email were read
                }
                if (!patients.TryGetValue(v.PatientId, out var p) || p.Email is not { Length: > 0 } || optedOut.Contains(p.Id))
                {
                    // No email to send: staff call straight away (the visit counts as invited with every reminder spent).
                    v.InvitedAt ??= now;
                    v.RemindersSent = settings.ReminderDays.Length;
                    v.LastReminderAt ??= now;
                    continue;
                }
                mailed.Add(v);
            }
            if (mailed.Count > 0)
            {
                await FollowUpLinks.RevokeOpenAsync(db, [.. mailed.Select(v => v.PatientId).Distinct()], [.. mailed.Select(v => v.Id)], now, ct);
            }
            foreach (var v in mailed)
            {
                var p = patients[v.PatientId];
                var reminder = v.InvitedAt is not null;
                var link = FollowUpLinks.Add(db, v.PatientId, v.Id, settings.LinkValidDays, null, now);
                var (subject, body) = Compose(p.GivenName, p.PreferredLanguage, publicUrl.TrimEnd('/') + link.Path, reminder, text);
                db.Outbox.Add(new OutboxMessage
                {
                    PatientId = v.PatientId, Channel = ReminderChannel.Email, To = p.Email!, Subject = subject, Body = body,
                    DueAt = now, NextAttemptAt = now, Status = OutboxStatus.Pending, CreatedAt = now,
                });
                if (reminder)
                {
                    v.RemindersSent++;
                    v.LastReminderAt = now;
                    reminded++;
                }
                else
                {
                    v.InvitedAt = now;
                    invited++;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new(opening.Count, invited, reminded, lost.Count);

        // Not invited yet, or the next reminder's day has come.
        bool OwesEmail(DateTime? invitedAt, int sent) => invitedAt is not { } at
            || (sent < settings.ReminderDays.Length && now >= at.AddDays(settings.ReminderDays[sent]));
    }

    /// <summary>
    /// Upcoming → Open when the window starts. A window that closed unanswered makes the visit Missed while the patient
    /// still has contact after it (a later visit answered or not yet closed), else LostToFollowUp (reason Unknown unless
    /// staff recorded one); once nothing is pending, the Missed visits after the last answered one become LostToFollowUp
    /// too (issue 10: lost = window closed and no later contact). Both count as not assessed in the registry's
    /// intention-to-treat denominator (decision 0009). Tracked, saved by the caller.
    /// </summary>
    public static async Task<(List<FollowUpVisit> Opened, List<FollowUpVisit> Lost)> UpdateStatusesAsync(ClinicDb db, DateTime nowUtc, DateOnly today, CancellationToken ct)
    {
        var procedureIds = await db.FollowUpVisits
            .Where(v => (v.Status == FollowUpStatus.Open || v.Status == FollowUpStatus.Upcoming) && v.WindowEnd < today)
            .Select(v => v.ProcedureId).Distinct().ToListAsync(ct);
        var siblings = procedureIds.Count == 0 ? [] : await db.FollowUpVisits.Where(v => procedureIds.Contains(v.ProcedureId)).ToListAsync(ct);
        var lost = siblings.GroupBy(v => v.ProcedureId).SelectMany(schedule => CloseWindows([.. schedule], nowUtc, today)).ToList();
        var opening = await db.FollowUpVisits.Where(v => v.Status == FollowUpStatus.Upcoming && v.WindowStart <= today && v.WindowEnd >= today).ToListAsync(ct);
        foreach (var v in opening)
        {
            v.Status = FollowUpStatus.Open;
        }
        return (opening, lost);
    }

    /// <summary>The closing rules of <see cref="UpdateStatusesAsync"/> for one procedure's visits; returns those now lost.</summary>
    public static List<FollowUpVisit> CloseWindows(IReadOnlyList<FollowUpVisit> schedule, DateTime nowUtc, DateOnly today)
    {
        var lost = new List<FollowUpVisit>();
        // Enums are stored as names, so the visit order is compared here, not in SQL.
        var ordered = schedule.OrderBy(v => v.Visit).ToList();
        foreach (var v in ordered.Where(v => v.Status is FollowUpStatus.Open or FollowUpStatus.Upcoming && v.WindowEnd < today).ToList())
        {
            var laterContact = ordered.Any(o => o.Visit > v.Visit
                && (o.Status == FollowUpStatus.Completed || (o.WindowEnd >= today && o.Status is FollowUpStatus.Open or FollowUpStatus.Upcoming)));
            if (laterContact)
            {
                v.Status = FollowUpStatus.Missed;
            }
            else
            {
                Lose(v);
            }
        }
        var pending = ordered.Any(o => o.WindowEnd >= today && o.Status is FollowUpStatus.Open or FollowUpStatus.Upcoming);
        var lastAnswered = ordered.LastOrDefault(o => o.Status == FollowUpStatus.Completed)?.Visit;
        foreach (var v in ordered.Where(o => !pending && o.Status == FollowUpStatus.Missed && (lastAnswered is null || o.Visit > lastAnswered)))
        {
            Lose(v);
        }
        return lost;

        void Lose(FollowUpVisit v)
        {
            v.Status = FollowUpStatus.LostToFollowUp;
            v.LostReason ??= LostReason.Unknown;
            v.LostAt = nowUtc;
            lost.Add(v);
        }
    }

    /// <summary>
    /// Open visits not yet answered whose reminders are all spent and the last one at least CallAfterDays old (or the
    /// patient has no email): the staff call list, oldest window end first.
    /// </summary>
    public static IQueryable<FollowUpVisit> CallList(ClinicDb db, FollowUpContactSettings settings, DateTime nowUtc)
    {
        var before = nowUtc.AddDays(-settings.CallAfterDays);
        var spent = settings.ReminderDays.Length;
        return db.FollowUpVisits.Where(v => v.Status == FollowUpStatus.Open && v.RemindersSent >= spent && v.LastReminderAt != null && v.LastReminderAt <= before)
            .OrderBy(v => v.WindowEnd);
    }

    /// <summary>Subject and body in the patient's language: a greeting and the link, no clinical detail.</summary>
    public static (string Subject, string Body) Compose(string givenName, string language, string url, bool reminder, IStringLocalizer<PatientText> text)
        => PatientText.In(language, _ =>
            (text[reminder ? "FuMailReminderSubject" : "FuMailSubject"].Value,
             string.Join("\n\n", text["ReminderGreeting", givenName].Value, text["FuMailBody"].Value, url, text["FuMailFooter"].Value)));
}

/// <summary>
/// Runs <see cref="FollowUpEscalation"/> every FollowUp:PollMinutes (0 turns it off), on the injected clock, on the
/// instance that holds the "follow-up" lease, so two instances never invite or remind the same patient twice.
/// </summary>
public sealed class FollowUpWorker(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ScaleOut.WorkerLeases leases,
    ILogger<FollowUpWorker> log) : BackgroundService
{
    public const string LeaseName = "follow-up";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = config.GetValue("FollowUp:PollMinutes", 15);
        if (minutes <= 0)
        {
            return;
        }
        var poll = TimeSpan.FromMinutes(minutes);
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
                var services = scope.ServiceProvider;
                var result = await FollowUpEscalation.RunAsync(services.GetRequiredService<ClinicDb>(),
                    await services.GetRequiredService<PracticeSettings>().GetAsync<FollowUpContactSettings>(stoppingToken),
                    services.GetRequiredService<IStringLocalizer<PatientText>>(), config["PublicUrl"] ?? "http://localhost:5080", clock, stoppingToken);
                if (result.Invited + result.Reminded + result.Lost > 0)
                {
                    log.LogInformation("Follow-up: {Invited} invited, {Reminded} reminded, {Lost} lost to follow-up", result.Invited, result.Reminded, result.Lost);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Follow-up escalation run failed");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ScaleOut.WorkerLeases.GiveUpQuietlyAsync(leases, LeaseName, log);
    }
}

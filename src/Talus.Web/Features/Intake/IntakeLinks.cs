using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;

using Talus.Web.Shared;

namespace Talus.Web.Features.Intake;

public enum LinkState { Valid, Unknown, Expired, Used, Revoked }

/// <summary>
/// Secure links to the intake and baseline questionnaires for a patient who has no sign-in: a random token shown once,
/// only its SHA-256 stored, valid 7 days, for one patient, revocable, closed when the patient says they are finished.
/// </summary>
public static class IntakeLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public sealed record Created(Guid LinkId, string Token, DateTime ExpiresAt)
    {
        public string Path => $"/intake/{Token}";
    }

    public sealed record LinkView(Guid Id, LinkPurpose Purpose, DateTime CreatedAt, DateTime ExpiresAt, DateTime? CompletedAt, DateTime? RevokedAt, string? CreatedBy);

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<Outcome<Created>> CreateAsync(Guid patientId, string? createdBy, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound();
        }
        var token = NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        var link = new PatientLink
        {
            PatientId = patientId, Purpose = LinkPurpose.Intake, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime,
            CreatedBy = createdBy,
        };
        db.PatientLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return new Created(link.Id, token, link.ExpiresAt);
    }

    /// <summary>Where an emailed link went: the address it was queued for.</summary>
    public sealed record Sent(Guid LinkId, string To, DateTime ExpiresAt);

    /// <summary>
    /// Creates a link and emails it to the patient through the outbox, in the patient's language: a greeting, one
    /// sentence on what to do, the link and its end date; no clinical detail. A patient without an email address is refused by field.
    /// </summary>
    public static async Task<Outcome<Sent>> SendAsync(Guid patientId, string? createdBy, string baseUrl, ClinicDb db, TimeProvider clock,
        IStringLocalizer<PatientText> text, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new { p.GivenName, p.Email, p.PreferredLanguage }).FirstOrDefaultAsync(ct);
        if (patient is null)
        {
            return Outcome.NotFound();
        }
        if (string.IsNullOrWhiteSpace(patient.Email))
        {
            return Outcome.Invalid("email", "The patient has no email address: add one to their details, or enter the intake with them.");
        }
        var created = (await CreateAsync(patientId, createdBy, db, clock, ct)).Value!;
        var (subject, body) = PatientText.In(patient.PreferredLanguage, culture => (text["IntakeLinkSubject"].Value, string.Join("\n\n",
            text["ReminderGreeting", patient.GivenName].Value,
            text["IntakeLinkBody", Shared.PracticeClock.Date(created.ExpiresAt).ToString("D", culture)].Value,
            baseUrl.TrimEnd('/') + created.Path,
            text["IntakeLinkFooter"].Value)));
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            PatientId = patientId, Channel = ReminderChannel.Email, To = patient.Email, Subject = subject, Body = body,
            DueAt = now, NextAttemptAt = now, Status = OutboxStatus.Pending, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return new Sent(created.LinkId, patient.Email, created.ExpiresAt);
    }

    /// <summary>Finds the link a token opens and says whether it may still be used.</summary>
    public static async Task<(LinkState State, PatientLink? Link)> ResolveAsync(string? token, ClinicDb db, TimeProvider clock, CancellationToken ct,
        LinkPurpose purpose = LinkPurpose.Intake)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return (LinkState.Unknown, null);
        }
        var hash = Hash(token);
        var link = await db.PatientLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose, ct);
        var state = link switch
        {
            null => LinkState.Unknown,
            { RevokedAt: not null } => LinkState.Revoked,
            { CompletedAt: not null } => LinkState.Used,
            _ when link.ExpiresAt <= clock.GetUtcNow().UtcDateTime => LinkState.Expired,
            _ => LinkState.Valid,
        };
        return (state, link);
    }

    public static Task<List<LinkView>> OpenAsync(Guid patientId, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.PatientLinks.AsNoTracking()
            .Where(l => l.PatientId == patientId && l.RevokedAt == null && l.CompletedAt == null && l.ExpiresAt > now)
            .OrderByDescending(l => l.CreatedAt)
            .Select(l => new LinkView(l.Id, l.Purpose, l.CreatedAt, l.ExpiresAt, l.CompletedAt, l.RevokedAt, l.CreatedBy))
            .ToListAsync(ct);
    }

    /// <summary>Revokes one link, or every open link of the patient when <paramref name="linkId"/> is null.</summary>
    public static async Task<int> RevokeAsync(Guid patientId, Guid? linkId, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var links = await db.PatientLinks
            .Where(l => l.PatientId == patientId && l.RevokedAt == null && l.CompletedAt == null && (linkId == null || l.Id == linkId))
            .ToListAsync(ct);
        foreach (var l in links)
        {
            l.RevokedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return links.Count;
    }

    /// <summary>The patient says they are finished: the link stops working.</summary>
    public static async Task CompleteAsync(Guid linkId, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var link = await db.PatientLinks.FirstAsync(l => l.Id == linkId, ct);
        link.CompletedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>256 random bits, URL-safe: unguessable.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

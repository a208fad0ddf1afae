using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Intake;
using Talus.Web.Shared;

namespace Talus.Web.Features.FollowUp;

/// <summary>
/// The secure link to one follow-up visit's questionnaires: a random token (only its hash stored, as for intake links),
/// expiring, closed once the visit's questionnaires are all answered. It reveals nothing, not even a name, until the
/// patient confirms their date of birth; a confirmed browser then carries a short-lived protected cookie for that link
/// only. After <see cref="MaxBirthDateAttempts"/> wrong dates the link is revoked.
/// </summary>
public static class FollowUpLinks
{
    public const int MaxBirthDateAttempts = 5;
    public const string Resource = "FollowUpLink";
    private const string WrongBirthDate = "dob mismatch";
    private const string CookieName = "talus.fu";
    private static readonly TimeSpan Unlocked = TimeSpan.FromMinutes(60);

    public sealed record Created(Guid LinkId, string Token, DateTime ExpiresAt)
    {
        public string Path => $"/followup/{Token}";
    }

    /// <summary>A new link for the visit; earlier open links of the visit stop working (only the newest email works).</summary>
    public static async Task<Outcome<Created>> CreateAsync(Guid patientId, Guid visitId, int validDays, string? createdBy, ClinicDb db, DateTime nowUtc, CancellationToken ct)
    {
        var visit = await db.FollowUpVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == visitId && v.PatientId == patientId, ct);
        if (visit is null)
        {
            return Outcome.NotFound();
        }
        if (visit.Status == FollowUpStatus.Completed)
        {
            return Outcome.Conflict("This visit's questionnaires are already answered.");
        }
        await RevokeOpenAsync(db, [patientId], [visitId], nowUtc, ct);
        return Add(db, patientId, visitId, validDays, createdBy, nowUtc);
    }

    /// <summary>
    /// Stops the open (not revoked, not completed) links of these visits, found through their patients' index; tracked,
    /// saved by the caller.
    /// </summary>
    internal static async Task RevokeOpenAsync(ClinicDb db, Guid[] patientIds, Guid[] visitIds, DateTime nowUtc, CancellationToken ct)
    {
        var earlier = await db.PatientLinks
            .Where(l => patientIds.Contains(l.PatientId) && l.TargetId != null && visitIds.Contains(l.TargetId.Value)
                && l.Purpose == LinkPurpose.Questionnaire && l.RevokedAt == null && l.CompletedAt == null)
            .ToListAsync(ct);
        foreach (var old in earlier)
        {
            old.RevokedAt = nowUtc;
        }
    }

    /// <summary>A new link to the visit's questionnaires, added to the context (saved by the caller); its token is only returned.</summary>
    internal static Created Add(ClinicDb db, Guid patientId, Guid visitId, int validDays, string? createdBy, DateTime nowUtc)
    {
        var token = IntakeLinks.NewToken();
        var link = new PatientLink
        {
            PatientId = patientId, Purpose = LinkPurpose.Questionnaire, TargetId = visitId, TokenHash = IntakeLinks.Hash(token),
            CreatedAt = nowUtc, ExpiresAt = nowUtc.AddDays(validDays), CreatedBy = createdBy,
        };
        db.PatientLinks.Add(link);
        return new Created(link.Id, token, link.ExpiresAt);
    }

    /// <summary>Whether this browser confirmed the date of birth for this link (protected cookie, not expired).</summary>
    public static bool IsUnlocked(HttpContext http, PatientLink link, IDataProtectionProvider protection, DateTime nowUtc)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var raw) || string.IsNullOrEmpty(raw))
        {
            return false;
        }
        try
        {
            var parts = Protector(protection).Unprotect(raw).Split('|');
            return parts.Length == 2 && parts[0] == link.Id.ToString()
                && long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var ticks) && nowUtc.Ticks < ticks;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    public enum Confirmation { Confirmed, Wrong, LockedOut }

    /// <summary>
    /// Checks the date of birth. A match unlocks this browser for the link; a mismatch is audited (the count of
    /// mismatches is read back from the audit trail) and the last allowed one revokes the link.
    /// </summary>
    public static async Task<Confirmation> ConfirmAsync(PatientLink link, DateOnly? birthDate, HttpContext http, ClinicDb db,
        IDataProtectionProvider protection, AuditContext who, DateTime nowUtc, CancellationToken ct)
    {
        var actual = await db.Patients.AsNoTracking().Where(p => p.Id == link.PatientId).Select(p => p.BirthDate).FirstAsync(ct);
        if (birthDate == actual)
        {
            var value = Protector(protection).Protect(FormattableString.Invariant($"{link.Id}|{(nowUtc + Unlocked).Ticks}"));
            http.Response.Cookies.Append(CookieName, value, new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/followup/", MaxAge = Unlocked,
            });
            return Confirmation.Confirmed;
        }
        var id = link.Id.ToString();
        db.AuditEntries.Add(who.Entry(AuditAction.Read, Resource, link.PatientId, id, WrongBirthDate, nowUtc));
        var wrong = 1 + await db.AuditEntries.CountAsync(a => a.PatientId == link.PatientId && a.Resource == Resource && a.RecordId == id && a.Outcome == WrongBirthDate, ct);
        var locked = wrong >= MaxBirthDateAttempts;
        if (locked)
        {
            var tracked = await db.PatientLinks.FirstAsync(l => l.Id == link.Id, ct);
            tracked.RevokedAt = nowUtc;
        }
        await db.SaveChangesAsync(ct);
        return locked ? Confirmation.LockedOut : Confirmation.Wrong;
    }

    private static IDataProtector Protector(IDataProtectionProvider p) => p.CreateProtector("Talus.FollowUp.Link");
}

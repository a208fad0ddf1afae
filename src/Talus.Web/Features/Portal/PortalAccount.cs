using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Features.Portal;

/// <summary>
/// Gives a patient a portal sign-in: their email becomes the user name, and a one-time link (valid for a day) lets
/// them choose their own password. Staff never see or set the password.
/// </summary>
public static class PortalAccount
{
    public sealed record Invitation(string Link, bool NewAccount);

    public sealed record Status(bool HasAccount, bool HasPassword, string? Email);

    public static async Task<Status> StatusAsync(Guid patientId, ClinicDb db, CancellationToken ct)
    {
        var email = await db.Patients.Where(p => p.Id == patientId).Select(p => p.Email).FirstOrDefaultAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PatientId == patientId, ct);
        return new Status(user is not null, user?.PasswordHash is not null, email);
    }

    public static async Task<(Invitation? Invitation, Dictionary<string, string[]> Errors)> InviteAsync(Guid patientId, string baseUrl,
        ClinicDb db, UserManager<AppUser> users, AuditContext who, TimeProvider clock, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == patientId, ct);
        if (string.IsNullOrWhiteSpace(patient.Email))
        {
            return (null, new() { ["email"] = ["Add the patient's email address first: it becomes their portal sign-in."] });
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.PatientId == patientId, ct);
        var created = false;
        if (user is null)
        {
            if (await users.FindByEmailAsync(patient.Email) is not null)
            {
                return (null, new() { ["email"] = ["This email address already belongs to another Talus account. Correct the patient's email first."] });
            }
            user = new AppUser { UserName = patient.Email, Email = patient.Email, EmailConfirmed = true, DisplayName = patient.FullName, PatientId = patientId };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
            {
                return (null, new() { ["email"] = [.. result.Errors.Select(e => e.Description)] });
            }
            await users.AddToRoleAsync(user, Roles.Patient);
            created = true;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        db.AuditEntries.Add(who.Entry(created ? AuditAction.Create : AuditAction.Update, "PortalAccount", patientId, user.Id, "invited",
            clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        var code = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));
        return (new Invitation($"{baseUrl.TrimEnd('/')}/portal/welcome?account={Uri.EscapeDataString(user.Id)}&code={code}", created), []);
    }

    /// <summary>Sets the password from an invitation link; false when the link is unknown, used or expired.</summary>
    public static async Task<IdentityResult> ChoosePasswordAsync(string account, string code, string password, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(account);
        if (user?.PatientId is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "This link is not valid." });
        }
        string token;
        try
        {
            token = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "This link is not valid." });
        }
        return await users.ResetPasswordAsync(user, token, password);
    }

    public static void MapPortalAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/api/patients/{patientId:guid}/portal-invitation", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<
                Microsoft.AspNetCore.Http.HttpResults.Ok<Invitation>, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>> (
                Guid patientId, HttpRequest request, ClinicDb db, UserManager<AppUser> users, AuditContext who, TimeProvider clock, CancellationToken ct) =>
            {
                var (invitation, errors) = await InviteAsync(patientId, $"{request.Scheme}://{request.Host}", db, users, who, clock, ct);
                return invitation is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(invitation);
            })
            .WithTags("Patients")
            .RequireAuthorization(Auth.Policies.PatientEnter)
            .PatientData("PortalAccount")
            .WithSummary("Give the patient a portal sign-in (their email) and get a one-time link, valid for a day, for them to choose a password.");
    }
}

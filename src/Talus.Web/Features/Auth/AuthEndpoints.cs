using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Features.Auth;

public static class AuthEndpoints
{
    public sealed record TokenRequest([property: Required, EmailAddress] string Email, [property: Required] string Password);

    public static void MapAuthEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");

        group.MapPost("/token", IssueTokenAsync).AllowAnonymous()
            .WithSummary("Exchange a user's email and password for a bearer token (system clients).")
            .WithDescription("Answers with { tokenType, accessToken, expiresIn, refreshToken }. Send it as 'Authorization: Bearer <accessToken>'. Five failed attempts lock the account for 15 minutes.");

        app.MapPost("/signout", async (SignInManager<AppUser> signIn, AuditLog audit, AuditContext who, TimeProvider clock) =>
        {
            await audit.WriteAsync(who.Entry(AuditAction.SignOut, "Session", null, null, "ok", clock.GetUtcNow().UtcDateTime), CancellationToken.None);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/signin");
        }).RequireAuthorization().ExcludeFromDescription();
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, SignInManager<AppUser> signIn, AuditLog audit, AuditContext who, TimeProvider clock)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email, request.Password, isPersistent: false, lockoutOnFailure: true);
        await audit.WriteAsync(who.Entry(result.Succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, "Token", null, null,
            result.Succeeded ? "ok" : result.IsLockedOut ? "locked" : "denied", clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        if (result.Succeeded)
        {
            // The bearer handler has written the token response.
            return TypedResults.Empty;
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
            detail: result.IsLockedOut ? "Too many failed attempts: the account is locked for 15 minutes." : "Email or password is wrong.");
    }
}

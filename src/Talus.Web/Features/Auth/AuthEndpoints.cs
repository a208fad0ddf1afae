using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Features.Auth;

public static class AuthEndpoints
{
    /// <param name="Scope">Optional SMART v2 scopes for the FHIR API, space-separated (e.g. "user/*.rs", "patient/Observation.rs"); without it the token has the role's full access.</param>
    public sealed record TokenRequest([property: Required, EmailAddress] string Email, [property: Required] string Password,
        [property: StringLength(2000)] string? Scope = null);

    public static void MapAuthEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");

        group.MapPost("/token", IssueTokenAsync).AllowAnonymous()
            .WithSummary("Exchange a user's email and password for a bearer token (system clients).")
            .WithDescription("Answers with { tokenType, accessToken, expiresIn, refreshToken }. An optional 'scope' (SMART v2, space-separated) limits what the token may do in the FHIR API (/fhir). Send it as 'Authorization: Bearer <accessToken>'. Failures are limited per client address (20 per 10 minutes) and per email (5 per 15 minutes, whether or not the email has an account); past a limit the answer is 429, even for the right password. An unknown email and a wrong password get the same answer.");

        app.MapPost("/signout", async (SignInManager<AppUser> signIn, AuditLog audit, AuditContext who, TimeProvider clock) =>
        {
            await audit.WriteAsync(who.Entry(AuditAction.SignOut, "Session", null, null, "ok", clock.GetUtcNow().UtcDateTime), CancellationToken.None);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/signin");
        }).RequireAuthorization().ExcludeFromDescription();
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> IssueTokenAsync(
        TokenRequest request, HttpContext http, SignInManager<AppUser> signIn, SignInGate gate, AuditLog audit, AuditContext who, TimeProvider clock)
    {
        if (request.Scope is { } scope)
        {
            if (Fhir.SmartScopes.Unknown(scope) is { Count: > 0 } unknown)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["scope"] = [$"Unknown scope '{unknown[0]}': use SMART v2 scopes such as user/*.rs, patient/*.rs, system/*.rs or user/Observation.rs."],
                });
            }
            // Read by TalusClaimsFactory, which puts the scopes in the token.
            http.Items[Fhir.SmartScopes.Claim] = string.Join(' ', scope.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var verdict = await gate.SignInAsync(request.Email, request.Password, http.Connection.RemoteIpAddress?.ToString());
        await audit.WriteAsync(who.Entry(verdict == SignInVerdict.SignedIn ? AuditAction.SignIn : AuditAction.SignInFailed, "Token", null, null,
            verdict switch { SignInVerdict.SignedIn => "ok", SignInVerdict.Throttled => "throttled", _ => "denied" },
            clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        return verdict switch
        {
            // The bearer handler has written the token response.
            SignInVerdict.SignedIn => TypedResults.Empty,
            SignInVerdict.Throttled => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in failed",
                detail: SignInGate.ThrottledMessage),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: SignInGate.RefusedMessage),
        };
    }
}

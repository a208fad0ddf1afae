using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Shared;

namespace Talus.Web.Features.Auth;

/// <summary>
/// Backend clients of the FHIR API (SMART Backend Services): the administrator registers and revokes them, a client
/// exchanges its id and secret for a bearer token (client credentials grant), and the SMART configuration names the endpoint.
/// </summary>
public static class ApiClientEndpoints
{
    public const string TokenPath = "/api/auth/client-token";

    /// <summary>One error of the token endpoint (RFC 6749 §5.2).</summary>
    public sealed record TokenError(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string Description);

    public static void MapApiClientEndpoints(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin/api-clients").WithTags("API clients").RequireAuthorization(Policies.PracticeManage);
        admin.MapGet("/", async (ClinicDb db, CancellationToken ct) => TypedResults.Ok(await ApiClients.ListAsync(db, ct)))
            .WithSummary("The registered backend clients of the FHIR API (never their secrets).");
        admin.MapPost("/", async (ApiClientInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await ApiClients.RegisterAsync(input, user, db, clock, ct)).ToHttp(c => TypedResults.Created($"/api/admin/api-clients/{c.ClientId}", c)))
            .Produces<RegisteredApiClient>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Register a backend client: name, system read scopes (system/*.rs or narrower), locations (none = all). The answer holds the client secret: it is shown this once.");
        admin.MapPost("/{id:guid}/revoke", async (Guid id, ClinicDb db, ApiClientStates states, TimeProvider clock, CancellationToken ct) =>
                (await ApiClients.RevokeAsync(id, db, states, clock, ct)).ToHttp(c => TypedResults.Ok(c)))
            .Produces<ApiClientView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revoke a backend client: its tokens stop working at once and it can get no new ones.");

        app.MapPost(TokenPath, IssueAsync).AllowAnonymous().WithTags("Sign-in")
            .Accepts<IFormCollection>("application/x-www-form-urlencoded")
            .Produces<ApiClients.TokenAnswer>().Produces<TokenError>(StatusCodes.Status400BadRequest).Produces<TokenError>(StatusCodes.Status401Unauthorized)
            .WithSummary("Client credentials grant for registered backend clients (SMART Backend Services): a bearer token for the FHIR API.")
            .WithDescription("Form fields: grant_type=client_credentials, optional scope (a subset of the client's scopes; default all of them). " +
                "Client id and secret by HTTP Basic (client_secret_basic) or as client_id and client_secret fields (client_secret_post). " +
                "Answers { access_token, token_type, expires_in, scope }. The token works on /fhir only, reads the patients of the client's locations, and every request is audited with the client as the actor.");

        app.MapGet("/fhir/.well-known/smart-configuration", (HttpContext ctx) => TypedResults.Json(SmartConfiguration(ctx.Request)))
            .AllowAnonymous().WithTags("FHIR R4")
            .WithSummary("SMART configuration: the token endpoint, grant types, client authentication methods, scopes and capabilities.");
    }

    private static async Task<IResult> IssueAsync(HttpContext ctx, ClinicDb db, IOptionsMonitor<BearerTokenOptions> bearer, AuditLog audit, AuditContext who,
        TimeProvider clock)
    {
        if (!ctx.Request.HasFormContentType)
        {
            return TypedResults.BadRequest(new TokenError("invalid_request", "Send the form fields as application/x-www-form-urlencoded."));
        }
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return TypedResults.BadRequest(new TokenError("unsupported_grant_type", "This endpoint grants client_credentials only."));
        }
        var scope = form["scope"].FirstOrDefault();
        if (scope is { Length: > 2000 } || scope is not null && Fhir.SmartScopes.Unknown(scope).Count > 0)
        {
            return TypedResults.BadRequest(new TokenError("invalid_scope", "Ask for SMART v2 system scopes, e.g. system/*.rs."));
        }
        var (id, secret) = ApiClients.Credentials(ctx.Request, form);
        var outcome = await ApiClients.IssueTokenAsync(id, secret, scope, db, bearer, clock, ctx.RequestAborted);
        await audit.WriteAsync(who.Entry(outcome.IsOk ? AuditAction.SignIn : AuditAction.SignInFailed, "ClientToken", null,
            Guid.TryParse(id, out var clientId) ? clientId.ToString() : null, outcome.IsOk ? "ok" : "denied", clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        if (outcome.IsOk)
        {
            return TypedResults.Ok(outcome.Value);
        }
        return outcome.Errors.ContainsKey("scope")
            ? TypedResults.BadRequest(new TokenError("invalid_scope", "The client was not given one of the scopes asked for."))
            : TypedResults.Json(new TokenError("invalid_client", "Unknown or revoked client, or wrong secret."), statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>SMART App Launch 2.0 §2.6 (well-known configuration), for backend services with a client secret.</summary>
    public static Dictionary<string, object> SmartConfiguration(HttpRequest request)
    {
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new()
        {
            ["token_endpoint"] = origin + TokenPath,
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
            ["scopes_supported"] = new[] { "system/*.rs", "system/*.read", "user/*.rs", "patient/*.rs", "user/*.cs", "patient/QuestionnaireResponse.c" },
            ["capabilities"] = new[] { "client-confidential-symmetric", "permission-v1", "permission-v2" },
        };
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Auth;

/// <summary>
/// A backend service registered by the administrator (SMART Backend Services, client credentials): the system scopes it
/// may be granted, the locations whose patients it may read (none listed = every location), and the SHA-256 hash of its
/// secret. The secret is shown once, when the client is registered; a revoked client's tokens stop working at once.
/// </summary>
public sealed class ApiClient
{
    public Guid Id { get; set; } = Ids.NewV7();
    public required string Name { get; set; }
    /// <summary>Space-separated SMART v2 system scopes, e.g. "system/*.rs" or "system/Patient.rs system/Observation.rs".</summary>
    public required string Scope { get; set; }
    /// <summary>The locations whose patients the client may see; empty = every location.</summary>
    public List<int> LocationIds { get; set; } = [];
    /// <summary>Hex SHA-256 of the secret: the secret is 256 random bits, so a fast hash cannot be guessed back.</summary>
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }

    public static void Configure(ModelBuilder builder) => builder.Entity<ApiClient>(e =>
    {
        e.ToTable("ApiClients");
        e.Property(c => c.Name).HasMaxLength(100);
        e.Property(c => c.Scope).HasMaxLength(1000);
        e.Property(c => c.SecretHash).HasMaxLength(64);
        e.Property(c => c.CreatedBy).HasMaxLength(256);
    });
}

/// <summary>What the administrator enters to register a backend client.</summary>
public sealed class ApiClientInput
{
    [Required, StringLength(100, MinimumLength = 2), Display(Name = "Name")] public string Name { get; set; } = "";
    /// <summary>Space-separated system scopes with read and search only: system/*.rs (everything), system/Patient.rs, system/Observation.s …</summary>
    [Required, StringLength(1000), Display(Name = "Scopes")] public string Scope { get; set; } = "system/*.rs";
    /// <summary>The locations whose patients the client may read; empty = every location.</summary>
    public List<int> LocationIds { get; set; } = [];
}

/// <summary>A client as the administrator sees it (never the secret or its hash).</summary>
public sealed record ApiClientView(Guid Id, string Name, string Scope, int[] LocationIds, DateTime CreatedAt, string? CreatedBy, DateTime? RevokedAt)
{
    public static ApiClientView From(ApiClient c) => new(c.Id, c.Name, c.Scope, [.. c.LocationIds], c.CreatedAt, c.CreatedBy, c.RevokedAt);
}

/// <summary>A new client with its secret: the only time the secret is shown.</summary>
public sealed record RegisteredApiClient(ApiClientView Client, string ClientId, string ClientSecret);

/// <summary>Registers, lists and revokes backend clients, and checks a client's credentials.</summary>
public static partial class ApiClients
{
    /// <summary>The role of a client's principal: admitted by the FHIR read policies only, and only on /fhir (CurrentAccountHandler).</summary>
    public const string ClientClaim = "talus:client";

    [System.Text.RegularExpressions.GeneratedRegex(@"^system/(\*|[A-Z][A-Za-z]{1,63})\.(r?s?|read)$")]
    private static partial System.Text.RegularExpressions.Regex ReadScope();

    /// <summary>The scopes a client may hold: system scopes that read or search (SMART v2 'r' / 's', v1 'read').</summary>
    public static bool IsGrantable(string scope) => ReadScope().IsMatch(scope) && !scope.EndsWith('.');

    public static async Task<Outcome<RegisteredApiClient>> RegisterAsync(ApiClientInput input, ClaimsPrincipal by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var scopes = Scopes(input.Scope);
        if (scopes.Length == 0)
        {
            return Outcome.Invalid("scope", "Give at least one scope, e.g. system/*.rs.");
        }
        if (scopes.FirstOrDefault(s => !IsGrantable(s)) is { } bad)
        {
            return Outcome.Invalid("scope", $"'{bad}' is not a read scope for a backend client: use system/*.rs or system/{{Type}}.rs (read and search only).");
        }
        var locations = (input.LocationIds ?? []).Distinct().ToList();
        var known = await db.Locations.Where(l => locations.Contains(l.Id)).CountAsync(ct);
        if (known != locations.Count)
        {
            return Outcome.Invalid("locationIds", "No such location.");
        }
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var client = new ApiClient
        {
            Name = input.Name.Trim(), Scope = string.Join(' ', scopes), LocationIds = locations, SecretHash = Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by.Identity?.Name,
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return new RegisteredApiClient(ApiClientView.From(client), client.Id.ToString(), secret);
    }

    public static async Task<Outcome<ApiClientView>> RevokeAsync(Guid id, ClinicDb db, ApiClientStates states, TimeProvider clock, CancellationToken ct)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Outcome.NotFound("No such API client.");
        }
        client.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        states.Invalidate();
        return ApiClientView.From(client);
    }

    public static Task<List<ApiClientView>> ListAsync(ClinicDb db, CancellationToken ct) =>
        db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name)
            .Select(c => new ApiClientView(c.Id, c.Name, c.Scope, c.LocationIds.ToArray(), c.CreatedAt, c.CreatedBy, c.RevokedAt)).ToListAsync(ct);

    /// <summary>The token answer of the client credentials grant (RFC 6749 §4.4, SMART Backend Services): snake_case fields.</summary>
    public sealed record TokenAnswer(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

    /// <summary>
    /// The client credentials grant: a live client with the right secret gets a bearer token with the scopes it asked for
    /// (all its scopes when it asks for none); asking for a scope it was not given is refused (invalid_scope).
    /// </summary>
    public static async Task<Outcome<TokenAnswer>> IssueTokenAsync(string? clientId, string? secret, string? requested, ClinicDb db,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(clientId, out var id) || string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return Outcome.Invalid("client_id", "invalid_client");
        }
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        var expected = Encoding.ASCII.GetBytes(client?.SecretHash ?? new string('0', 64));
        if (client is null || client.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(Hash(secret))))
        {
            return Outcome.Invalid("client_id", "invalid_client");
        }
        var granted = Scopes(client.Scope);
        var asked = requested is null ? granted : Scopes(requested);
        if (asked.Length == 0 || asked.Any(s => !granted.Contains(s)))
        {
            return Outcome.Invalid("scope", "invalid_scope");
        }
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var now = clock.GetUtcNow();
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, client.Id.ToString()),
            new Claim(ClaimTypes.Name, $"API client: {client.Name}"),
            new Claim(ClientClaim, client.Id.ToString()),
            new Claim(Fhir.SmartScopes.Claim, string.Join(' ', asked)),
        ], IdentityConstants.BearerScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration }, IdentityConstants.BearerScheme);
        return new TokenAnswer(options.BearerTokenProtector.Protect(ticket), "bearer", (int)options.BearerTokenExpiration.TotalSeconds, string.Join(' ', asked));
    }

    /// <summary>Client id and secret from HTTP Basic (client_secret_basic) or the form (client_secret_post).</summary>
    public static (string? Id, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        return (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
    }

    private static string[] Scopes(string scope) => [.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// What a client may do right now (live, its locations), read from the database and cached for at most one second, dropped
/// at once when a client is revoked in this process: a revoked client's token stops working on its next request.
/// </summary>
public sealed class ApiClientStates(IServiceScopeFactory scopes)
{
    public sealed record State(bool Live, int[] Locations);

    private readonly ShortLivedCache<Guid, State?> cache = new(TimeSpan.FromSeconds(1), 1000);

    public void Invalidate() => cache.Invalidate();

    public ValueTask<State?> GetAsync(Guid id, CancellationToken ct) => cache.GetOrLoadAsync(id, LoadAsync, ct);

    private async Task<State?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        var client = await db.ApiClients.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.RevokedAt, c.LocationIds }).SingleOrDefaultAsync(ct);
        return client is null ? null : new State(client.RevokedAt is null,
            client.LocationIds.Count > 0 ? [.. client.LocationIds] : await db.Locations.Select(l => l.Id).ToArrayAsync(ct));
    }

    /// <summary>
    /// The principal of a client token with the client's current locations and the <see cref="Roles.ApiClient"/> role, or
    /// null when the client was revoked or removed, or the request is not for the FHIR API (the only place its token works).
    /// </summary>
    public async Task<ClaimsPrincipal?> CurrentAsync(ClaimsIdentity token, HttpRequest request, CancellationToken ct)
    {
        if (!request.Path.StartsWithSegments("/fhir") || !Guid.TryParse(token.FindFirst(ApiClients.ClientClaim)?.Value, out var id)
            || await GetAsync(id, ct) is not { Live: true } state)
        {
            return null;
        }
        var current = new ClaimsIdentity(token.Claims.Where(c => c.Type != token.RoleClaimType && c.Type != TalusClaims.Location),
            token.AuthenticationType, token.NameClaimType, token.RoleClaimType);
        current.AddClaim(new Claim(token.RoleClaimType, Roles.ApiClient));
        current.AddClaims(state.Locations.Select(l => new Claim(TalusClaims.Location, l.ToString(CultureInfo.InvariantCulture))));
        return new ClaimsPrincipal(current);
    }
}

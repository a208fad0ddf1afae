using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Auth;

/// <summary>What an account may do right now: read from the database, never from a cookie or token.</summary>
public sealed record AccountState(string SecurityStamp, bool Active, string[] Roles, int[] Locations);

/// <summary>
/// The current state of each account, cached for at most one second and dropped at once when this process saves a
/// change to a user, their roles, or a staff member and their locations (other processes: within the second).
/// </summary>
public sealed class AccountStates(IServiceScopeFactory scopes)
{
    private readonly ShortLivedCache<string, AccountState?> cache = new(TimeSpan.FromSeconds(1), 10_000);

    public void Invalidate() => cache.Invalidate();

    public ValueTask<AccountState?> GetAsync(string userId, CancellationToken ct) => cache.GetOrLoadAsync(userId, LoadAsync, ct);

    private async Task<AccountState?> LoadAsync(string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.StaffMemberId }).SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToArrayAsync(ct);
        var active = true;
        int[] locations = [];
        if (user.StaffMemberId is { } staffId)
        {
            var staff = await db.Staff.AsNoTracking().Where(s => s.Id == staffId)
                .Select(s => new { s.IsActive, Locations = s.Locations.Select(l => l.LocationId).ToArray() }).SingleOrDefaultAsync(ct);
            active = staff?.IsActive == true;
            locations = staff?.Locations ?? [];
        }
        return new AccountState(user.SecurityStamp ?? "", active, roles, locations);
    }
}

/// <summary>
/// The default authentication scheme: takes the principal from the bearer token (Authorization: Bearer) or the sign-in
/// cookie, then checks it against the account's current state on every request, for both alike. An account that is
/// gone or deactivated, or whose security stamp changed (password, role, locations or status changed by an
/// administrator), fails authentication: pages redirect to sign-in and the API answers 401. Roles and locations always
/// come from the account's current state, never from what was true when the cookie or token was issued.
/// </summary>
public sealed class CurrentAccountHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    System.Text.Encodings.Web.UrlEncoder encoder, AccountStates states, IOptions<IdentityOptions> identity, ApiClientStates clients, BearerTickets tickets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private string Target => Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        ? IdentityConstants.BearerScheme
        : IdentityConstants.ApplicationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var target = Target;
        var inner = target == IdentityConstants.BearerScheme
            ? await tickets.AuthenticateAsync(Request.Headers.Authorization.ToString(), TimeProvider.GetUtcNow(), () => Context.AuthenticateAsync(target))
            : await Context.AuthenticateAsync(target);
        if (!inner.Succeeded)
        {
            return inner.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(inner.Failure ?? new InvalidOperationException("Not signed in."));
        }
        var current = await CurrentAsync(inner.Principal);
        if (current is null)
        {
            if (target == IdentityConstants.ApplicationScheme)
            {
                await Context.SignOutAsync(target);
            }
            return AuthenticateResult.Fail("The account changed or was deactivated: sign in again.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(current, inner.Properties, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(Target, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(Target, properties);

    /// <summary>The principal with the account's current roles and locations, or null when it may no longer be used.</summary>
    private async Task<ClaimsPrincipal?> CurrentAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } signedIn)
        {
            return null;
        }
        if (signedIn.HasClaim(c => c.Type == ApiClients.ClientClaim))
        {
            // A backend client's token (client credentials): checked against the client, not an account.
            return await clients.CurrentAsync(signedIn, Request, Context.RequestAborted);
        }
        var claimTypes = identity.Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claimTypes.UserIdClaimType);
        var state = userId is null ? null : await states.GetAsync(userId, Context.RequestAborted);
        if (state is null || !state.Active || principal.FindFirstValue(claimTypes.SecurityStampClaimType) != state.SecurityStamp)
        {
            return null;
        }
        var current = new ClaimsIdentity(
            signedIn.Claims.Where(c => c.Type != signedIn.RoleClaimType && c.Type != TalusClaims.Location),
            signedIn.AuthenticationType, signedIn.NameClaimType, signedIn.RoleClaimType);
        current.AddClaims(state.Roles.Select(r => new Claim(signedIn.RoleClaimType, r)));
        current.AddClaims(state.Locations.Select(l => new Claim(TalusClaims.Location, l.ToString(CultureInfo.InvariantCulture))));
        return new ClaimsPrincipal(current);
    }
}

/// <summary>Drops the cached account states when a save touches users, their roles, staff members or their locations.</summary>
public sealed class AccountChangeInterceptor(AccountStates states) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> touched = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var relevant = context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is AppUser or IdentityUserRole<string> or StaffMember or StaffLocation);
        if (relevant)
        {
            states.Invalidate();
            touched.AddOrUpdate(context, true);
        }
    }

    private void Done(DbContext? context)
    {
        if (context is not null && touched.TryGetValue(context, out _))
        {
            touched.Remove(context);
            states.Invalidate();
        }
    }
}

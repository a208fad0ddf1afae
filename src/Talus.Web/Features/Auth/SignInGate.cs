using Microsoft.AspNetCore.Identity;
using Talus.Web.Data;
using Talus.Web.Features.ScaleOut;

namespace Talus.Web.Features.Auth;

public enum SignInVerdict
{
    SignedIn,
    /// <summary>Wrong email or password, or an account that may not sign in: one answer, so existence is not revealed.</summary>
    Refused,
    /// <summary>Too many failures from this address or for this email (whether or not it has an account).</summary>
    Throttled,
}

/// <summary>
/// The one way to sign in with a password, for the sign-in page and the token endpoint. Limits failed attempts per
/// client address and per email (whether or not an account exists): past either limit (fixed windows counted in the database, shared by every instance) every attempt is refused, even
/// with the right password. Successful sign-ins do not count, so a clinic behind one address is not slowed down. An
/// unknown email gets the same answer, with about the same work, as a wrong password: a password hash is checked either way.
/// </summary>
public sealed class SignInGate(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, SignInAttempts attempts,
    IConfiguration config, TimeProvider clock)
{
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan AccountWindow = TimeSpan.FromMinutes(15);
    private static readonly AppUser Nobody = new() { Id = "nobody" };
    private static string? unknownHash;

    public async Task<SignInVerdict> SignInAsync(string email, string password, string? address)
    {
        var now = clock.GetUtcNow();
        var account = "account:" + email.Trim().ToUpperInvariant();
        var client = "address:" + (address ?? "unknown");
        var perAddress = config.GetValue("RateLimits:SignInFailuresPerAddressPer10Minutes", 20);
        var perAccount = config.GetValue("RateLimits:SignInFailuresPerAccountPer15Minutes", 5);
        if (await attempts.CountAsync(client, AddressWindow, now) >= perAddress || await attempts.CountAsync(account, AccountWindow, now) >= perAccount)
        {
            return SignInVerdict.Throttled;
        }
        var user = await signIn.UserManager.FindByEmailAsync(email);
        bool succeeded;
        if (user is null)
        {
            unknownHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, unknownHash, password);
            succeeded = false;
        }
        else
        {
            succeeded = (await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true)).Succeeded;
        }
        if (succeeded)
        {
            return SignInVerdict.SignedIn;
        }
        // A locked or deactivated account answers like a wrong password: only these counters (kept for every email) throttle.
        var byAddress = await attempts.AddAsync(client, AddressWindow, now);
        var byAccount = await attempts.AddAsync(account, AccountWindow, now);
        return byAccount >= perAccount || byAddress >= perAddress
            ? SignInVerdict.Throttled : SignInVerdict.Refused;
    }

    public const string RefusedMessage = "Email or password is wrong.";
    public const string ThrottledMessage = "Too many sign-in attempts. Wait 15 minutes and try again.";
}

/// <summary>
/// Failed attempts per key (client address or email) in fixed windows counted in the database, so the limits hold
/// across every instance behind the load balancer. Keys are stored hashed.
/// </summary>
public sealed class SignInAttempts(IServiceScopeFactory scopes)
{
    /// <summary>Counts one failure and returns the window's count including it.</summary>
    public async Task<int> AddAsync(string key, TimeSpan window, DateTimeOffset now)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SharedRateLimits.HitAsync(scope.ServiceProvider.GetRequiredService<ClinicDb>(), Stored(key), window, now.UtcDateTime, CancellationToken.None);
    }

    public async Task<int> CountAsync(string key, TimeSpan window, DateTimeOffset now)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SharedRateLimits.CountAsync(scope.ServiceProvider.GetRequiredService<ClinicDb>(), Stored(key), window, now.UtcDateTime, CancellationToken.None);
    }

    /// <summary>The stored key: a hash, so the counters table holds no email or address.</summary>
    private static string Stored(string key) =>
        "signin:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32];
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Talus.Web.Data;

namespace Talus.Web.Features.Auth;

public enum SignInVerdict
{
    SignedIn,
    /// <summary>Wrong email or password, or an account that may not sign in: one answer, so existence is not revealed.</summary>
    Refused,
    /// <summary>Too many attempts from this address, or too many failures for this email (whether or not it has an account).</summary>
    Throttled,
}

/// <summary>
/// The one way to sign in with a password, for the sign-in page and the token endpoint. Limits attempts per client
/// address (any outcome) and failures per email (whether or not an account exists), and answers the same way with
/// about the same work for an unknown email as for a wrong password: the password is hashed either way.
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
        var perAddress = config.GetValue("RateLimits:SignInsPerAddressPer10Minutes", 30);
        var perAccount = config.GetValue("RateLimits:SignInFailuresPerAccountPer15Minutes", 5);
        if (!attempts.TryAdd("address:" + (address ?? "unknown"), perAddress, AddressWindow, now)
            || attempts.Count(account, AccountWindow, now) >= perAccount)
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
        // A locked or deactivated account answers like a wrong password: only this counter (kept for every email) throttles.
        attempts.TryAdd(account, int.MaxValue, AccountWindow, now);
        return attempts.Count(account, AccountWindow, now) >= perAccount ? SignInVerdict.Throttled : SignInVerdict.Refused;
    }

    public const string RefusedMessage = "Email or password is wrong.";
    public const string ThrottledMessage = "Too many sign-in attempts. Wait 15 minutes and try again.";
}

/// <summary>Recent attempts per key (client address or email), in memory: a sliding window per key.</summary>
public sealed class SignInAttempts
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> recent = new();

    public bool TryAdd(string key, int limit, TimeSpan window, DateTimeOffset now)
    {
        if (recent.Count > 50_000)
        {
            recent.Clear();
        }
        var queue = recent.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Trim(queue, window, now);
            if (queue.Count >= limit)
            {
                return false;
            }
            queue.Enqueue(now);
            return true;
        }
    }

    public int Count(string key, TimeSpan window, DateTimeOffset now)
    {
        if (!recent.TryGetValue(key, out var queue))
        {
            return 0;
        }
        lock (queue)
        {
            Trim(queue, window, now);
            return queue.Count;
        }
    }

    private static void Trim(Queue<DateTimeOffset> queue, TimeSpan window, DateTimeOffset now)
    {
        while (queue.Count > 0 && queue.Peek() <= now - window)
        {
            queue.Dequeue();
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Talus.Web.Data;

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
/// client address and per email (whether or not an account exists): past either limit every attempt is refused, even
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
        if (attempts.Count(client, AddressWindow, now) >= perAddress || attempts.Count(account, AccountWindow, now) >= perAccount)
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
        attempts.Add(client, now);
        attempts.Add(account, now);
        return attempts.Count(account, AccountWindow, now) >= perAccount || attempts.Count(client, AddressWindow, now) >= perAddress
            ? SignInVerdict.Throttled : SignInVerdict.Refused;
    }

    public const string RefusedMessage = "Email or password is wrong.";
    public const string ThrottledMessage = "Too many sign-in attempts. Wait 15 minutes and try again.";
}

/// <summary>Recent failed attempts per key (client address or email), in memory: a sliding window per key.</summary>
public sealed class SignInAttempts
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> recent = new();

    public void Add(string key, DateTimeOffset now)
    {
        if (recent.Count > 50_000)
        {
            recent.Clear();
        }
        var queue = recent.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            queue.Enqueue(now);
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

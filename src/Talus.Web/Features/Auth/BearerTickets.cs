using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Talus.Web.Shared;

namespace Talus.Web.Features.Auth;

/// <summary>
/// Bearer tokens (users' and API clients') already unprotected by this process, so that a token is decrypted (ASP.NET
/// Data Protection: a key derivation and AES) once rather than on every request. Keyed by the SHA-256 of the
/// Authorization header, never the token itself; only tokens that were unprotected successfully are kept, each for at
/// most five minutes and never past its own expiry, which is checked again on every use. What the token may do is not
/// cached here: the account or client state is checked on every request (CurrentAccountHandler).
/// docs/decisions/0014-read-paths.md
/// </summary>
public sealed class BearerTickets
{
    private readonly ShortLivedCache<TokenHash, AuthenticationTicket> cache = new(TimeSpan.FromMinutes(5), 5_000);

    /// <summary>Tokens held now.</summary>
    public int Count => cache.Count;

    /// <summary>The SHA-256 of an Authorization header value.</summary>
    public readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D);

    public static TokenHash HashOf(string header)
    {
        var length = Encoding.UTF8.GetMaxByteCount(header.Length);
        var bytes = length <= 4096 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(header, bytes);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes[..written], hash);
        var words = MemoryMarshal.Cast<byte, ulong>(hash);
        return new TokenHash(words[0], words[1], words[2], words[3]);
    }

    /// <summary>
    /// The ticket of the token in <paramref name="header"/>: from the cache while it is fresh and the token has not
    /// expired by <paramref name="now"/>, otherwise from <paramref name="unprotect"/> (the bearer token handler).
    /// </summary>
    public async Task<AuthenticateResult> AuthenticateAsync(string header, DateTimeOffset now, Func<Task<AuthenticateResult>> unprotect)
    {
        var key = HashOf(header);
        if (cache.TryGet(key, out var known))
        {
            return known.Properties.ExpiresUtc > now
                ? AuthenticateResult.Success(new AuthenticationTicket(known.Principal, known.Properties.Clone(), known.AuthenticationScheme))
                : AuthenticateResult.Fail("Token expired");
        }
        var stamp = cache.Stamp;
        var result = await unprotect();
        if (result.Succeeded && result.Ticket.Properties.ExpiresUtc is { } expires)
        {
            cache.Set(key, result.Ticket, stamp, expires - now);
        }
        return result;
    }
}

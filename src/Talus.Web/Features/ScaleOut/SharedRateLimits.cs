using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.ScaleOut;

/// <summary>
/// Fixed-window counters in the database (<see cref="RateCounter"/>), so a limit holds across every instance: each hit
/// is one atomic upsert-and-increment of the row for (key, window) that returns the new count. Rows are deleted once
/// their window has ended.
/// </summary>
public static class SharedRateLimits
{
    public static long WindowOf(DateTime now, TimeSpan window) => new DateTimeOffset(now, TimeSpan.Zero).ToUnixTimeSeconds() / (long)window.TotalSeconds;

    /// <summary>Counts one hit for the key in the current window and returns the window's count including it.</summary>
    public static async Task<int> HitAsync(ClinicDb db, string key, TimeSpan window, DateTime now, CancellationToken ct)
    {
        var number = WindowOf(now, window);
        var expires = DateTimeOffset.FromUnixTimeSeconds((number + 1) * (long)window.TotalSeconds).UtcDateTime;
        // Both SQLite (3.35+) and PostgreSQL take this statement as written.
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateCounters" ("Key", "Window", "Count", "ExpiresAt") VALUES ({key}, {number}, 1, {expires})
            ON CONFLICT ("Key", "Window") DO UPDATE SET "Count" = "RateCounters"."Count" + 1
            RETURNING "Count" AS "Value"
            """).ToListAsync(ct);
        var count = counts.Single();
        if (count == 1 && Random.Shared.Next(50) == 0)
        {
            await db.RateCounters.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
        }
        return count;
    }

    /// <summary>The hits counted for the key in the current window.</summary>
    public static Task<int> CountAsync(ClinicDb db, string key, TimeSpan window, DateTime now, CancellationToken ct)
    {
        var number = WindowOf(now, window);
        return db.RateCounters.Where(c => c.Key == key && c.Window == number).Select(c => c.Count).FirstOrDefaultAsync(ct);
    }

    /// <summary>A limiter partition of the ASP.NET rate-limiting middleware whose count lives in the database.</summary>
    public static RateLimitPartition<string> Partition(HttpContext http, string policy, string key, int limit, TimeSpan window) =>
        RateLimitPartition.Get(policy + ":" + key, k => new SharedWindowLimiter(
            http.RequestServices.GetRequiredService<IServiceScopeFactory>(), http.RequestServices.GetRequiredService<TimeProvider>(), k, limit, window));
}

/// <summary>
/// The fixed-window limit of one partition, counted in the database. The middleware first tries the synchronous path,
/// which always declines (a database round trip must not block), then awaits <see cref="AcquireAsyncCore"/>.
/// </summary>
internal sealed class SharedWindowLimiter(IServiceScopeFactory scopes, TimeProvider clock, string key, int limit, TimeSpan window) : RateLimiter
{
    private long lastUsed = Environment.TickCount64;

    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
        if (permitCount == 0)
        {
            return Lease.Granted;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        var count = await SharedRateLimits.HitAsync(db, key, window, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return count <= limit ? Lease.Granted : Lease.Refused;
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

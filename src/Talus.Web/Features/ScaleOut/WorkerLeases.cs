using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.ScaleOut;

/// <summary>This process among the instances sharing the database: the holder name of its leases.</summary>
public sealed record InstanceName(string Value)
{
    public static InstanceName New() => new($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");
}

/// <summary>
/// A named lease in the database (<see cref="WorkerLease"/>): at most one instance holds it until it expires. Taking it is
/// one conditional update (free, expired, or already ours) or, the first time, an insert that the primary key lets only
/// one instance win; the holder renews it on every run, and a crashed holder's lease runs out so another takes over.
/// Background jobs that must not run twice at once (reminders, follow-up escalation, exports) take one per job.
/// </summary>
public sealed class WorkerLeases(IServiceScopeFactory scopes, InstanceName instance, TimeProvider clock)
{
    public string Holder => instance.Value;

    /// <summary>Takes or renews the lease for <paramref name="ttl"/>; false when another live instance holds it.</summary>
    public async Task<bool> TryHoldAsync(string name, TimeSpan ttl, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await TryHoldAsync(scope.ServiceProvider.GetRequiredService<ClinicDb>(), name, Holder, ttl, clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>Gives the lease up (on shutdown) so another instance need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow().UtcDateTime;
        await scope.ServiceProvider.GetRequiredService<ClinicDb>().WorkerLeases.Where(l => l.Name == name && l.Holder == Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), ct);
    }

    public static async Task<bool> TryHoldAsync(ClinicDb db, string name, string holder, TimeSpan ttl, DateTime now, CancellationToken ct)
    {
        var until = now + ttl;
        var taken = await db.WorkerLeases.Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1)
        {
            return true;
        }
        if (await db.WorkerLeases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }
        db.WorkerLeases.Add(new WorkerLease { Name = name, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the row first: it holds the lease.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>On shutdown: releases the lease if the database answers; if not, it simply expires.</summary>
    public static async Task GiveUpQuietlyAsync(WorkerLeases leases, string name, ILogger log)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await leases.ReleaseAsync(name, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or DbException or InvalidOperationException)
        {
            log.LogInformation("Lease {Lease} left to expire: {Reason}", name, e.Message);
        }
    }

    /// <summary>How long a worker polling every <paramref name="poll"/> holds its lease: two runs and a margin, so a live holder never lapses.</summary>
    public static TimeSpan TtlFor(TimeSpan poll) => poll * 2 + TimeSpan.FromSeconds(30);
}

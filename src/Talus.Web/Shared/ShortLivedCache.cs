using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Talus.Web.Shared;

/// <summary>
/// A small in-process cache of values that may be at most <c>maxAge</c> old: each entry lives until its own deadline
/// (never later than <c>maxAge</c> after it was stored), <see cref="Invalidate"/> drops every entry at once (the next
/// read loads again), and the cache never holds more than <c>capacity</c> entries (when full it starts over empty).
/// A value loaded while an invalidation happened is not served afterwards. Ages use the process's monotonic clock.
/// </summary>
public sealed class ShortLivedCache<TKey, TValue>(TimeSpan maxAge, int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> entries = new();
    private readonly long maxAgeMs = (long)maxAge.TotalMilliseconds;
    private long generation;

    private readonly record struct Entry(long Deadline, long Generation, TValue Value);

    /// <summary>Entries stored now (some may be stale until read or replaced).</summary>
    public int Count => entries.Count;

    /// <summary>Drops every entry: the next read of any key loads again.</summary>
    public void Invalidate() => Interlocked.Increment(ref generation);

    /// <summary>The value stored for <paramref name="key"/> when it is still fresh.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (entries.TryGetValue(key, out var hit) && hit.Generation == Interlocked.Read(ref generation)
            && Environment.TickCount64 < hit.Deadline)
        {
            value = hit.Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Stores <paramref name="value"/> for at most <c>maxAge</c>, or less when <paramref name="lifetime"/> is shorter
    /// (nothing is stored for a lifetime of zero or less). Pass the <see cref="Stamp"/> taken before loading the value,
    /// so that a value loaded across an invalidation is not served.
    /// </summary>
    public void Set(TKey key, TValue value, long stamp, TimeSpan? lifetime = null)
    {
        var ms = lifetime is { } l ? Math.Min(maxAgeMs, (long)l.TotalMilliseconds) : maxAgeMs;
        if (ms <= 0)
        {
            return;
        }
        if (entries.Count >= capacity)
        {
            entries.Clear();
        }
        entries[key] = new Entry(Environment.TickCount64 + ms, stamp, value);
    }

    /// <summary>The invalidation count now: take it before loading a value and give it to <see cref="Set"/>.</summary>
    public long Stamp => Interlocked.Read(ref generation);

    /// <summary>The fresh value of <paramref name="key"/>, loaded and stored when missing or stale.</summary>
    public async ValueTask<TValue> GetOrLoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> load, CancellationToken ct)
    {
        if (TryGet(key, out var hit))
        {
            return hit;
        }
        var stamp = Stamp;
        var value = await load(key, ct);
        Set(key, value, stamp);
        return value;
    }
}

using Talus.Web.Shared;

namespace Talus.Web.Tests.Auth;

public sealed class ShortLivedCacheTests
{
    private static ShortLivedCache<string, int> Cache(int capacity = 10) => new(TimeSpan.FromMinutes(1), capacity);

    [Fact]
    public void TryGet_AfterSet_Fresh()
    {
        var cache = Cache();
        cache.Set("a", 1, cache.Stamp);
        Assert.True(cache.TryGet("a", out var value));
        Assert.Equal(1, value);
        Assert.False(cache.TryGet("b", out _));
    }

    [Fact]
    public void Invalidate_DropsEveryEntry()
    {
        var cache = Cache();
        cache.Set("a", 1, cache.Stamp);
        cache.Set("b", 2, cache.Stamp);
        cache.Invalidate();
        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
    }

    [Fact]
    public void Set_ValueLoadedAcrossAnInvalidation_NotServed()
    {
        var cache = Cache();
        var before = cache.Stamp;
        cache.Invalidate();
        cache.Set("a", 1, before);
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void Set_LifetimeZeroOrPast_NotStored()
    {
        var cache = Cache();
        cache.Set("a", 1, cache.Stamp, TimeSpan.Zero);
        cache.Set("b", 2, cache.Stamp, TimeSpan.FromSeconds(-5));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Set_Full_StartsOverWithinCapacity()
    {
        var cache = Cache(capacity: 3);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            cache.Set(key, 1, cache.Stamp);
        }
        Assert.True(cache.Count <= 3);
        Assert.True(cache.TryGet("d", out _));
    }

    [Fact]
    public async Task GetOrLoadAsync_Fresh_LoadsOnce()
    {
        var cache = Cache();
        var loads = 0;
        Task<int> Load(string _, CancellationToken __) => Task.FromResult(++loads);
        Assert.Equal(1, await cache.GetOrLoadAsync("a", Load, CancellationToken.None));
        Assert.Equal(1, await cache.GetOrLoadAsync("a", Load, CancellationToken.None));
        cache.Invalidate();
        Assert.Equal(2, await cache.GetOrLoadAsync("a", Load, CancellationToken.None));
    }
}

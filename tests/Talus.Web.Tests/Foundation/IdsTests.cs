using System.Globalization;
using Talus.Web.Data;

namespace Talus.Web.Tests.Foundation;

/// <summary>Entity ids and versions from the per-thread generator: the layout of Guid.CreateVersion7 and Guid v4, unique, ordered by time.</summary>
public sealed class IdsTests
{
    [Fact]
    public void NewV7_HasTheVersion7LayoutAndTheCurrentTime()
    {
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var id = Ids.NewV7();
        var after = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2); // the RFC 9562 variant, as Guid.CreateVersion7 sets it
        // The first 48 bits, as the text shows them, are the Unix time in milliseconds (RFC 9562).
        var ms = long.Parse(id.ToString("N")[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.InRange(ms, before, after);
    }

    [Fact]
    public void NewV7_UniqueAndOrderedAcrossMilliseconds()
    {
        var first = Enumerable.Range(0, 50_000).Select(_ => Ids.NewV7()).ToList();
        Thread.Sleep(5);
        var later = Ids.NewV7();
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.All(first, id => Assert.True(string.CompareOrdinal(id.ToString(), later.ToString()) < 0, $"{id} before {later}"));
        Assert.False(first.Zip(first.Skip(1)).Any(p => string.CompareOrdinal(p.First.ToString()[..13], p.Second.ToString()[..13]) > 0), "time prefix never goes back");
    }

    [Fact]
    public void NewVersion_RandomVersion4AndUnique()
    {
        var versions = Enumerable.Range(0, 50_000).Select(_ => Ids.NewVersion()).ToList();
        Assert.All(versions, v => Assert.Equal((4, 0b10), (v.Version, v.Variant >> 2)));
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }
}

using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Shared;

/// <summary>The time zone of each location, for pages that show records made at several locations (see PracticeClock).</summary>
public sealed class LocationZones(IReadOnlyDictionary<int, string> zones)
{
    public static readonly LocationZones None = new(new Dictionary<int, string>());

    /// <summary>The location's zone id; null (the practice's zone) when the record has no location.</summary>
    public string? Of(int? locationId) => locationId is { } id && zones.TryGetValue(id, out var zone) ? zone : null;

    public static async Task<LocationZones> LoadAsync(ClinicDb db, CancellationToken ct = default) =>
        new(await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.TimeZone, ct));
}

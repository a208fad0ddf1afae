using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Fhir;
using Task = System.Threading.Tasks.Task;
using Location = Talus.Web.Data.Location;

namespace Talus.Web.Features.BulkExport;

/// <summary>
/// A Group in Talus is one location's patients (those whose preferred location it is): the cohort a Group-level
/// $export exports. One Group per location, with the location's id; members are not listed (export the Group to get
/// them). Staff see the Groups of their locations, the administrator all of them, a patient none.
/// </summary>
public static class GroupFhir
{
    public static readonly FhirType Type = new("Group", Policies.FhirRecord,
        [
            new("name", SearchParamType.String, "Location name starts with (case-insensitive)."),
        ],
        ReadAsync, SearchAsync, PatientData: false);

    public static Group ToFhir(this Location l, int members, FhirSystems systems) => new()
    {
        Id = l.Id.ToString(CultureInfo.InvariantCulture),
        Active = l.IsActive,
        Type = Group.GroupType.Person,
        Actual = true,
        Name = $"Patients of {l.Name}",
        Quantity = members,
        Characteristic =
        [
            new Group.CharacteristicComponent
            {
                Code = new CodeableConcept(systems.CodeSystem("group-characteristic"), "preferred-location", "Preferred location"),
                Value = new ResourceReference($"Location/{l.Id}", l.Name),
                Exclude = false,
            },
        ],
    };

    /// <summary>The locations whose Group the caller may see: all (Admin), their own (FrontDesk, Clinician, Billing), none otherwise.</summary>
    public static IQueryable<Location> Visible(ClinicDb db, System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return db.Locations;
        }
        if (user.IsInRole(Roles.FrontDesk) || user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Billing))
        {
            var mine = TalusClaims.Locations(user);
            return db.Locations.Where(l => mine.Contains(l.Id));
        }
        return db.Locations.Where(_ => false);
    }

    private static async Task<FhirFound?> ReadAsync(FhirRequest request, string id)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }
        var page = await SearchAsync(request, new FhirQuery { Count = 1, Ids = [n.ToString(CultureInfo.InvariantCulture)] });
        return page.Entries.Count > 0 ? page.Entries[0] : null;
    }

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var rows = Visible(request.Db, request.User).AsNoTracking();
        if (query.IntIds() is { } ids)
        {
            rows = rows.Where(l => ids.Contains(l.Id));
        }
        var list = await rows.OrderBy(l => l.Id).ToListAsync(request.Ct);
        if (query.String("name") is { } name)
        {
            list = [.. list.Where(l => l.Name.StartsWith(name.Trim(), StringComparison.OrdinalIgnoreCase))];
        }
        if (query.After is { } after)
        {
            var last = after.Value<int>(1);
            list = [.. list.Where(l => l.Id > last)];
        }
        list = [.. list.Take(query.Count + 1)];
        var locationIds = list.Select(l => l.Id).ToList();
        var counts = await request.Db.Patients.Where(p => p.PreferredLocationId != null && locationIds.Contains(p.PreferredLocationId.Value))
            .GroupBy(p => p.PreferredLocationId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, request.Ct);
        return FhirPage.From(list, query, l => query.CursorOf(l.Id, l.Id), l => new FhirFound(l.ToFhir(counts.GetValueOrDefault(l.Id), request.Systems), null));
    }
}

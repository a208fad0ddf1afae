using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Fhir;
using Location = Talus.Web.Data.Location;

namespace Talus.Web.Features.Admin;

/// <summary>The practice's people and offices as FHIR R4 Practitioner (NPI identifier, SPEC §8.5) and Location.</summary>
public static class PracticeFhir
{
    public static readonly FhirType PractitionerType = new("Practitioner", Auth.Policies.FhirDirectory,
        [
            new("identifier", SearchParamType.Token, "NPI: http://hl7.org/fhir/sid/us-npi|value or value."),
            new("name", SearchParamType.String, "Name starts with (case-insensitive)."),
        ],
        ReadPractitionerAsync, SearchPractitionersAsync, PatientData: false);

    public static readonly FhirType LocationType = new("Location", Auth.Policies.FhirDirectory,
        [
            new("name", SearchParamType.String, "Name starts with (case-insensitive)."),
        ],
        ReadLocationAsync, SearchLocationsAsync, PatientData: false);

    public static Practitioner ToFhir(this StaffMember s)
    {
        var practitioner = new Practitioner
        {
            Id = s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Active = s.IsActive,
            Name = [new HumanName { Text = s.DisplayName, Suffix = string.IsNullOrWhiteSpace(s.Credentials) ? [] : [s.Credentials] }],
        };
        if (!string.IsNullOrWhiteSpace(s.Npi))
        {
            practitioner.Identifier.Add(new Identifier(FhirSystems.Npi, s.Npi));
        }
        return practitioner;
    }

    public static Hl7.Fhir.Model.Location ToFhir(this Location l) => new()
    {
        Id = l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Status = l.IsActive ? Hl7.Fhir.Model.Location.LocationStatus.Active : Hl7.Fhir.Model.Location.LocationStatus.Inactive,
        Name = l.Name,
        Mode = Hl7.Fhir.Model.Location.LocationMode.Instance,
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, l.Phone)],
        Address = new Address { Line = [l.AddressLine], City = l.City, State = l.State, PostalCode = l.PostalCode, Country = "US" },
        Extension = [new Extension("http://hl7.org/fhir/StructureDefinition/timezone", new Code(l.TimeZone))],
    };

    /// <summary>Staff members whose names may be shown: the people who sign or provide care (not only clinicians: front desk staff appear on check-ins).</summary>
    private static async Task<FhirFound?> ReadPractitionerAsync(FhirRequest request, string id) =>
        int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && await request.Db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == n, request.Ct) is { } s
            ? new FhirFound(s.ToFhir(), null) : null;

    private static async Task<FhirPage> SearchPractitionersAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Db.Staff.AsNoTracking();
        if (query.IntIds() is { } ids)
        {
            rows = rows.Where(s => ids.Contains(s.Id));
        }
        if (query.Tokens("identifier") is { } npis)
        {
            var values = npis.Where(t => t.System is null || t.System == FhirSystems.Npi).Select(t => t.Code).ToList();
            rows = rows.Where(s => s.Npi != null && values.Contains(s.Npi));
        }
        // Display names are short; the starts-with match on each word is done here (a practice has tens of staff).
        if (query.String("name") is { } name)
        {
            return query.PageOf((await rows.ToListAsync(request.Ct))
                .Where(s => s.DisplayName.Split(' ').Any(w => w.StartsWith(name.Trim(), StringComparison.OrdinalIgnoreCase))),
                s => s.Id, s => new FhirFound(s.ToFhir(), null));
        }
        var list = await query.Page(rows, s => s.Id, s => s.Id).ToListAsync(request.Ct);
        return FhirPage.From(list, query, s => query.CursorOf(s.Id, s.Id), s => new FhirFound(s.ToFhir(), null));
    }

    private static async Task<FhirFound?> ReadLocationAsync(FhirRequest request, string id) =>
        int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && await request.Db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == n, request.Ct) is { } l
            ? new FhirFound(l.ToFhir(), null) : null;

    private static async Task<FhirPage> SearchLocationsAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Db.Locations.AsNoTracking();
        if (query.IntIds() is { } ids)
        {
            rows = rows.Where(l => ids.Contains(l.Id));
        }
        IEnumerable<Data.Location> list = await rows.ToListAsync(request.Ct);
        if (query.String("name") is { } name)
        {
            list = list.Where(l => l.Name.StartsWith(name.Trim(), StringComparison.OrdinalIgnoreCase));
        }
        return query.PageOf(list, l => l.Id, l => new FhirFound(l.ToFhir(), null));
    }
}

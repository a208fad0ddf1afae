using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Patients;

/// <summary>
/// Finds patients by one search box: an MRN, a birth date (YYYY-MM-DD or MM/DD/YYYY), or a name
/// ("family", "family, given" or "given family"), among the patients the user may see.
/// </summary>
public static class SearchPatients
{
    public sealed record Row(Guid Id, string Mrn, string GivenName, string FamilyName, DateOnly BirthDate, Sex Sex, string? Location);

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy"];

    /// <summary>A row as the search shows it (EF inlines the expression, in the compiled query as in the others).</summary>
    private static readonly Expression<Func<Patient, Row>> ToRow = p => new Row(p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex,
        p.PreferredLocation == null ? null : p.PreferredLocation.Name);

    // The search staff run all day, one family-name prefix, compiled once (EF's per-call handling of the query tree was
    // about a tenth of the search in the profile). The prefix is a key range on both databases: SQLite compares text by
    // its bytes, and PostgreSQL keeps the keys in the C collation (PostgresClinicDb), where a range uses the name index
    // even in a prepared statement's generic plan (a LIKE with a parameter does not). docs/decisions/0014-read-paths.md
    // One query for Admin (every patient) and one for a located user, so Admin's carries no location condition at all.
    private static readonly Func<ClinicDb, string, string, int, IAsyncEnumerable<Row>> ByFamily = EF.CompileAsyncQuery(
        (ClinicDb db, string family, string familyEnd, int take) => db.Patients
            .Where(p => p.FamilyNameKey.CompareTo(family) >= 0 && p.FamilyNameKey.CompareTo(familyEnd) < 0)
            .OrderBy(p => p.FamilyNameKey).ThenBy(p => p.GivenNameKey).ThenBy(p => p.BirthDate)
            .Take(take)
            .Select(ToRow));

    private static readonly Func<ClinicDb, string, string, int[], int, IAsyncEnumerable<Row>> ByFamilyAt = EF.CompileAsyncQuery(
        (ClinicDb db, string family, string familyEnd, int[] locations, int take) => db.Patients
            .Where(p => p.FamilyNameKey.CompareTo(family) >= 0 && p.FamilyNameKey.CompareTo(familyEnd) < 0
                // The compiled form of PatientReach.AtLocations, as in PatientAccess.Visible.
                && (p.PreferredLocationId == null || locations.Contains(p.PreferredLocationId.Value)
                    || db.Appointments.Any(a => a.PatientId == p.Id && locations.Contains(a.LocationId))))
            .OrderBy(p => p.FamilyNameKey).ThenBy(p => p.GivenNameKey).ThenBy(p => p.BirthDate)
            .Take(take)
            .Select(ToRow));

    public static async Task<List<Row>> RunAsync(string? query, ClaimsPrincipal user, PatientAccess access, int take, CancellationToken ct)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0)
        {
            return [];
        }
        // The condition of the searches that are not compiled: the query of the patients a user may see is built only for
        // them (for a located user its tree cost a twentieth of the compiled family-name search, bench/README.md).
        Expression<Func<Patient, bool>> match;
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob))
        {
            match = p => p.BirthDate == dob;
        }
        else if (text.StartsWith('T') && text.Length > 1 && text[1..].All(char.IsDigit))
        {
            var mrn = text.ToUpperInvariant();
            match = p => p.Mrn == mrn;
        }
        else
        {
            var (family, given) = SplitName(text.ToUpperInvariant());
            var familyEnd = Patient.KeyEnd(family);
            if (given is null)
            {
                var rows = PatientReach.Of(user) switch
                {
                    PatientReach.Everyone => ByFamily(access.Db, family, familyEnd, take),
                    PatientReach.AtLocations at => ByFamilyAt(access.Db, family, familyEnd, at.Locations, take),
                    _ => null,
                };
                if (rows is not null)
                {
                    var found = new List<Row>(take);
                    await foreach (var row in rows.WithCancellation(ct))
                    {
                        found.Add(row);
                    }
                    return found;
                }
                // Anyone else sees one record or none: the same key range over it.
                match = p => p.FamilyNameKey.CompareTo(family) >= 0 && p.FamilyNameKey.CompareTo(familyEnd) < 0;
            }
            else if (!access.BinaryCollation)
            {
                match = p => (p.FamilyNameKey.StartsWith(family) && p.GivenNameKey.StartsWith(given))
                          || (p.FamilyNameKey.StartsWith(given) && p.GivenNameKey.StartsWith(family));
            }
            // On SQLite, prefix matches as byte ranges [prefix, Patient.KeyEnd(prefix)) use the name index, which LIKE cannot.
            else
            {
                var givenEnd = Patient.KeyEnd(given);
                match = p => (p.FamilyNameKey.CompareTo(family) >= 0 && p.FamilyNameKey.CompareTo(familyEnd) < 0
                              && p.GivenNameKey.CompareTo(given) >= 0 && p.GivenNameKey.CompareTo(givenEnd) < 0)
                          || (p.FamilyNameKey.CompareTo(given) >= 0 && p.FamilyNameKey.CompareTo(givenEnd) < 0
                              && p.GivenNameKey.CompareTo(family) >= 0 && p.GivenNameKey.CompareTo(familyEnd) < 0);
            }
        }
        return await access.Visible(user).Where(match).OrderBy(p => p.FamilyNameKey).ThenBy(p => p.GivenNameKey).ThenBy(p => p.BirthDate)
            .Take(take)
            .Select(ToRow)
            .ToListAsync(ct);
    }

    private static (string Family, string? Given) SplitName(string text)
    {
        if (text.Contains(','))
        {
            var parts = text.Split(',', 2, StringSplitOptions.TrimEntries);
            return (parts[0], parts[1].Length == 0 ? null : parts[1]);
        }
        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // "Given Family" is how people type names; the reverse order is matched too.
        return words.Length == 2 ? (words[1], words[0]) : (words[0], null);
    }
}

using System.Globalization;
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

    public static async Task<List<Row>> RunAsync(string? query, ClaimsPrincipal user, PatientAccess access, int take, CancellationToken ct)
    {
        var q = access.Visible(user);
        var text = (query ?? "").Trim();
        if (text.Length == 0)
        {
            return [];
        }
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob))
        {
            q = q.Where(p => p.BirthDate == dob);
        }
        else if (text.StartsWith('T') && text.Length > 1 && text[1..].All(char.IsDigit))
        {
            var mrn = text.ToUpperInvariant();
            q = q.Where(p => p.Mrn == mrn);
        }
        else
        {
            var (family, given) = SplitName(text.ToUpperInvariant());
            var familyEnd = family + '\uffff';
            if (!access.BinaryCollation)
            {
                q = given is null
                    ? q.Where(p => p.FamilyNameKey.StartsWith(family))
                    : q.Where(p => (p.FamilyNameKey.StartsWith(family) && p.GivenNameKey.StartsWith(given))
                                || (p.FamilyNameKey.StartsWith(given) && p.GivenNameKey.StartsWith(family)));
            }
            // On SQLite, prefix matches as byte ranges [prefix, prefix + U+FFFF) use the name index, which LIKE cannot.
            else if (given is null)
            {
                q = q.Where(p => p.FamilyNameKey.CompareTo(family) >= 0 && p.FamilyNameKey.CompareTo(familyEnd) < 0);
            }
            else
            {
                var givenEnd = given + '\uffff';
                q = q.Where(p => (p.FamilyNameKey.CompareTo(family) >= 0 && p.FamilyNameKey.CompareTo(familyEnd) < 0
                                  && p.GivenNameKey.CompareTo(given) >= 0 && p.GivenNameKey.CompareTo(givenEnd) < 0)
                              || (p.FamilyNameKey.CompareTo(given) >= 0 && p.FamilyNameKey.CompareTo(givenEnd) < 0
                                  && p.GivenNameKey.CompareTo(family) >= 0 && p.GivenNameKey.CompareTo(familyEnd) < 0));
            }
        }
        return await q.OrderBy(p => p.FamilyNameKey).ThenBy(p => p.GivenNameKey).ThenBy(p => p.BirthDate)
            .Take(take)
            .Select(p => new Row(p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex,
                p.PreferredLocation == null ? null : p.PreferredLocation.Name))
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

using Talus.Web.Data;

namespace Talus.Web.Features.Audit;

/// <summary>
/// A list that shows several patients (e.g. the recipients of a recalled lot) names them here, and the patient-data
/// middleware then writes one audit entry for the request that names every patient shown (<see cref="Into"/>).
/// </summary>
public static class PatientsShown
{
    private const string Key = "talus:patients-shown";

    public static void Record(HttpContext ctx, IEnumerable<Guid> patientIds)
    {
        if (ctx.Items[Key] is not HashSet<Guid> set)
        {
            ctx.Items[Key] = set = [];
        }
        set.UnionWith(patientIds);
    }

    /// <summary>Names the patients of <paramref name="rows"/> and answers the rows: for a list endpoint showing several patients.</summary>
    public static List<T> Record<T>(HttpContext ctx, List<T> rows, Func<T, Guid> patientOf)
    {
        Record(ctx, rows.Select(patientOf));
        return rows;
    }

    public static IReadOnlyCollection<Guid> Of(HttpContext ctx) => ctx.Items[Key] as HashSet<Guid> ?? [];

    /// <summary>
    /// The one entry of a list that showed <paramref name="shown"/>: a single patient stays in <see cref="AuditEntry.PatientId"/>;
    /// several go into <see cref="AuditEntry.PatientsShown"/> and the entry's own patient is null. None leaves the entry as it is.
    /// docs/decisions/0009-registry-statistics.md (one entry per search)
    /// </summary>
    public static AuditEntry Into(AuditEntry entry, IReadOnlyCollection<Guid> shown)
    {
        if (shown.Count == 1)
        {
            entry.PatientId = shown.First();
        }
        else if (shown.Count > 1)
        {
            entry.PatientId = null;
            entry.PatientsShown = [.. shown.Order()];
        }
        return entry;
    }
}

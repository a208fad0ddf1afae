namespace Talus.Web.Features.Audit;

/// <summary>
/// A list that shows several patients (e.g. the recipients of a recalled lot) names them here, and the patient-data
/// middleware then writes one audit entry per patient shown, instead of one entry without a patient.
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
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;

namespace Talus.Web.Features.Patients;

/// <summary>
/// Who may see which patient. A patient account sees only its own record; Admin sees every patient;
/// FrontDesk, Clinician and Billing see patients of the locations they work at (and patients not yet
/// assigned to a location); Outcomes works with the registry, never with a chart.
/// </summary>
public sealed class PatientAccess(ClinicDb db)
{
    // Compiled once: every patient request runs one of these before anything else (docs/decisions/0014-read-paths.md).
    private static readonly Func<ClinicDb, Guid, CancellationToken, Task<bool>> Exists =
        EF.CompileAsyncQuery((ClinicDb db, Guid id, CancellationToken _) => db.Patients.Any(p => p.Id == id));

    // A located user's check reads the patient's location and compares it with the user's list here, not in SQL: a
    // list in the query is a json_each table SQLite builds on every call, which cost more than the read itself.
    private static readonly Func<ClinicDb, Guid, CancellationToken, Task<Place?>> PlaceOf =
        EF.CompileAsyncQuery((ClinicDb db, Guid id, CancellationToken _) => db.Patients.Where(p => p.Id == id)
            .Select(p => new Place(p.PreferredLocationId)).FirstOrDefault());

    /// <summary>Where a patient is seen: a location, or none yet (which every staff user may see).</summary>
    private sealed record Place(int? Location);

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, Guid patientId, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Patient))
        {
            return user.FindFirstValue(TalusClaims.PatientId) == patientId.ToString();
        }
        if (StaffScope(user) is not { } scope)
        {
            return false;
        }
        if (scope.All)
        {
            return await Exists(db, patientId, ct);
        }
        return await PlaceOf(db, patientId, ct) is { } place
            && (place.Location is not { } location || scope.Locations.Contains(location));
    }

    /// <summary>SQLite compares text by bytes, so key ranges are safe there for prefix search (see SearchPatients).</summary>
    public bool BinaryCollation => db.IsSqlite();

    /// <summary>The patients a staff user may see, as a query to filter further.</summary>
    public IQueryable<Patient> Visible(ClaimsPrincipal user)
    {
        if (StaffScope(user) is { } scope)
        {
            var locations = scope.Locations;
            return scope.All ? db.Patients : db.Patients.Where(p => p.PreferredLocationId == null || locations.Contains(p.PreferredLocationId.Value));
        }
        if (user.IsInRole(Roles.Patient) && Guid.TryParse(user.FindFirstValue(TalusClaims.PatientId), out var own))
        {
            return db.Patients.Where(p => p.Id == own);
        }
        return db.Patients.Where(_ => false);
    }

    /// <summary>
    /// What a staff user may see as values a compiled query takes: every patient (Admin), or the patients of these
    /// locations and those not yet assigned to one; null for anyone else (a patient, Outcomes).
    /// </summary>
    public static (bool All, int[] Locations)? StaffScope(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? (true, [])
        : user.IsInRole(Roles.FrontDesk) || user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Billing) || user.IsInRole(Roles.ApiClient)
            ? (false, TalusClaims.Locations(user))
            : null;

    internal ClinicDb Db => db;
}

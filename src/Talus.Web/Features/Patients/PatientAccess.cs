using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;

namespace Talus.Web.Features.Patients;

/// <summary>
/// Who may see which patient (<see cref="PatientReach"/>). A patient account sees only its own record; Admin sees every
/// patient; FrontDesk, Clinician and Billing see patients of the locations they work at (the patient's own location or
/// an appointment there, and patients not yet assigned to a location); Outcomes works with the registry, never with a chart.
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

    // The second half of a located user's check, run only when the patient's own location is not one of the user's.
    private static readonly Func<ClinicDb, Guid, int[], CancellationToken, Task<bool>> BookedAt =
        EF.CompileAsyncQuery((ClinicDb db, Guid id, int[] locations, CancellationToken _) =>
            db.Appointments.Any(a => a.PatientId == id && locations.Contains(a.LocationId)));

    /// <summary>Where a patient is seen: a location, or none yet (which every staff user may see).</summary>
    private sealed record Place(int? Location);

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, Guid patientId, CancellationToken ct) => PatientReach.Of(user) switch
    {
        PatientReach.Own own => own.PatientId == patientId,
        PatientReach.Everyone => await Exists(db, patientId, ct),
        PatientReach.AtLocations at => await PlaceOf(db, patientId, ct) is { } place
            && (at.Includes(place.Location) || await BookedAt(db, patientId, at.Locations, ct)),
        _ => false,
    };

    /// <summary>SQLite compares text by bytes, so key ranges are safe there for prefix search (see SearchPatients).</summary>
    public bool BinaryCollation => db.IsSqlite();

    /// <summary>The patients a user may see, as a query to filter further.</summary>
    public IQueryable<Patient> Visible(ClaimsPrincipal user) => Patients(PatientReach.Of(user));

    /// <summary>The rows of a patient's record (observations, procedures…) a user may see, as a query to filter further.</summary>
    public IQueryable<T> Visible<T>(ClaimsPrincipal user, IQueryable<T> rows) where T : class, IPatientRecord
    {
        var reach = PatientReach.Of(user);
        switch (reach)
        {
            case PatientReach.Everyone:
                return rows;
            case PatientReach.Own { PatientId: var own }:
                return rows.Where(r => r.PatientId == own);
            case PatientReach.AtLocations:
                var patients = Patients(reach);
                return rows.Where(r => patients.Any(p => p.Id == r.PatientId));
            default:
                return rows.Where(_ => false);
        }
    }

    private IQueryable<Patient> Patients(PatientReach reach) => reach switch
    {
        PatientReach.Everyone => db.Patients,
        // The query form of AtLocations: its Includes, or an appointment at one of the locations.
        PatientReach.AtLocations { Locations: var locations } =>
            db.Patients.Where(p => p.PreferredLocationId == null || locations.Contains(p.PreferredLocationId.Value)
                || db.Appointments.Any(a => a.PatientId == p.Id && locations.Contains(a.LocationId))),
        PatientReach.Own { PatientId: var own } => db.Patients.Where(p => p.Id == own),
        _ => db.Patients.Where(_ => false),
    };

    internal ClinicDb Db => db;
}

/// <summary>
/// Which patients a signed-in user may see, decided once from their roles and claims; <see cref="PatientAccess"/> applies
/// it to a single patient, to the patient list and to the rows of a record.
/// </summary>
public abstract record PatientReach
{
    private PatientReach() { }

    private static readonly PatientReach All = new Everyone(), None = new Nobody();

    /// <summary>Admin: every patient.</summary>
    public sealed record Everyone : PatientReach;

    /// <summary>
    /// Front desk, clinician, billing and API clients: the patients whose location is one of these, those not yet assigned
    /// to one, and those with an appointment at one of these (booked across locations, they are seen here too).
    /// </summary>
    public sealed record AtLocations(int[] Locations) : PatientReach
    {
        /// <summary>Whether a patient's own location (null: not yet assigned) admits them; if not, an appointment here may.</summary>
        public bool Includes(int? location) => location is not { } l || Locations.Contains(l);
    }

    /// <summary>A patient's own account: that record only.</summary>
    public sealed record Own(Guid PatientId) : PatientReach;

    /// <summary>Outcomes (the registry, never a chart), or an account with no role that sees patients.</summary>
    public sealed record Nobody : PatientReach;

    /// <summary>A patient account sees only itself, whatever other role it holds; then Admin, then the located staff roles.</summary>
    public static PatientReach Of(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Patient) ? (Guid.TryParse(user.FindFirstValue(TalusClaims.PatientId), out var own) ? new Own(own) : None)
        : user.IsInRole(Roles.Admin) ? All
        : user.IsInRole(Roles.FrontDesk) || user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Billing) || user.IsInRole(Roles.ApiClient)
            ? new AtLocations(TalusClaims.Locations(user))
        : None;
}

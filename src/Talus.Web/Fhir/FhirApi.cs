using System.Security.Claims;
using Hl7.Fhir.Model;
using Patient = Talus.Web.Data.Patient;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Patients;
using Talus.Web.Features.Settings;

namespace Talus.Web.Fhir;

/// <summary>
/// A resource as read from the database, with the patient whose record it belongs to (for the audit): a Firely
/// resource, or one that writes its own JSON (<see cref="IFhirJsonResource"/>), built as a Firely resource only when asked.
/// </summary>
public sealed class FhirFound
{
    private Resource? resource;

    public FhirFound(Resource resource, Guid? patientId) => (this.resource, PatientId) = (resource, patientId);

    public FhirFound(IFhirJsonResource direct, Guid? patientId) => (Direct, PatientId) = (direct, patientId);

    public Guid? PatientId { get; }
    public IFhirJsonResource? Direct { get; }
    public Resource Resource => resource ??= Direct!.ToPoco();
    public string TypeName => Direct?.TypeName ?? Resource.TypeName;
    public string? Id => Direct?.Id ?? Resource.Id;
}

/// <summary>One page of search results; <see cref="Next"/> is the cursor of the next page (its last entry's sort key), null on the last page.</summary>
public sealed record FhirPage(IReadOnlyList<FhirFound> Entries, string? Next)
{
    public bool HasMore => Next is not null;

    /// <summary>From rows fetched with <see cref="FhirQuery.Page"/> (one more than asked); the cursor is the last shown row's.</summary>
    public static FhirPage From<T>(IReadOnlyList<T> rows, FhirQuery query, Func<T, string> cursor, Func<T, FhirFound> map) =>
        new([.. rows.Take(query.Count).Select(map)], rows.Count > query.Count && query.Count > 0 ? cursor(rows[query.Count - 1]) : null);
}

/// <summary>
/// A resource type the FHIR API serves: its name, the policy of the role matrix that admits callers, its search
/// parameters, and its read and search. Each feature's <c>…Fhir.cs</c> declares one; <see cref="FhirEndpoints"/> maps
/// them and the CapabilityStatement lists them, so the statement says exactly what is served. <see cref="RecordData"/>
/// is false for a type computed on demand rather than stored (free slots): a bulk export of the record leaves it out.
/// </summary>
public sealed record FhirType(
    string Name,
    string Policy,
    IReadOnlyList<FhirSearchParam> Search,
    Func<FhirRequest, string, Task<FhirFound?>> ReadAsync,
    Func<FhirRequest, FhirQuery, Task<FhirPage>> SearchAsync,
    bool PatientData = true,
    bool RecordData = true);

/// <summary>What a mapping needs for one request: the database, the caller and their visible patients, the code systems.</summary>
public sealed class FhirRequest(ClinicDb db, PatientAccess access, ClaimsPrincipal user, FhirSystems systems, CancellationToken ct)
{
    public ClinicDb Db { get; } = db;
    public ClaimsPrincipal User { get; } = user;
    public FhirSystems Systems { get; } = systems;
    public CancellationToken Ct { get; } = ct;
    /// <summary>The application's clock (free slots start no earlier than now); set by the endpoints.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// A bulk export's batch of patients: when set, every read and search sees only these patients (besides the
    /// caller's own access), so an export can walk the record patient batch by patient batch.
    /// </summary>
    public IReadOnlyCollection<Guid>? Only { get; init; }

    /// <summary>The patients the caller may see (PatientAccess): all (Admin), their locations (staff), themselves (patient).</summary>
    public IQueryable<Patient> Patients => Only is { } only ? access.Visible(User).Where(p => only.Contains(p.Id)) : access.Visible(User);

    /// <summary>Rows of patients the caller may see.</summary>
    public IQueryable<T> Visible<T>(IQueryable<T> rows) where T : class, IPatientRecord =>
        Only is { } only ? access.Visible(User, rows).Where(r => only.Contains(r.PatientId)) : access.Visible(User, rows);

    /// <summary>One patient-record row by its Guid id when the caller may see it, mapped; null when absent or not visible.</summary>
    public async Task<FhirFound?> FindAsync<T>(IQueryable<T> rows, string id, Func<T, Resource> map) where T : class, IPatientRecord =>
        Guid.TryParse(id, out var g) && await Visible(rows).FirstOrDefaultAsync(r => EF.Property<Guid>(r, "Id") == g, Ct) is { } row
            ? new FhirFound(map(row), row.PatientId) : null;

    /// <summary>Where a search of patient-record rows starts: visible to the caller, of the named patient, with the <c>_id</c> values.</summary>
    public IQueryable<T> Searched<T>(IQueryable<T> rows, FhirQuery query) where T : class, IPatientRecord
    {
        var scoped = Visible(rows, query);
        return query.GuidIds() is { } ids ? scoped.Where(r => ids.Contains(EF.Property<Guid>(r, "Id"))) : scoped;
    }

    /// <summary>One page of patient-record rows, ordered by date (when _sort asks) then id, mapped.</summary>
    public async Task<FhirPage> PageAsync<T, TDate>(IQueryable<T> rows, FhirQuery query, System.Linq.Expressions.Expression<Func<T, TDate>> date,
        Func<T, Resource> map) where T : class, IPatientRecord
    {
        var page = await query.Page(rows, date, r => EF.Property<Guid>(r, "Id")).ToListAsync(Ct);
        var (dateOf, idOf) = Keys<T, TDate>.Of(date);
        return FhirPage.From(page, query, r => query.CursorOf(dateOf(r), idOf(r)), r => new FhirFound(map(r), r.PatientId));
    }

    /// <summary>The compiled sort-key readers of a row type (for the cursor of the last row), compiled once per date expression.</summary>
    private static class Keys<T, TDate>
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Func<T, TDate>, Func<T, Guid>)> Cache = new();

        public static (Func<T, TDate> Date, Func<T, Guid> Id) Of(System.Linq.Expressions.Expression<Func<T, TDate>> date) =>
            Cache.GetOrAdd(date.ToString(), _ =>
            {
                var row = System.Linq.Expressions.Expression.Parameter(typeof(T));
                var id = System.Linq.Expressions.Expression.Lambda<Func<T, Guid>>(System.Linq.Expressions.Expression.Property(row, "Id"), row);
                return (date.Compile(), id.Compile());
            });
    }

    /// <summary>Rows of patients the caller may see, narrowed to the patient a patient/subject parameter named.</summary>
    public IQueryable<T> Visible<T>(IQueryable<T> rows, FhirQuery query) where T : class, IPatientRecord
    {
        if (NamedVisiblePatient(query) is { } named)
        {
            return rows.Where(r => r.PatientId == named);
        }
        var scoped = Visible(rows);
        return query.Patient is { } p ? scoped.Where(r => r.PatientId == p) : scoped;
    }

    /// <summary>
    /// The patient a patient/subject parameter named when the endpoint has found that the caller may see them
    /// (<see cref="CheckedPatient"/>) and no export batch narrows the request: their rows need no other visibility
    /// condition. Null otherwise.
    /// </summary>
    public Guid? NamedVisiblePatient(FhirQuery query) => Only is null && query.Patient is { } p && p == CheckedPatient ? p : null;

    /// <summary>The patient the search endpoint found the caller may see (PatientAccess.CanSeeAsync) before naming them in the query.</summary>
    public Guid? CheckedPatient { get; init; }
}

/// <summary>The practice's identifier and code systems (the FhirSettings practice setting).</summary>
public sealed record FhirSystems(string Base)
{
    public string Mrn => $"{Base}/sid/mrn";
    public string CodeSystem(string name) => $"{Base}/CodeSystem/{name}";
    public const string Npi = "http://hl7.org/fhir/sid/us-npi";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Snomed = "http://snomed.info/sct";
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Cpt = "http://www.ama-assn.org/go/cpt";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static FhirSystems From(FhirSettings settings) => new(settings.SystemBase.TrimEnd('/'));
}

/// <summary>
/// The practice's FHIR identity: the base of its identifier and local code systems (SPEC §8.3 "http://&lt;practice&gt;/fhir/CodeSystem/faos").
/// A practice default [D]: set it to an address the practice controls before sharing data.
/// </summary>
public sealed class FhirSettings
{
    [System.ComponentModel.DataAnnotations.Url, System.ComponentModel.DataAnnotations.StringLength(200)]
    public string SystemBase { get; set; } = "https://talus.example.org/fhir";

    /// <summary>The largest page a search returns (_count above it is cut to it). A practice default [D]: 100.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int MaxPageSize { get; set; } = FhirQuery.MaxCount;

    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (!(Uri.TryCreate(SystemBase, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.Query.Length == 0 && u.Fragment.Length == 0))
        {
            errors["systemBase"] = ["The system base must be an http(s) address without a query, e.g. https://clinic.example.org/fhir."];
        }
        if (MaxPageSize is < 1 or > 1000)
        {
            errors["maxPageSize"] = ["The largest page is between 1 and 1000 resources."];
        }
        return errors;
    }
}

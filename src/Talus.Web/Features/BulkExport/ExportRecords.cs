using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Patients;
using Talus.Web.Fhir;
using Patient = Talus.Web.Data.Patient;

namespace Talus.Web.Features.BulkExport;

/// <summary>
/// Writes the NDJSON files of one export: every type the owner may read, walked patient batch by patient batch (keyset
/// on the patient id, each batch read with AsNoTracking through the types' own searches, so the same access rules and
/// mappings apply), each resource serialized straight to its file. Memory holds one batch, never the whole set.
/// </summary>
public static class ExportRecords
{
    /// <summary>Patients per batch: their resources of one type are read in pages of <see cref="PageSize"/>.</summary>
    public const int PatientBatch = 100;
    public const int PageSize = 1000;

    /// <summary>
    /// Every registered type that is stored record data (<see cref="FhirType.RecordData"/>): computed availability such as
    /// free slots has no place in a bulk copy of the record.
    /// </summary>
    public static readonly IReadOnlyList<FhirType> Exportable = [.. FhirTypes.All.Where(t => t.RecordData)];

    /// <summary>
    /// The types an export includes: those registered with the FHIR API (so a type added there joins the export), that
    /// the owner's role and SMART scopes let them read, of the patient compartment for Patient and Group level, narrowed
    /// to <paramref name="asked"/> (_type) when given.
    /// </summary>
    public static IReadOnlyList<FhirType> TypesFor(ClaimsPrincipal owner, ExportLevel level, IReadOnlyCollection<string>? asked) =>
        [.. Exportable.Where(t => (asked is null || asked.Contains(t.Name))
            && (level == ExportLevel.System || t.PatientData)
            && RoleMatrix.Allowed[t.Policy].Any(owner.IsInRole)
            && SmartScopes.Allows(owner, t.Name, 'r'))];

    /// <summary>The patients an export covers: those the owner may see, of the Group's location, changed since _since.</summary>
    public static IQueryable<Patient> Cohort(ClinicDb db, PatientAccess access, ClaimsPrincipal owner, ExportJob job)
    {
        var cohort = access.Visible(owner).AsNoTracking();
        if (job.Level == ExportLevel.Group)
        {
            cohort = cohort.Where(p => p.PreferredLocationId == job.GroupId);
        }
        if (job.Since is { } since)
        {
            // Every write to a patient's record is audited with its instant (AuditSaveInterceptor): the patients written since.
            var changed = db.AuditEntries.Where(a => a.At >= since && a.PatientId != null
                && (a.Action == AuditAction.Create || a.Action == AuditAction.Update || a.Action == AuditAction.Delete)).Select(a => a.PatientId!.Value);
            cohort = cohort.Where(p => changed.Contains(p.Id));
        }
        return cohort;
    }

    /// <summary>
    /// Writes the files into <paramref name="directory"/> and returns the count per type (types without resources get no
    /// file). <paramref name="progress"/> is called after each batch; when it answers false (cancelled, or the lease was
    /// lost) the run stops with <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(string Type, int Count)>> RunAsync(ClinicDb db, PatientAccess access, FhirSystems systems,
        ExportJob job, ClaimsPrincipal owner, string directory, Func<string, Task<bool>> progress, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var types = TypesFor(owner, job.Level, job.Types?.Split(','));
        var files = types.ToDictionary(t => t.Name, t => new NdjsonFile(Path.Combine(directory, FileName(t.Name))));
        try
        {
            var written = 0;
            foreach (var type in types.Where(t => !t.PatientData))
            {
                var request = new FhirRequest(db, access, owner, systems, ct);
                written += await WriteAllAsync(type, request, files[type.Name], null);
                if (!await progress($"{type.Name}: {written:N0} resources written"))
                {
                    throw new OperationCanceledException("The export was cancelled.");
                }
            }
            var patientTypes = types.Where(t => t.PatientData).ToList();
            if (patientTypes.Count > 0)
            {
                var cohort = Cohort(db, access, owner, job);
                Guid? last = null;
                while (true)
                {
                    var batch = await BatchAsync(cohort, last, ct);
                    if (batch.Count == 0)
                    {
                        break;
                    }
                    last = batch[^1];
                    var only = batch.ToHashSet();
                    var request = new FhirRequest(db, access, owner, systems, ct) { Only = batch };
                    foreach (var type in patientTypes)
                    {
                        written += await WriteAllAsync(type, request, files[type.Name], only);
                    }
                    db.ChangeTracker.Clear();
                    if (!await progress($"{written:N0} resources written"))
                    {
                        throw new OperationCanceledException("The export was cancelled.");
                    }
                }
            }
        }
        finally
        {
            foreach (var file in files.Values)
            {
                await file.DisposeAsync();
            }
        }
        foreach (var (name, file) in files.Where(f => f.Value.Count == 0))
        {
            File.Delete(file.Path);
        }
        return [.. types.Where(t => files[t.Name].Count > 0).Select(t => (t.Name, files[t.Name].Count))];
    }

    /// <summary>
    /// Runs each patient type's search of an export batch once for a batch of no one (<see cref="Guid.Empty"/>), and the
    /// cohort's first batch, so that the first export after a start does not compile its queries and search paths while
    /// the owner waits. Reads no patient's row; the owner's shape of access (an administrator's, a clinic's) is the one warmed.
    /// </summary>
    public static async Task WarmUpAsync(ClinicDb db, PatientAccess access, FhirSystems systems, ClaimsPrincipal owner, CancellationToken ct)
    {
        var request = new FhirRequest(db, access, owner, systems, ct) { Only = [Guid.Empty] };
        foreach (var type in Exportable.Where(t => t.PatientData))
        {
            await type.SearchAsync(request, new FhirQuery { Count = PageSize });
        }
        // The batches after the first: after the largest id there is no one.
        await BatchAsync(access.Visible(owner).AsNoTracking(), Guid.AllBitsSet, ct);
    }

    /// <summary>The next patient batch of the cohort in id order (keyset after <paramref name="after"/>).</summary>
    private static Task<List<Guid>> BatchAsync(IQueryable<Patient> cohort, Guid? after, CancellationToken ct) =>
        (after is { } a ? cohort.Where(p => p.Id.CompareTo(a) > 0) : cohort).OrderBy(p => p.Id).Select(p => p.Id).Take(PatientBatch).ToListAsync(ct);

    public static string FileName(string type) => $"{type}.ndjson";

    /// <summary>Every resource of one type the request sees, page by page; with a patient batch, only that batch's resources.</summary>
    private static async Task<int> WriteAllAsync(FhirType type, FhirRequest request, NdjsonFile file, HashSet<Guid>? batch)
    {
        var count = 0;
        for (FhirCursor? after = null; ;)
        {
            var page = await type.SearchAsync(request, new FhirQuery { Count = PageSize, After = after });
            foreach (var found in page.Entries)
            {
                // A type's search may see more than the batch (if it does not narrow by FhirRequest.Only): each
                // patient's resources are written with that patient's batch only, so none is written twice.
                if (batch is null || found.PatientId is { } p && batch.Contains(p))
                {
                    file.Write(found);
                    count++;
                }
            }
            await file.FlushAsync(request.Ct);
            if (page.Next is null)
            {
                return count;
            }
            after = FhirCursor.Decode(page.Next);
        }
    }

    /// <summary>
    /// One NDJSON file: each resource on one line, written by its own writer when it has one (the same JSON, checked by
    /// ObservationJsonTests, without building the Firely resource), else serialized by the FHIR API's own options.
    /// </summary>
    private sealed class NdjsonFile(string path) : IAsyncDisposable
    {
        private readonly FileStream stream = new(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        private Utf8JsonWriter? writer;

        public string Path { get; } = path;
        public int Count { get; private set; }

        public void Write(FhirFound found)
        {
            writer ??= new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
            if (found.Direct is { } direct)
            {
                direct.Write(writer);
            }
            else
            {
                JsonSerializer.Serialize(writer, found.Resource, FhirJson.Options);
            }
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset(stream);
            Count++;
        }

        public Task FlushAsync(CancellationToken ct) => stream.FlushAsync(ct);

        public async ValueTask DisposeAsync()
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
            await stream.DisposeAsync();
        }
    }
}

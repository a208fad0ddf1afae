using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Patients;
using Talus.Web.Features.Settings;
using Talus.Web.Fhir;

namespace Talus.Web.Features.BulkExport;

/// <summary>
/// Runs queued exports. Safe on several instances: a job is claimed with one conditional update (Queued → Running, or
/// Running whose lease has expired → Running under this instance), the lease is renewed after every batch, and a run
/// that finds its lease gone (cancelled, or taken over after a stall) stops. Files of finished jobs are deleted after
/// the retention time (BulkExportSettings). With several instances the export directory must be shared.
/// </summary>
public sealed class ExportWorker(IServiceScopeFactory scopes, IConfiguration config, IWebHostEnvironment env, TimeProvider clock,
    ILogger<ExportWorker> log) : BackgroundService
{
    /// <summary>How long a claim holds without renewal; a crashed instance's job is taken again after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>A job claimed this many times without finishing is failed rather than tried again.</summary>
    public const int MaxAttempts = 3;

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>This instance's name in a job's lease.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Where export files are written: BulkExport:Directory, by default .data/exports beside the app.</summary>
    public string Root => config["BulkExport:Directory"] is { Length: > 0 } dir ? dir : Path.Combine(env.ContentRootPath, ".data", "exports");

    public string DirectoryOf(Guid jobId) => Path.Combine(Root, jobId.ToString("N"));

    /// <summary>A new job was queued: look now rather than at the next poll.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("BulkExport:PollSeconds", 10)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken))
                {
                }
                await CleanUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Bulk export worker pass failed");
            }
            try
            {
                await wake.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims one job (queued, or running under an expired lease) and runs it; false when there was none.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ClinicDb>();
        var job = await ClaimAsync(db, Instance, clock.GetUtcNow().UtcDateTime, ct);
        if (job is null)
        {
            return false;
        }
        var directory = DirectoryOf(job.Id);
        if (Directory.Exists(directory))
        {
            // A previous attempt's partial files.
            Directory.Delete(directory, recursive: true);
        }
        if (job.Attempts > MaxAttempts)
        {
            await FinishAsync(db, job.Id, ExportStatus.Failed, $"The export did not finish in {MaxAttempts} attempts.", ct);
            return true;
        }
        try
        {
            var systems = FhirSystems.From(await services.GetRequiredService<PracticeSettings>().GetAsync<FhirSettings>(ct));
            var files = await ExportRecords.RunAsync(db, services.GetRequiredService<PatientAccess>(), systems, job, OwnerOf(job), directory,
                progress => RenewAsync(db, job.Id, progress, ct), ct);
            db.ChangeTracker.Clear();
            db.ExportFiles.AddRange(files.Select(f => new ExportFile { JobId = job.Id, Type = f.Type, Count = f.Count }));
            await db.SaveChangesAsync(ct);
            if (!await FinishAsync(db, job.Id, ExportStatus.Completed, null, ct))
            {
                // Cancelled at the last moment: the clean-up removes the files.
                log.LogInformation("Bulk export {JobId} was cancelled as it finished", job.Id);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogInformation("Bulk export {JobId} stopped: cancelled or its lease was taken", job.Id);
            DeleteDirectory(directory);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message of an exception may quote data: the log gets it, the job only its kind.
            log.LogError(e, "Bulk export {JobId} failed", job.Id);
            DeleteDirectory(directory);
            await FinishAsync(db, job.Id, ExportStatus.Failed, $"The export failed ({e.GetType().Name}); ask the practice to look at the server log.", ct);
        }
        return true;
    }

    /// <summary>
    /// Takes the oldest claimable job with a conditional update, so that of several instances trying at once exactly one
    /// gets it; returns it as claimed, or null.
    /// </summary>
    public static async Task<ExportJob?> ClaimAsync(ClinicDb db, string instance, DateTime now, CancellationToken ct)
    {
        var candidates = await db.ExportJobs.AsNoTracking()
            .Where(j => j.Status == ExportStatus.Queued || (j.Status == ExportStatus.Running && j.LeaseExpiresAt < now))
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(5).ToListAsync(ct);
        var until = now + Lease;
        foreach (var id in candidates)
        {
            var claimed = await db.ExportJobs
                .Where(j => j.Id == id && (j.Status == ExportStatus.Queued || (j.Status == ExportStatus.Running && j.LeaseExpiresAt < now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, ExportStatus.Running)
                    .SetProperty(j => j.LeaseOwner, instance)
                    .SetProperty(j => j.LeaseExpiresAt, until)
                    .SetProperty(j => j.StartedAt, now)
                    .SetProperty(j => j.TransactionTime, now)
                    .SetProperty(j => j.Progress, "started")
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
            if (claimed == 1)
            {
                return await db.ExportJobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
            }
        }
        return null;
    }

    private async Task<bool> RenewAsync(ClinicDb db, Guid id, string progress, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + Lease;
        return await db.ExportJobs.Where(j => j.Id == id && j.Status == ExportStatus.Running && j.LeaseOwner == Instance)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, until).SetProperty(j => j.Progress, progress), ct) == 1;
    }

    private async Task<bool> FinishAsync(ClinicDb db, Guid id, ExportStatus status, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ExportJobs.Where(j => j.Id == id && j.Status == ExportStatus.Running && j.LeaseOwner == Instance)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.Progress, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null), ct) == 1;
    }

    /// <summary>Deletes cancelled jobs (once no instance runs them) and finished jobs past the retention time, with their files.</summary>
    public async Task CleanUpAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        var retention = (await scope.ServiceProvider.GetRequiredService<PracticeSettings>().GetAsync<BulkExportSettings>(ct)).RetentionHours;
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddHours(-retention);
        var gone = await db.ExportJobs.AsNoTracking()
            .Where(j => (j.Status == ExportStatus.Cancelled && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now))
                || ((j.Status == ExportStatus.Completed || j.Status == ExportStatus.Failed) && j.FinishedAt < cutoff))
            .OrderBy(j => j.Id).Select(j => j.Id).Take(100).ToListAsync(ct);
        foreach (var id in gone)
        {
            DeleteDirectory(DirectoryOf(id));
            await db.ExportFiles.Where(f => f.JobId == id).ExecuteDeleteAsync(ct);
            await db.ExportJobs.Where(j => j.Id == id).ExecuteDeleteAsync(ct);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The claims of the kick-off kept with the job: the export runs with the access its owner had then.</summary>
    public static string ClaimsOf(ClaimsPrincipal user) => JsonSerializer.Serialize(
        user.Claims.Where(c => c.Type is ClaimTypes.NameIdentifier or ClaimTypes.Name or ClaimTypes.Role
                or TalusClaims.PatientId or TalusClaims.StaffId or TalusClaims.Location or SmartScopes.Claim)
            .Select(c => new[] { c.Type, c.Value }));

    public static ClaimsPrincipal OwnerOf(ExportJob job) => new(new ClaimsIdentity(
        JsonSerializer.Deserialize<string[][]>(job.OwnerClaims)!.Select(c => new Claim(c[0], c[1])), "BulkExport", ClaimTypes.Name, ClaimTypes.Role));
}

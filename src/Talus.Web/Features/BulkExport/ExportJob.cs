using Talus.Web.Data;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Talus.Web.Features.BulkExport;

public enum ExportLevel { System, Patient, Group }

public enum ExportStatus { Queued, Running, Completed, Failed, Cancelled }

/// <summary>
/// One FHIR Bulk Data $export request (docs/decisions/0013-bulk-export.md): who asked (the owner, whose access the
/// export runs with), what was asked, and how far it got. A worker claims a queued job with a conditional update and
/// holds it with a lease, so several instances never run one job twice and a crashed instance's job is taken again.
/// </summary>
public sealed class ExportJob
{
    public Guid Id { get; set; } = Ids.NewV7();
    /// <summary>The user id (NameIdentifier claim) of the caller who kicked the export off; only they may read its status and files.</summary>
    public required string OwnerId { get; set; }
    /// <summary>The owner's role, location, patient and scope claims at kick-off (JSON), the access the worker exports with.</summary>
    public required string OwnerClaims { get; set; }
    /// <summary>The kick-off URL, as the manifest's "request" echoes it.</summary>
    public required string Request { get; set; }
    public ExportLevel Level { get; set; }
    /// <summary>The location whose patients form the Group (Group-level export).</summary>
    public int? GroupId { get; set; }
    /// <summary>The resource types asked for with _type (comma-separated), or null for every type the owner may read.</summary>
    public string? Types { get; set; }
    public DateTime? Since { get; set; }
    public ExportStatus Status { get; set; }
    /// <summary>What X-Progress says while the job runs, e.g. "Observation: 2,000 resources written".</summary>
    public string? Progress { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>The instant the data was read from (the manifest's transactionTime).</summary>
    public DateTime? TransactionTime { get; set; }
    /// <summary>The instance running the job, and until when its claim holds unless it renews it.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    /// <summary>How many times a worker claimed the job: a job that keeps failing is not retried forever.</summary>
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public List<ExportFile> Files { get; set; } = [];

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ExportJob>(e =>
        {
            e.HasIndex(j => new { j.Status, j.CreatedAt });
            e.HasIndex(j => j.OwnerId);
            e.Property(j => j.OwnerClaims).HasMaxLength(8000);
            e.Property(j => j.Request).HasMaxLength(2000);
            e.Property(j => j.Types).HasMaxLength(2000);
            e.Property(j => j.Error).HasMaxLength(2000);
            e.HasMany(j => j.Files).WithOne().HasForeignKey(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ExportFile>().HasIndex(f => new { f.JobId, f.Type }).IsUnique();
    }
}

/// <summary>One NDJSON file of an export: all resources of one type, in the export directory under the job's id.</summary>
public sealed class ExportFile
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    [MaxLength(64)]
    public required string Type { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// How long the files of a finished export stay available (a practice default [D]; the Bulk Data IG leaves it to the
/// server and says to state it with the manifest's Expires header).
/// </summary>
public sealed class BulkExportSettings
{
    [Range(1, 720)]
    public int RetentionHours { get; set; } = 24;

    public Dictionary<string, string[]> Check() => RetentionHours is >= 1 and <= 720
        ? [] : new() { ["retentionHours"] = ["Keep export files between 1 and 720 hours (30 days)."] };
}

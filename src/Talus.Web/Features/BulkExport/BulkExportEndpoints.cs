using System.Globalization;
using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Settings;
using Talus.Web.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.BulkExport;

/// <summary>
/// FHIR Bulk Data Access (v2) $export at system, Patient and Group level: kick-off (202 with a status URL), status
/// (202 with X-Progress while running, 200 with the manifest when done), cancel (DELETE), and the NDJSON files, which
/// only the caller who kicked the export off may read. Kick-off and every file download are audited.
/// docs/decisions/0013-bulk-export.md.
/// </summary>
public static class BulkExportEndpoints
{
    public const string NdjsonMediaType = "application/fhir+ndjson";
    // A '+' left unencoded in a query string arrives as a space: "application/fhir ndjson" is the same request.
    private static readonly string[] OutputFormats = [NdjsonMediaType, "application/fhir ndjson", "application/ndjson", "ndjson"];

    public static void MapBulkExport(this WebApplication app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR R4 Bulk Data");
        const string kickOff = "Kick off an asynchronous export (FHIR Bulk Data Access v2). Send 'Prefer: respond-async' and 'Accept: application/fhir+json'; " +
            "_outputFormat application/fhir+ndjson (the default), _type a comma-separated list of types, _since an instant. Answers 202 with Content-Location, the status URL.";

        void MapKickOff(string pattern, ExportLevel level, string policy, string summary) =>
            fhir.MapGet(pattern, (HttpContext ctx, ClinicDb db, AuditLog audit, AuditContext who, ExportWorker worker, TimeProvider clock,
                    [FromQuery(Name = "_outputFormat")] string? outputFormat, [FromQuery(Name = "_type")] string? type, [FromQuery(Name = "_since")] string? since) =>
                    KickOffAsync(ctx, db, audit, who, worker, clock, level))
                .RequireAuthorization(policy)
                .Produces(StatusCodes.Status202Accepted).Produces(StatusCodes.Status400BadRequest, contentType: FhirJson.MediaType)
                .WithSummary(summary)
                .WithDescription(kickOff);
        MapKickOff("/$export", ExportLevel.System, Policies.FhirBulkExport,
            "System-level $export: every patient the caller may see and the practice's directory (Practitioner, Location, Group).");
        MapKickOff("/Patient/$export", ExportLevel.Patient, Policies.FhirRecord,
            "Patient-level $export: the patient-compartment resources of every patient the caller may see (a patient: their own).");
        MapKickOff("/Group/{id}/$export", ExportLevel.Group, Policies.FhirBulkExport,
            "Group-level $export: the patients of one location (Group id = location id; GET /fhir/Group lists them).");

        fhir.MapGet("/$export-status/{jobId:guid}", StatusAsync)
            .RequireAuthorization(Policies.FhirRecord)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status404NotFound, contentType: FhirJson.MediaType)
            .WithSummary("Status of an export: 202 with X-Progress while it runs, 200 with the manifest (output files and counts) when done. Owner only.");
        fhir.MapDelete("/$export-status/{jobId:guid}", CancelAsync)
            .RequireAuthorization(Policies.FhirRecord)
            .Produces(StatusCodes.Status202Accepted).Produces(StatusCodes.Status404NotFound, contentType: FhirJson.MediaType)
            .WithSummary("Cancel an export, or delete a finished one's files (202). Owner only.");
        fhir.MapGet("/$export-file/{jobId:guid}/{file}", FileAsync)
            .RequireAuthorization(Policies.FhirRecord)
            .Produces(StatusCodes.Status200OK, contentType: NdjsonMediaType).Produces(StatusCodes.Status404NotFound, contentType: FhirJson.MediaType)
            .WithSummary("One NDJSON file of a finished export (one resource per line). Owner only, with the same bearer token; audited with its count.");
    }

    private static async Task<IResult> KickOffAsync(HttpContext ctx, ClinicDb db, AuditLog audit, AuditContext who, ExportWorker worker,
        TimeProvider clock, ExportLevel level)
    {
        var request = ctx.Request;
        int? groupId = null;
        if (level == ExportLevel.Group)
        {
            if (!int.TryParse(request.RouteValues["id"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var location))
            {
                return FhirOutcome.NotFound("No such Group.");
            }
            groupId = location;
        }
        if (!FhirJson.Accepts(request))
        {
            return FhirOutcome.Error(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported, "Send 'Accept: application/fhir+json'.");
        }
        if (!request.Headers["Prefer"].Any(p => p is not null && p.Contains("respond-async", StringComparison.OrdinalIgnoreCase)))
        {
            return FhirOutcome.BadRequest("An export runs asynchronously: send 'Prefer: respond-async'.");
        }
        var (asked, since, error) = ParseParameters(request.Query);
        if (error is not null)
        {
            return FhirOutcome.BadRequest(error);
        }
        var user = ctx.User;
        var ownerId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (ownerId is null)
        {
            return FhirOutcome.Forbidden("Only a signed-in account may export.");
        }
        if (level != ExportLevel.System && asked?.FirstOrDefault(n => !ExportRecords.Exportable.Single(t => t.Name == n).PatientData) is { } outside)
        {
            return FhirOutcome.BadRequest($"{outside} is not in the patient compartment: export it at system level (/fhir/$export).");
        }
        if (asked?.FirstOrDefault(n => ExportRecords.TypesFor(user, level, [n]).Count == 0) is { } refused)
        {
            return FhirOutcome.Forbidden($"Your role or the token's scopes do not grant reading {refused}.");
        }
        if (ExportRecords.TypesFor(user, level, asked).Count == 0)
        {
            return FhirOutcome.Forbidden("Your role or the token's scopes grant reading none of the exported types.");
        }
        if (groupId is { } g && !await GroupFhir.Visible(db, user).AnyAsync(l => l.Id == g, ctx.RequestAborted))
        {
            return FhirOutcome.NotFound($"No Group with id '{g}' is available to you.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new ExportJob
        {
            OwnerId = ownerId,
            OwnerClaims = ExportWorker.ClaimsOf(user),
            Request = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
            Level = level,
            GroupId = groupId,
            Types = asked is null ? null : string.Join(',', asked),
            Since = since,
            Status = ExportStatus.Queued,
            Progress = "queued",
            CreatedAt = now,
        };
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync(ctx.RequestAborted);
        await audit.WriteAsync(who.Entry(AuditAction.Export, "BulkExport", null, $"{job.Id} {level} kick-off", "202", now), CancellationToken.None);
        worker.Wake();
        ctx.Response.Headers.ContentLocation = $"{FhirEndpoints.BaseUrl(request)}/$export-status/{job.Id}";
        return new FhirResult(FhirOutcome.Outcome(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational,
            "Export queued: poll the Content-Location address."), StatusCodes.Status202Accepted);
    }

    /// <summary>Reads _outputFormat, _type and _since; any other parameter is refused (400) rather than silently ignored.</summary>
    public static (IReadOnlyList<string>? Types, DateTime? Since, string? Error) ParseParameters(IQueryCollection query)
    {
        IReadOnlyList<string>? types = null;
        DateTime? since = null;
        foreach (var (key, values) in query)
        {
            if (values.Count != 1 || values[0] is not { } value || value.Length > 1000 || value.Any(char.IsControl))
            {
                return (null, null, $"'{key}' must be given once, without control characters.");
            }
            switch (key)
            {
                case "_outputFormat":
                    if (!OutputFormats.Contains(value))
                    {
                        return (null, null, "_outputFormat supports application/fhir+ndjson only.");
                    }
                    break;
                case "_type":
                    var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (names.Length == 0)
                    {
                        return (null, null, "_type names no type.");
                    }
                    if (names.FirstOrDefault(n => ExportRecords.Exportable.All(t => t.Name != n)) is { } unknown)
                    {
                        return (null, null, $"_type: '{unknown}' is not a resource type this server exports (GET /fhir/metadata lists them).");
                    }
                    types = [.. names.Distinct()];
                    break;
                case "_since":
                    // A FHIR instant: a date and time with a zone.
                    if (value.Length < 20 || value[10] != 'T'
                        || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                        || instant.Year is < 1900 or > 2200)
                    {
                        return (null, null, "_since must be an instant with a time zone, e.g. 2026-11-01T00:00:00Z.");
                    }
                    since = instant.UtcDateTime;
                    break;
                case "_format":
                    break;
                default:
                    return (null, null, $"The parameter '{key}' is not supported by this server's $export (supported: _outputFormat, _type, _since).");
            }
        }
        return (types, since, null);
    }

    /// <summary>The job when it exists, is not cancelled and belongs to the caller; otherwise the answer to give.</summary>
    private static async Task<(ExportJob? Job, IResult? Refusal)> OwnJobAsync(ClinicDb db, Guid jobId, ClaimsPrincipal user, CancellationToken ct)
    {
        var job = await db.ExportJobs.AsNoTracking().Include(j => j.Files).FirstOrDefaultAsync(j => j.Id == jobId && j.Status != ExportStatus.Cancelled, ct);
        if (job is null)
        {
            return (null, FhirOutcome.NotFound("No such export (or its files have expired)."));
        }
        return job.OwnerId == user.FindFirstValue(ClaimTypes.NameIdentifier)
            ? (job, null)
            : (null, FhirOutcome.Forbidden("Only the account that started this export may read it."));
    }

    private static async Task<IResult> StatusAsync(Guid jobId, HttpContext ctx, ClinicDb db, PracticeSettings settings)
    {
        var (job, refusal) = await OwnJobAsync(db, jobId, ctx.User, ctx.RequestAborted);
        if (job is null)
        {
            return refusal!;
        }
        switch (job.Status)
        {
            case ExportStatus.Queued or ExportStatus.Running:
                ctx.Response.Headers["X-Progress"] = job.Progress ?? job.Status.ToString().ToLowerInvariant();
                ctx.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(StatusCodes.Status202Accepted);
            case ExportStatus.Failed:
                return FhirOutcome.Error(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, job.Error ?? "The export failed.");
        }
        var retention = (await settings.GetAsync<BulkExportSettings>(ctx.RequestAborted)).RetentionHours;
        ctx.Response.Headers.Expires = job.FinishedAt!.Value.AddHours(retention).ToString("R", CultureInfo.InvariantCulture);
        var baseUrl = FhirEndpoints.BaseUrl(ctx.Request);
        return TypedResults.Json(new Manifest(
            new DateTimeOffset(job.TransactionTime!.Value, TimeSpan.Zero),
            job.Request,
            RequiresAccessToken: true,
            [.. job.Files.OrderBy(f => f.Type, StringComparer.Ordinal)
                .Select(f => new ManifestFile(f.Type, $"{baseUrl}/$export-file/{job.Id}/{ExportRecords.FileName(f.Type)}", f.Count))],
            []));
    }

    /// <summary>The completion manifest of the Bulk Data IG.</summary>
    public sealed record Manifest(DateTimeOffset TransactionTime, string Request, bool RequiresAccessToken, IReadOnlyList<ManifestFile> Output, IReadOnlyList<ManifestFile> Error);

    public sealed record ManifestFile(string Type, string Url, int Count);

    private static async Task<IResult> CancelAsync(Guid jobId, HttpContext ctx, ClinicDb db, ExportWorker worker, TimeProvider clock)
    {
        var (job, refusal) = await OwnJobAsync(db, jobId, ctx.User, ctx.RequestAborted);
        if (job is null)
        {
            return refusal!;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // A running job sees the change at its next batch and stops; the worker's clean-up deletes the job and its files.
        await db.ExportJobs.Where(j => j.Id == jobId && j.Status != ExportStatus.Cancelled)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportStatus.Cancelled).SetProperty(j => j.FinishedAt, now), ctx.RequestAborted);
        worker.Wake();
        return new FhirResult(FhirOutcome.Outcome(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational,
            "Export cancelled; its files are deleted."), StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> FileAsync(Guid jobId, string file, HttpContext ctx, ClinicDb db, ExportWorker worker, AuditLog audit,
        AuditContext who, TimeProvider clock)
    {
        var (job, refusal) = await OwnJobAsync(db, jobId, ctx.User, ctx.RequestAborted);
        if (job is null)
        {
            return refusal!;
        }
        var record = job.Status == ExportStatus.Completed ? job.Files.FirstOrDefault(f => ExportRecords.FileName(f.Type) == file) : null;
        var path = record is null ? null : Path.Combine(worker.DirectoryOf(job.Id), ExportRecords.FileName(record.Type));
        if (record is null || !File.Exists(path))
        {
            return FhirOutcome.NotFound("No such file in this export.");
        }
        await audit.WriteAsync(who.Entry(AuditAction.Export, "BulkExport", null, $"{job.Id} {file}: {record.Count} resources", "200",
            clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        return TypedResults.PhysicalFile(path, NdjsonMediaType, enableRangeProcessing: true);
    }

    /// <summary>What the CapabilityStatement says about export: the Bulk Data IG's operations and their definitions.</summary>
    public static void Describe(CapabilityStatement.RestComponent rest)
    {
        rest.Operation.Add(new() { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export" });
        foreach (var resource in rest.Resource)
        {
            var definition = resource.Type switch
            {
                "Patient" => "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export",
                "Group" => "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export",
                _ => null,
            };
            if (definition is not null)
            {
                resource.Operation.Add(new() { Name = "export", Definition = definition });
            }
        }
    }
}

using System.Security.Claims;
using Talus.Web.Data;
using Talus.Web.Features.Patients;
using Talus.Web.Shared;

namespace Talus.Web.Features.Audit;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this WebApplication app)
    {
        app.MapGet("/api/audit", async ([AsParameters] Filters f, int? take, ClaimsPrincipal user, ClinicDb db, PatientAccess access, CancellationToken ct) =>
            {
                var found = await SearchAudit.FilterAsync(f.ToQuery(), user, db, access, ct);
                return found.IsOk
                    ? TypedResults.Ok(await SearchAudit.AllAsync(found.Value!, db, ct).Take(Math.Clamp(take ?? 200, 1, 1000)).ToListAsync(ct))
                    : found.Failure!.ToHttp();
            })
            .WithTags("Audit")
            .PatientData("AuditTrail", AuditAction.Search)
            .RequireAuthorization(Auth.Policies.AuditReview)
            .Produces<List<SearchAudit.Row>>()
            .ProducesValidationProblem()
            .WithSummary("Search the audit trail by patient (id or name), user (email, id or staff name), action and practice-local date range, newest first; " +
                "`before` (an entry id) pages on. Entries cannot be changed or deleted.");

        app.MapGet("/api/audit/csv", async ([AsParameters] Filters f, ClaimsPrincipal user, ClinicDb db, PatientAccess access, HttpContext http, CancellationToken ct) =>
            {
                var found = await SearchAudit.FilterAsync(f.ToQuery(), user, db, access, ct);
                if (!found.IsOk)
                {
                    return found.Failure!.ToHttp();
                }
                return Results.Stream(async body =>
                {
                    await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(false));
                    await writer.WriteLineAsync(SearchAudit.CsvHeader);
                    await foreach (var row in SearchAudit.AllAsync(found.Value!, db, ct))
                    {
                        await writer.WriteLineAsync(SearchAudit.CsvLine(row));
                    }
                }, "text/csv; charset=utf-8", "audit-trail.csv");
            })
            .WithTags("Audit")
            .PatientData("AuditTrail", AuditAction.Export)
            .RequireAuthorization(Auth.Policies.AuditReview)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .WithSummary("The audit trail as CSV (practice-local times, names beside ids), with the same filters as the search; streamed, and the export itself is audited.");
    }

    /// <summary>The query string of a search.</summary>
    public sealed record Filters(Guid? PatientId, string? PatientName, string? User, AuditAction? Action, DateOnly? From, DateOnly? To, long? Before)
    {
        public SearchAudit.Query ToQuery() => new(PatientName, PatientId, User, Action, From, To, Before);
    }

    public static IServiceCollection AddTalusAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditContext>(); // reads the request from IHttpContextAccessor: a singleton like the pooled contexts' interceptors
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        return services;
    }
}

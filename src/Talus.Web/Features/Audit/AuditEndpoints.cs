using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Audit;

public static class AuditEndpoints
{
    public sealed record AuditRow(long Id, DateTime At, string? UserName, string? Role, AuditAction Action, Guid? PatientId,
        string Resource, string? RecordId, string? Endpoint, string? IpAddress, string Outcome);

    /// <summary>Searches the audit trail: by patient, by user (name or id), between dates (UTC, inclusive).</summary>
    public static async Task<List<AuditRow>> SearchAsync(ClinicDb db, Guid? patientId, string? user, DateOnly? from, DateOnly? to, int take, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (patientId is { } p)
        {
            q = q.Where(a => a.PatientId == p);
        }
        if (!string.IsNullOrWhiteSpace(user))
        {
            q = q.Where(a => a.UserName == user || a.UserId == user);
        }
        if (from is { } f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(a => a.At >= start);
        }
        if (to is { } t)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(a => a.At < end);
        }
        return await q.OrderByDescending(a => a.Id).Take(take)
            .Select(a => new AuditRow(a.Id, a.At, a.UserName, a.Role, a.Action, a.PatientId, a.Resource, a.RecordId, a.Endpoint, a.IpAddress, a.Outcome))
            .ToListAsync(ct);
    }

    public static void MapAuditEndpoints(this WebApplication app)
    {
        app.MapGet("/api/audit", async (Guid? patientId, string? user, DateOnly? from, DateOnly? to, int? take, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok(await SearchAsync(db, patientId, user, from, to, Math.Clamp(take ?? 200, 1, 1000), ct)))
            .WithTags("Audit")
            .PatientData("AuditTrail", AuditAction.Search)
            .RequireAuthorization(Auth.Policies.AuditReview)
            .WithSummary("Search the audit trail by patient, user and date range (newest first). Entries cannot be changed or deleted.");
    }

    public static IServiceCollection AddTalusAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditContext>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        return services;
    }
}

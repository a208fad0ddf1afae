using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Audit;

public static class AuditEndpoints
{
    public sealed record AuditRow(long Id, DateTime At, string? UserName, string? Role, AuditAction Action, Guid? PatientId,
        string Resource, string? RecordId, string? Endpoint, string? IpAddress, string Outcome);

    /// <summary>The dates of a search: practice-local days, inclusive.</summary>
    public sealed record AuditDates(DateOnly? From, DateOnly? To);

    /// <summary>
    /// Searches the audit trail: by patient, by user (name or id), between practice-local dates (inclusive: "to" runs
    /// to the end of that day in the practice's zone). Dates outside 1900..2200 are refused, naming the field.
    /// </summary>
    public static async Task<Outcome<List<AuditRow>>> SearchAsync(ClinicDb db, Guid? patientId, string? user, DateOnly? from, DateOnly? to, int take, CancellationToken ct)
    {
        if (InputCheck.Validate(new AuditDates(from, to)) is { } invalid)
        {
            return invalid;
        }
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
            var start = PracticeClock.StartUtc(f);
            q = q.Where(a => a.At >= start);
        }
        if (to is { } t)
        {
            var end = PracticeClock.StartUtc(t.AddDays(1));
            q = q.Where(a => a.At < end);
        }
        return await q.OrderByDescending(a => a.Id).Take(take)
            .Select(a => new AuditRow(a.Id, a.At, a.UserName, a.Role, a.Action, a.PatientId, a.Resource, a.RecordId, a.Endpoint, a.IpAddress, a.Outcome))
            .ToListAsync(ct);
    }

    public static void MapAuditEndpoints(this WebApplication app)
    {
        app.MapGet("/api/audit", async (Guid? patientId, string? user, DateOnly? from, DateOnly? to, int? take, ClinicDb db, CancellationToken ct) =>
                (await SearchAsync(db, patientId, user, from, to, Math.Clamp(take ?? 200, 1, 1000), ct)).ToHttp(rows => TypedResults.Ok(rows)))
            .WithTags("Audit")
            .PatientData("AuditTrail", AuditAction.Search)
            .RequireAuthorization(Auth.Policies.AuditReview)
            .Produces<List<AuditRow>>()
            .ProducesValidationProblem()
            .WithSummary("Search the audit trail by patient, user and practice-local date range (newest first). Entries cannot be changed or deleted.");
    }

    public static IServiceCollection AddTalusAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditContext>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        return services;
    }
}

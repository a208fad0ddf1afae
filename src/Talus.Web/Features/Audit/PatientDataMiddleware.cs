using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Patients;

namespace Talus.Web.Features.Audit;

/// <summary>
/// The one place where access to a patient's data is checked and audited, for pages, REST and FHIR alike.
/// </summary>
public sealed class PatientDataMiddleware(RequestDelegate next)
{
    // The services are taken only for requests about patient data: every other request (health checks, static pages,
    // settings) passes without renting a database context for the access check.
    public Task InvokeAsync(HttpContext ctx)
    {
        var meta = ctx.GetEndpoint()?.Metadata.GetMetadata<PatientDataAttribute>();
        if (meta is null || ctx.User.Identity?.IsAuthenticated != true)
        {
            return next(ctx);
        }
        var services = ctx.RequestServices;
        return CheckedAsync(ctx, meta, services.GetRequiredService<AuditLog>(), services.GetRequiredService<AuditContext>(),
            services.GetRequiredService<PatientAccess>(), services.GetRequiredService<TimeProvider>());
    }

    private async Task CheckedAsync(HttpContext ctx, PatientDataAttribute meta, AuditLog audit, AuditContext who, PatientAccess access, TimeProvider clock)
    {

        Guid? patientId = null;
        if (ctx.Request.RouteValues.TryGetValue("patientId", out var raw) && raw is not null)
        {
            if (!Guid.TryParse(raw.ToString(), out var id) || !await access.CanSeeAsync(ctx.User, id, ctx.RequestAborted))
            {
                await audit.WriteAsync(who.Entry(ActionFor(ctx, meta), meta.Resource,
                    Guid.TryParse(raw.ToString(), out var asked) ? asked : null, null, "denied", clock.GetUtcNow().UtcDateTime), ctx.RequestAborted);
                if (ctx.Request.WantsPage())
                {
                    // The "Not found" page is shown by the status code pages (Errors.cs).
                    ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: "No patient record with this id is available to you.").ExecuteAsync(ctx);
                return;
            }
            patientId = id;
        }

        try
        {
            await next(ctx);
        }
        finally
        {
            var at = clock.GetUtcNow().UtcDateTime;
            var shown = PatientsShown.Of(ctx);
            var entry = who.Entry(ActionFor(ctx, meta), meta.Resource, shown.Count == 0 ? patientId ?? PatientOfPortalUser(ctx) : null,
                null, ctx.Response.StatusCode.ToString(), at);
            await audit.WriteAsync(PatientsShown.Into(entry, shown), CancellationToken.None);
        }
    }

    private static Guid? PatientOfPortalUser(HttpContext ctx) =>
        Guid.TryParse(ctx.User.FindFirst(TalusClaims.PatientId)?.Value, out var id) ? id : null;

    private static AuditAction ActionFor(HttpContext ctx, PatientDataAttribute meta) => meta.ExplicitAction ?? ctx.Request.Method switch
    {
        "GET" or "HEAD" => AuditAction.Read,
        "POST" when ctx.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: var t } || !t!.StartsWith("/api", StringComparison.Ordinal) => AuditAction.Update,
        "POST" => AuditAction.Create,
        "DELETE" => AuditAction.Delete,
        _ => AuditAction.Update,
    };
}

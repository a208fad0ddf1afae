using System.Security.Claims;
using Talus.Web.Data;

namespace Talus.Web.Features.Audit;

/// <summary>Who is acting, from where, on which endpoint: the part of an audit entry that comes from the request.</summary>
public sealed class AuditContext(IHttpContextAccessor http)
{
    public AuditEntry Entry(AuditAction action, string resource, Guid? patientId, string? recordId, string outcome, DateTime at)
    {
        var ctx = http.HttpContext;
        var user = ctx?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        return new AuditEntry
        {
            At = at,
            Action = action,
            Resource = resource,
            PatientId = patientId,
            RecordId = recordId,
            Outcome = outcome,
            UserId = signedIn ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            UserName = signedIn ? user!.Identity!.Name : ctx is null ? "system" : null,
            Role = signedIn ? string.Join(",", user!.FindAll(ClaimTypes.Role).Select(c => c.Value)) : null,
            Endpoint = ctx is null ? null : EndpointName(ctx),
            IpAddress = ctx?.Connection.RemoteIpAddress?.ToString(),
        };
    }

    /// <summary>The route pattern, not the URL: ids only, never a query string.</summary>
    public static string EndpointName(HttpContext ctx) =>
        ctx.GetEndpoint() is RouteEndpoint re
            ? $"{ctx.Request.Method} /{re.RoutePattern.RawText?.TrimStart('/')}"
            : $"{ctx.Request.Method} {ctx.Request.Path}";
}

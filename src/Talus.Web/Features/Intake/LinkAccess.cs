using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Features.Intake;

/// <summary>
/// Opening a secure form link: resolves the token, keeps the page out of caches and referrers, and audits the access
/// (the link holder is not signed in, so the patient-data middleware does not see it).
/// </summary>
public sealed class LinkAccess(ClinicDb db, TimeProvider clock, AuditLog audit, AuditContext who)
{
    public async Task<(LinkState State, PatientLink? Link)> OpenAsync(string token, HttpContext http, string resource,
        LinkPurpose purpose = LinkPurpose.Intake)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        var (state, link) = await IntakeLinks.ResolveAsync(token, db, clock, http.RequestAborted, purpose);
        await audit.WriteAsync(who.Entry(HttpMethods.IsGet(http.Request.Method) ? AuditAction.Read : AuditAction.Update, resource,
            link?.PatientId, link?.Id.ToString(), state == LinkState.Valid ? "ok" : "link " + state.ToString().ToLowerInvariant(),
            clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        if (state != LinkState.Valid)
        {
            // 410 for every unusable link: a 404 would replace the page's plain-language message with a bare error.
            http.Response.StatusCode = StatusCodes.Status410Gone;
        }
        return (state, link);
    }
}

namespace Talus.Web.Features.Auth;

/// <summary>
/// Headers that keep patient data out of caches and stored documents inert. Every response the app builds (pages,
/// API, FHIR, link pages, calendar feeds) may carry patient data, so every one is <c>no-store</c>; only the framework's
/// own scripts and static files (served before this runs) may be cached.
/// </summary>
public static class ResponseSecurity
{
    /// <summary>For HTML written by the practice or a patient and stored (signed consents): no script, no fetch, no form, no frame of it elsewhere.</summary>
    public const string StoredHtmlPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox";

    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/_framework") && !ctx.Request.Path.StartsWithSegments("/_content"))
            {
                ctx.Response.Headers.CacheControl = "no-store";
                ctx.Response.Headers.Pragma = "no-cache";
            }
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        });
        return next(ctx);
    });

    /// <summary>Serves stored HTML as a document that cannot run script or load anything.</summary>
    public static IResult StoredHtml(string html) => new StoredHtmlResult(html);

    private sealed class StoredHtmlResult(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = StoredHtmlPolicy;
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Text(html, "text/html; charset=utf-8").ExecuteAsync(httpContext);
        }
    }
}

using Microsoft.AspNetCore.DataProtection;

namespace Talus.Web.Features.Consent;

/// <summary>
/// Kiosk mode of the clinic tablet: opening a consent for signing on the tablet locks the browser to that consent
/// (a protected cookie). While it is locked every other page answers with the unlock page, so a patient holding the
/// tablet reaches no chart and no staff menu; a staff sign-in (email and password) on the unlock page ends it.
/// </summary>
public static class Kiosk
{
    public const string Cookie = "talus-kiosk";
    private const string Purpose = "Talus.Kiosk.v1";

    /// <summary>The consent the tablet is locked to.</summary>
    public sealed record Lock(Guid PatientId, Guid ConsentId)
    {
        public string SignPath => $"/patients/{PatientId}/consents/{ConsentId}/sign";
    }

    public static void Enter(HttpContext ctx, Guid patientId, Guid consentId)
    {
        var protector = ctx.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        ctx.Response.Cookies.Append(Cookie, protector.Protect($"{patientId}|{consentId}"),
            new CookieOptions { HttpOnly = true, Secure = ctx.Request.IsHttps, SameSite = SameSiteMode.Strict, IsEssential = true });
    }

    public static void Leave(HttpContext ctx) => ctx.Response.Cookies.Delete(Cookie);

    public static Lock? Current(HttpContext ctx)
    {
        if (ctx.Request.Cookies[Cookie] is not { Length: > 0 } raw)
        {
            return null;
        }
        try
        {
            var parts = ctx.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(raw).Split('|');
            return parts.Length == 2 && Guid.TryParse(parts[0], out var p) && Guid.TryParse(parts[1], out var c) ? new Lock(p, c) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>While locked, only the consent's signing page, the kiosk pages and static files answer; anything else shows the unlock page.</summary>
    public static IApplicationBuilder UseKiosk(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (Current(ctx) is { } locked && !Allowed(ctx.Request.Path, locked))
        {
            if (ctx.Request.Path.StartsWithSegments("/api"))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            ctx.Response.Redirect("/kiosk/unlock");
            return;
        }
        await next(ctx);
    });

    private static bool Allowed(PathString path, Lock locked) =>
        path.Equals(locked.SignPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/kiosk") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
        || path.StartsWithSegments("/_framework") || path.Equals("/favicon.svg") || path.Equals("/language")
        || path.Equals("/not-found") || path.Equals("/forbidden");
}

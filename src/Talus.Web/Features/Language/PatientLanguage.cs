using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;

namespace Talus.Web.Features.Language;

/// <summary>
/// Which language a person sees: the language switch (culture cookie) first, then a signed-in patient's recorded
/// preferred language, then the browser's Accept-Language. Staff pages are English whatever is chosen.
/// </summary>
public static class PatientLanguage
{
    public static readonly string[] Supported = ["en", "es"];

    private static readonly CultureInfo EnglishUs = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo SpanishUs = CultureInfo.GetCultureInfo("es-US");

    /// <summary>
    /// The one culture a patient reads in, for text and for numbers, dates and money alike: US English or US Spanish
    /// ("$1,500.50" in both; the neutral "en" writes the generic sign "¤", Spain's "es" writes "1.500,50 €").
    /// Requests get it from this middleware, emails and documents through <see cref="PatientText.In{T}"/>.
    /// </summary>
    public static CultureInfo CultureOf(string? language) => language is "es" ? SpanishUs : EnglishUs;

    public static IApplicationBuilder UsePatientLanguage(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture("en")
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported);
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new CustomRequestCultureProvider(PreferenceOfSignedInPatientAsync),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        app.UseRequestLocalization(options);
        // The negotiated language decides; text, numbers, dates and money all follow its US culture.
        return app.Use((ctx, next) =>
        {
            var culture = CultureOf(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return next(ctx);
        });
    }

    private static async Task<ProviderCultureResult?> PreferenceOfSignedInPatientAsync(HttpContext ctx)
    {
        if (ctx.User.FindFirst(TalusClaims.PatientId)?.Value is not { } claim || !Guid.TryParse(claim, out var patientId))
        {
            return null;
        }
        var db = ctx.RequestServices.GetRequiredService<ClinicDb>();
        var language = await db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => p.PreferredLanguage).FirstOrDefaultAsync(ctx.RequestAborted);
        return language is not null && Supported.Contains(language) ? new ProviderCultureResult(language) : null;
    }

    /// <summary>GET /language?c=es&amp;returnUrl=/portal: remembers the choice in the culture cookie, then goes back.
    /// Only a local return address is followed (no open redirect).</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/language", (HttpContext ctx, string? c, string? returnUrl) =>
        {
            if (c is null || !Supported.Contains(c))
            {
                return Results.BadRequest();
            }
            var back = string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl;
            if (!IsLocal(back))
            {
                return Results.BadRequest();
            }
            ctx.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = ctx.Request.IsHttps });
            return Results.LocalRedirect(back);
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>A path on this site: starts with one "/" (not "//" or "/\"), or is "~/...".</summary>
    public static bool IsLocal(string url) =>
        (url.Length == 1 && url[0] == '/')
        || (url.Length > 1 && url[0] == '/' && url[1] != '/' && url[1] != '\\')
        || (url.Length > 2 && url[0] == '~' && url[1] == '/' && url[2] != '/' && url[2] != '\\');

    /// <summary>The switch's link to a language, coming back to the current page.</summary>
    public static string SwitchHref(string culture, string pathAndQuery) =>
        $"/language?c={culture}&returnUrl={Uri.EscapeDataString(pathAndQuery)}";
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Talus.Web.Data;

namespace Talus.Web.Features.Auth;

/// <summary>
/// Identity with two ways in: the sign-in cookie (pages, and the REST API from the same browser session)
/// and bearer tokens for system clients (POST /api/auth/token). API paths answer 401/403, never a redirect. Either way
/// the principal is checked against the account's current state on every request (CurrentAccountHandler).
/// </summary>
public static class AuthSetup
{
    private const string Either = "CookieOrBearer";

    public static IServiceCollection AddTalusAuth(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Either;
                o.DefaultChallengeScheme = Either;
            })
            .AddScheme<AuthenticationSchemeOptions, CurrentAccountHandler>(Either, "Cookie or bearer token, checked against the account", _ => { })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/forbidden";
            o.Cookie.Name = "talus";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            // Refused: 403 at the same address; pages show the "Not available" page (Errors.cs), the API a ProblemDetails.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClinicDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<TalusClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorization(RoleMatrix.Register);
        services.AddHttpContextAccessor();
        // Every request is checked against the account's current state (CurrentAccountHandler).
        services.AddSingleton<AccountStates>();
        services.AddSingleton<AccountChangeInterceptor>();
        services.AddSingleton<BearerTickets>();
        services.AddSingleton<SignInAttempts>();
        services.AddScoped<SignInGate>();
        return services;
    }

    public static bool IsApi(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/fhir");

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.IsApi())
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Where each role starts after signing in.</summary>
    public static string HomeFor(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Patient) ? "/portal"
        : user.IsInRole(Roles.Admin) ? "/admin"
        : user.IsInRole(Roles.Clinician) ? "/clinic"
        : user.IsInRole(Roles.FrontDesk) ? "/frontdesk"
        : user.IsInRole(Roles.Billing) ? "/billing"
        : user.IsInRole(Roles.Outcomes) ? "/outcomes"
        : "/";
}

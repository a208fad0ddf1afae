using System.Threading.RateLimiting;

namespace Talus.Web.Features.Consultations;

public static class ConsultationSetup
{
    /// <summary>
    /// Public forms (consultation requests) need no account, so each network address may send only a few per
    /// ten minutes (RateLimits:PublicFormPostsPer10Minutes, default 20); reading the pages is never limited.
    /// </summary>
    public static IServiceCollection AddPublicFormRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var limit = config.GetValue("RateLimits:PublicFormPostsPer10Minutes", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ConsultationEndpoints.PublicFormPolicy, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });
        return services;
    }
}

using System.Threading.RateLimiting;
using Talus.Web.Features.ScaleOut;

namespace Talus.Web.Features.Consultations;

public static class ConsultationSetup
{
    /// <summary>
    /// Public forms (consultation requests) need no account, so each network address may send only a few per
    /// ten minutes (RateLimits:PublicFormPostsPer10Minutes, default 20); reading the pages is never limited. The count is
    /// kept in the database, so the limit holds across every instance behind the load balancer.
    /// </summary>
    public static IServiceCollection AddPublicFormRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var limit = config.GetValue("RateLimits:PublicFormPostsPer10Minutes", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ConsultationEndpoints.PublicFormPolicy, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? SharedRateLimits.Partition(ctx, ConsultationEndpoints.PublicFormPolicy, ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    limit, TimeSpan.FromMinutes(10))
                : RateLimitPartition.GetNoLimiter("read"));
        });
        return services;
    }
}

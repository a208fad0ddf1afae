using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Talus.Web.Features.ScaleOut;

/// <summary>
/// Liveness and readiness for a load balancer. <c>/health/live</c> answers from the process alone (no database, no
/// authentication, no other middleware: it runs straight after routing), so a slow database never gets an instance
/// restarted. <c>/health/ready</c> pings the database, so a balancer sends no traffic to an instance that cannot reach
/// it. <c>/health</c> stays as the readiness check for existing callers.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Text("Healthy")).ShortCircuit().AllowAnonymous()
            .WithSummary("Liveness: the process answers (no database).").ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions()).AllowAnonymous().Add(PageWarmUp.Gate);
        app.MapHealthChecks("/health").AllowAnonymous().Add(PageWarmUp.Gate);
        return app;
    }
}

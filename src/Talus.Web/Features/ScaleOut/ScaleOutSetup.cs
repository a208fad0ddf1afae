using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Talus.Web.Features.ScaleOut;

/// <summary>
/// What lets several instances run behind one load balancer on one database (docs/scale-out.md): the shared key ring,
/// the instance's name for leases and outbox claims, and the leases themselves.
/// </summary>
public static class ScaleOutSetup
{
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration config)
    {
        // Behind a balancer the client address (rate limits, audit) comes from X-Forwarded-For, trusted only from the
        // balancers listed in ScaleOut:KnownProxies (comma-separated addresses); without the setting nothing is trusted.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in (config["ScaleOut:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddSingleton(InstanceName.New());
        services.AddSingleton<WorkerLeases>();
        services.AddSharedKeyRing();
        return services;
    }

    /// <summary>Takes the client address from the balancer's X-Forwarded-For when ScaleOut:KnownProxies names it.</summary>
    public static IApplicationBuilder UseScaleOut(this WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration["ScaleOut:KnownProxies"]))
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}

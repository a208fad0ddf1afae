namespace Talus.Web.Features.ScaleOut;

/// <summary>
/// What lets several instances run behind one load balancer on one database (docs/scale-out.md): the shared key ring,
/// the instance's name for leases and outbox claims, and the leases themselves.
/// </summary>
public static class ScaleOutSetup
{
    public static IServiceCollection AddScaleOut(this IServiceCollection services)
    {
        services.AddSingleton(InstanceName.New());
        services.AddSingleton<WorkerLeases>();
        services.AddSharedKeyRing();
        return services;
    }
}

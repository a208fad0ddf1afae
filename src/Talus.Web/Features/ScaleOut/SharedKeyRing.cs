using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Talus.Web.Data;

namespace Talus.Web.Features.ScaleOut;

/// <summary>
/// The data-protection key ring kept in the database, so every instance encrypts and decrypts the sign-in cookie,
/// bearer tokens, antiforgery tokens and link cookies with the same keys: a cookie issued by one instance is accepted
/// by any other. The keys are stored as the framework writes them (XML, not encrypted at rest: the database is the
/// protected store, as it is for the patient record itself).
/// </summary>
public sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class SharedKeyRing
{
    public const string LeaseName = "data-protection-key";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        // One application name for every instance, whatever its content root: the keys' purpose strings must agree.
        services.AddDataProtection().SetApplicationName("Talus");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>
    /// Before serving: makes sure the shared ring has a usable key, created by one instance only (under a lease), so
    /// instances starting together on an empty database do not each make their own key and reject each other's cookies.
    /// Later keys are made by the framework ahead of their activation, which every instance sees within its refresh period.
    /// </summary>
    public static async Task EnsureKeyAsync(IServiceProvider services, CancellationToken ct)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var clock = services.GetRequiredService<TimeProvider>();
        var leases = services.GetRequiredService<WorkerLeases>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var now = clock.GetUtcNow();
            if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
            {
                return;
            }
            if (await leases.TryHoldAsync(LeaseName, TimeSpan.FromMinutes(1), ct))
            {
                keys.CreateNewKey(now, now.AddDays(90));
                await leases.ReleaseAsync(LeaseName, ct);
                return;
            }
            await Task.Delay(200, ct);
        }
    }
}

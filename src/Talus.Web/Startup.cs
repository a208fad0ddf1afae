using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Talus.Web.Data;

namespace Talus.Web;

/// <summary>What happens before the app serves requests: migrations, demo data, the welcome text.</summary>
public static class Startup
{
    /// <summary>
    /// Applies migrations at start in Development and Testing (or with Database:MigrateAtStart=true);
    /// <c>--migrate</c> applies them and exits (production deploys). Seeds the demo practice into an empty
    /// database when Demo:Seed is on (default in Development); <c>--seed-patients N</c> adds N synthetic patients.
    /// </summary>
    public static async Task PrepareDatabaseAsync(WebApplication app, string[] args)
    {
        var config = app.Configuration;
        var migrateOnly = args.Contains("--migrate");
        var migrate = migrateOnly || app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing")
            || config.GetValue<bool>("Database:MigrateAtStart");
        var seedIndex = Array.IndexOf(args, "--seed-patients");
        var extraPatients = seedIndex >= 0 && seedIndex + 1 < args.Length && int.TryParse(args[seedIndex + 1], out var n) ? n : 0;
        if (!migrate && extraPatients == 0)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        await Database.MigrateAsync(db, CancellationToken.None);
        if (migrateOnly)
        {
            Console.WriteLine("Migrations applied.");
            Environment.Exit(0);
        }
        if (config.GetValue("Demo:Seed", app.Environment.IsDevelopment()) || extraPatients > 0)
        {
            await DemoData.SeedAsync(scope.ServiceProvider, extraPatients, CancellationToken.None);
        }
        // --seed-lab-panels N: laboratory panels for patients without labs (the FHIR benchmark's Observations).
        var panelsIndex = Array.IndexOf(args, "--seed-lab-panels");
        if (panelsIndex >= 0 && panelsIndex + 1 < args.Length && int.TryParse(args[panelsIndex + 1], out var panels) && panels > 0)
        {
            await Features.BulkExport.FhirBenchData.AddLabPanelsAsync(db, app.Services.GetRequiredService<TimeProvider>(), panels, CancellationToken.None);
        }
    }

    /// <summary>
    /// Builds the EF model and compiles the queries of the busiest reads (patient read, access check, name search)
    /// before the first request, so the first chart or search after a start does not pay for it.
    /// </summary>
    public static async Task WarmUpAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ClinicDb>();
        _ = db.Model;
        try
        {
            await WarmQueriesAsync(services, db);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // A database not reachable yet is for /health to report, not a reason to refuse to start.
            app.Logger.LogWarning(ex, "Query warm-up skipped: the database did not answer");
        }
    }

    private static async Task WarmQueriesAsync(IServiceProvider services, ClinicDb db)
    {
        var admin = PageWarmUp.Principal([Roles.Admin]);
        var access = services.GetRequiredService<Features.Patients.PatientAccess>();
        await access.CanSeeAsync(admin, Guid.Empty, CancellationToken.None);
        await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Guid.Empty, CancellationToken.None);
        await Features.Patients.SearchPatients.RunAsync("WARM", admin, access, 20, CancellationToken.None);
        // A located user's check and search are compiled queries of their own (decision 0019). The check's appointment
        // query runs only for a patient of another location, so it compiles on its first real use.
        var located = PageWarmUp.Principal([Roles.FrontDesk]);
        await access.CanSeeAsync(located, Guid.Empty, CancellationToken.None);
        await Features.Patients.SearchPatients.RunAsync("WARM", located, access, 20, CancellationToken.None);
    }

    public static void PrintWelcome(WebApplication app)
    {
        if (!app.Configuration.GetValue("Demo:Seed", app.Environment.IsDevelopment()))
        {
            return;
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Console.WriteLine($"""

                Talus is running at {urls}
                Demo sign-ins (password for all: {DemoData.Password}):
                {string.Join(Environment.NewLine, DemoData.SignIns.Select(s => $"  {s.Role,-10} {s.Email}"))}
                API documentation: {app.Urls.FirstOrDefault()}/api/docs

                """);
        });
    }
}

/// <summary>/health: the app answers and its database is reachable.</summary>
public sealed class DatabaseHealthCheck(ClinicDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Database unreachable");
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Talus.Web.Data;

/// <summary>Chooses the provider from configuration: SQLite under .data/ by default, PostgreSQL when asked.</summary>
public static class Database
{
    public static IServiceCollection AddClinicDb(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var provider = config["Database:Provider"] ?? "Sqlite";
        var connection = config.GetConnectionString("Talus");
        // Pooled contexts (docs/decisions/0014-read-paths.md): the options and interceptors are built once, so every
        // interceptor is a singleton that takes the request from IHttpContextAccessor, never from its own scope.
        services.AddSingleton<AuditSaveInterceptor>();
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Talus is empty.");
            }
            var pg = PostgresConnection(connection);
            services.AddDbContextPool<ClinicDb, PostgresClinicDb>((sp, o) => o
                .UseNpgsql(pg, n => n.MigrationsAssembly(typeof(ClinicDb).Assembly.FullName))
                .AddInterceptors(sp.GetRequiredService<AuditSaveInterceptor>(), ImmutableRecordGuard.Instance,
                    sp.GetRequiredService<Features.Auth.AccountChangeInterceptor>()));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var dir = Path.Combine(contentRoot, ".data");
                Directory.CreateDirectory(dir);
                connection = $"Data Source={Path.Combine(dir, "talus.db")}";
            }
            var csb = new SqliteConnectionStringBuilder(connection) { DefaultTimeout = 30, Pooling = true };
            var cacheKiB = config.GetValue("Database:SqliteCacheKiB", 512);
            services.AddDbContextPool<ClinicDb, SqliteClinicDb>((sp, o) =>
            {
                o.UseSqlite(csb.ToString())
                    .AddInterceptors(sp.GetRequiredService<AuditSaveInterceptor>(), ImmutableRecordGuard.Instance,
                        sp.GetRequiredService<Features.Auth.AccountChangeInterceptor>());
                if (cacheKiB > 0)
                {
                    o.AddInterceptors(new SqliteCacheSize(cacheKiB));
                }
            });
        }
        return services;
    }

    /// <summary>
    /// Pool defaults for a web instance under load, each kept when the connection string sets it: a pool that fits
    /// 16–64 concurrent requests per instance within PostgreSQL's default 100 connections for two instances,
    /// statements prepared automatically (the same few queries run all day), multiplexing off (EF Core's
    /// transactions and the audit batch writes want a connection each). docs/decisions/0014-read-paths.md
    /// </summary>
    public static string PostgresConnection(string connection)
    {
        var given = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!given.ContainsKey("Maximum Pool Size"))
        {
            csb.MaxPoolSize = 40;
        }
        if (!given.ContainsKey("Minimum Pool Size"))
        {
            csb.MinPoolSize = 4;
        }
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            csb.MaxAutoPrepare = 100;
        }
        if (!given.ContainsKey("Auto Prepare Min Usages"))
        {
            csb.AutoPrepareMinUsages = 2;
        }
        // No session state is ever left on a connection (advisory locks and SET are transaction-scoped: SET LOCAL,
        // pg_advisory_xact_lock), so the reset Npgsql sends ahead of the next command of a returned connection is work
        // for nothing on every request. docs/decisions/0017-fhir-search-speed.md
        if (!given.ContainsKey("No Reset On Close"))
        {
            csb.NoResetOnClose = true;
        }
        if (!given.ContainsKey("Multiplexing"))
        {
            csb.Multiplexing = false;
        }
        return csb.ToString();
    }

    public static bool IsSqlite(this ClinicDb db) => db is SqliteClinicDb;

    /// <summary>Applies migrations and fills derived rows they leave empty; on SQLite also turns on WAL so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(ClinicDb db, CancellationToken ct)
    {
        // A migration that fills a table from existing rows (JointSurvivals) runs for minutes on a large practice's data;
        // the request-sized default of 30 s would stop it halfway (it is rolled back, but the start fails).
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout); // a pooled context goes back with the request-sized timeout
        }
        if (db.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        // Registry outcome rows for data stored before their table existed (computed in C#, the same on both providers).
        await Features.Outcomes.OutcomeRows.BackfillAsync(db, ct);
    }
}

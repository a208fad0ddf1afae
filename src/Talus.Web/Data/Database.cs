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
            // A list in a query (a user's locations, a page of ids) is one array parameter on both databases (= ANY on
            // PostgreSQL, json_each on SQLite): EF Core 10's default, a parameter per element, made EF generate the
            // SQL again on every call (uncacheable). docs/decisions/0014-read-paths.md, last addendum
            services.AddDbContextPool<ClinicDb, PostgresClinicDb>((sp, o) => o
                .UseNpgsql(pg, n => n.MigrationsAssembly(typeof(ClinicDb).Assembly.FullName)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
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
                o.UseSqlite(csb.ToString(), s => s.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
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
        // The keys the string itself names (NpgsqlConnectionStringBuilder.ContainsKey answers true for every key Npgsql
        // knows, so asking it kept none of these defaults): spaces and case ignored, each with its short synonym.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!given.Contains("MAXIMUMPOOLSIZE") && !given.Contains("MAXPOOLSIZE"))
        {
            csb.MaxPoolSize = 40;
        }
        if (!given.Contains("MINIMUMPOOLSIZE") && !given.Contains("MINPOOLSIZE"))
        {
            csb.MinPoolSize = 4;
        }
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            csb.MaxAutoPrepare = 100;
        }
        if (!given.Contains("AUTOPREPAREMINUSAGES"))
        {
            csb.AutoPrepareMinUsages = 2;
        }
        // A connection returned to the pool keeps its session as it is: nothing in Talus sets session state (SET LOCAL and
        // advisory locks are per transaction), so the reset sent before each next command is work for nothing.
        // docs/decisions/0017-fhir-search-speed.md, 0018-chart-read-model.md (addendum)
        if (!given.Contains("NORESETONCLOSE"))
        {
            csb.NoResetOnClose = true;
        }
        if (!given.Contains("MULTIPLEXING"))
        {
            csb.Multiplexing = false;
        }
        return csb.ToString();
    }

    public static bool IsSqlite(this ClinicDb db) => db is SqliteClinicDb;

    /// <summary>
    /// Runs a read of several commands on one open connection: EF Core otherwise opens and closes it around each command,
    /// a pool return each time (on SQLite, EF's functions registered again on every open: decision 0017, second addendum).
    /// </summary>
    public static async Task<T> OnOneConnectionAsync<T>(this ClinicDb db, Func<Task<T>> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await read();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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

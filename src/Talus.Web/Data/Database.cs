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
        services.AddScoped<AuditSaveInterceptor>();
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Talus is empty.");
            }
            services.AddDbContext<ClinicDb, PostgresClinicDb>((sp, o) => o
                .UseNpgsql(connection, n => n.MigrationsAssembly(typeof(ClinicDb).Assembly.FullName))
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
            services.AddDbContext<ClinicDb, SqliteClinicDb>((sp, o) => o
                .UseSqlite(csb.ToString())
                .AddInterceptors(sp.GetRequiredService<AuditSaveInterceptor>(), ImmutableRecordGuard.Instance,
                    sp.GetRequiredService<Features.Auth.AccountChangeInterceptor>()));
        }
        return services;
    }

    public static bool IsSqlite(this ClinicDb db) => db is SqliteClinicDb;

    /// <summary>Applies migrations; on SQLite also turns on WAL so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(ClinicDb db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}

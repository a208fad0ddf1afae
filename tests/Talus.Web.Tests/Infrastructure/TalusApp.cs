using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Tests.Infrastructure;

/// <summary>
/// The real Talus app in-process with its demo practice seeded. SQLite in a temp file by default; PostgreSQL
/// (a fresh database per app) when the environment variable TEST_PG holds a server connection string. CI runs the
/// whole suite once each way.
/// </summary>
public sealed class TalusApp : WebApplicationFactory<Program>
{
    /// <summary>The test clock: a Tuesday morning in the practice's time zone.</summary>
    public FakeTimeProvider Clock { get; }

    public string Provider { get; }

    /// <summary>SQL commands per tagged request (Performance/SqlCommandBudgetTests).</summary>
    public SqlCommandCounter SqlCommands { get; } = new();
    private readonly string connection;
    private readonly string? sqliteFile;
    private readonly IReadOnlyDictionary<string, string> extraSettings = new Dictionary<string, string>();
    private readonly ConcurrentDictionary<string, string> tokens = new();

    public TalusApp() : this(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>An app whose clock starts at another moment (e.g. a California evening, already tomorrow in UTC).</summary>
    internal TalusApp(DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        var pg = Environment.GetEnvironmentVariable("TEST_PG");
        if (string.IsNullOrWhiteSpace(pg))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true" && Environment.GetEnvironmentVariable("TEST_PROVIDER") == "Postgres")
            {
                throw new InvalidOperationException("TEST_PROVIDER=Postgres but TEST_PG is not set.");
            }
            Provider = "Sqlite";
            sqliteFile = Path.Combine(Path.GetTempPath(), $"talus-test-{Guid.NewGuid():N}.db");
            connection = $"Data Source={sqliteFile}";
        }
        else
        {
            Provider = "Postgres";
            connection = $"{pg};Database=t_{Guid.NewGuid():N}";
        }
    }

    /// <summary>
    /// Another instance of the app with its own settings: on a fresh database, or, given <paramref name="sharing"/>, on
    /// that app's database and clock (two instances behind one load balancer).
    /// </summary>
    internal TalusApp(IReadOnlyDictionary<string, string> settings, TalusApp? sharing = null) : this()
    {
        extraSettings = settings;
        if (sharing is not null)
        {
            Clock = sharing.Clock;
            Provider = sharing.Provider;
            connection = sharing.connection;
            sqliteFile = null;
        }
    }

    /// <summary>The file the app's warnings and errors go to (<see cref="ServerLog"/>).</summary>
    public string ServerLogPath { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Talus", connection);
        builder.UseSetting("Demo:Seed", "true");
        var logDir = Environment.GetEnvironmentVariable("ARTIFACTS") ?? Path.GetTempPath();
        Directory.CreateDirectory(logDir);
        ServerLogPath = Path.Combine(logDir, $"server-{Provider.ToLowerInvariant()}-{Guid.NewGuid():N}.log");
        builder.ConfigureLogging(l => l.AddProvider(new ServerLog(ServerLogPath)));
        // All test requests share one address; the public-form and sign-in limits are tested on their own.
        builder.UseSetting("RateLimits:PublicFormPostsPer10Minutes", "100000");
        builder.UseSetting("RateLimits:SignInFailuresPerAddressPer10Minutes", "100000");
        // Follow-up escalation is run by the tests themselves, on their own clock.
        builder.UseSetting("FollowUp:PollMinutes", "0");
        foreach (var (key, value) in extraSettings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpContextAccessor();
            services.ConfigureDbContext<SqliteClinicDb>((_, o) => o.AddInterceptors(SqlCommands));
            services.ConfigureDbContext<PostgresClinicDb>((_, o) => o.AddInterceptors(SqlCommands));
        });
    }

    /// <summary>A client signed in (bearer token) as the demo user of a role, e.g. Roles.FrontDesk.</summary>
    public HttpClient ClientAs(string role)
    {
        var email = DemoData.SignIns.Single(s => s.Role == role).Email;
        return ClientAsUser(email, DemoData.Password);
    }

    public HttpClient ClientAsUser(string email, string password)
    {
        var token = tokens.GetOrAdd(email, e =>
        {
            using var anon = CreateClient();
            var response = anon.PostAsJsonAsync("/api/auth/token", new { email = e, password }).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            return response.Content.ReadFromJsonAsync<TokenResponse>().GetAwaiter().GetResult()!.AccessToken;
        });
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs code against the app's database in its own scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<ClinicDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ClinicDb>());
    }

    /// <summary>Waits until queued read-audit entries are stored.</summary>
    public Task FlushAuditAsync() => Services.GetRequiredService<AuditLog>().FlushAsync(CancellationToken.None);

    /// <summary>The demo portal patient (Irvine), whom every chart-working demo staff user may see.</summary>
    public Task<Patient> DemoPatientAsync() => WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Mrn == "T1000001"));

    /// <summary>
    /// The patients a located staff user may see, worked out here from the data as the tests' own statement of the rule
    /// (decision 0019): their locations' patients, those with no location, and those booked at one of their locations.
    /// </summary>
    public Task<HashSet<Guid>> PatientsVisibleToAsync(string email) => WithDbAsync(async db =>
    {
        var staffId = await db.Users.Where(u => u.Email == email).Select(u => u.StaffMemberId).SingleAsync();
        var locations = await db.StaffLocations.Where(l => l.StaffMemberId == staffId).Select(l => l.LocationId).ToListAsync();
        var booked = (await db.Appointments.Select(a => new { a.PatientId, a.LocationId }).ToListAsync()).ToLookup(a => a.PatientId, a => a.LocationId);
        var patients = await db.Patients.Select(p => new { p.Id, p.PreferredLocationId }).ToListAsync();
        return patients.Where(p => p.PreferredLocationId is not { } l || locations.Contains(l) || booked[p.Id].Any(locations.Contains))
            .Select(p => p.Id).ToHashSet();
    });

    /// <summary>A patient a located staff user may not see: of another location, never booked at theirs.</summary>
    public async Task<Patient> PatientHiddenFromAsync(string email)
    {
        var visible = await PatientsVisibleToAsync(email);
        return await WithDbAsync(async db => (await db.Patients.AsNoTracking().OrderBy(p => p.Mrn).ToListAsync()).First(p => !visible.Contains(p.Id)));
    }

    public sealed record TokenResponse(string AccessToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}

/// <summary>All integration tests share one app (seeding the demo practice once); they create their own records.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<TalusApp>
{
    public const string Name = "app";
}

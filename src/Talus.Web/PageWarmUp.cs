using System.Net;
using System.Security.Claims;
using Talus.Web.Data;
using Talus.Web.Features.Auth;

namespace Talus.Web;

/// <summary>
/// Serves each main page once to the app itself, in process, right after the start, and keeps <c>/health/ready</c> at
/// 503 until that is done: the first person to open a page after a start (or after a load balancer adds the instance)
/// does not pay for compiling its components, its queries and the rendering path (issue 13: under 500 ms). The requests
/// go through the whole pipeline (routing, authorization, audit, rendering) as a staff principal that works at no
/// location and so sees no patient, and as a patient without a record; no response leaves the process. Off in the
/// Testing environment (WarmUp:Pages), where tests count audit entries and requests.
/// </summary>
public sealed class PageWarmUp(ILogger<PageWarmUp> log)
{
    /// <summary>The pages of issue 13's "first request" list (the chart and the REST read as their not-found paths).</summary>
    private static readonly string[] StaffPages =
    [
        "/clinic", "/frontdesk", "/patients", $"/patients/{Guid.Empty}", "/scheduling?location=1", "/scheduling?location=1&view=week",
        "/billing", "/outcomes", "/fhir/metadata", $"/api/patients/{Guid.Empty}", "/api/patients?q=warm&take=20",
    ];

    /// <summary>Marks a warm-up request in <see cref="HttpContext.Items"/>: set only here, in process, never from the wire.</summary>
    private static readonly object Marker = new();

    private RequestDelegate? pipeline;
    private volatile bool done;

    /// <summary>Registers the warm-up.</summary>
    public static void AddPageWarmUp(WebApplicationBuilder builder) => builder.Services.AddSingleton<PageWarmUp>();

    /// <summary>
    /// First in the pipeline (before routing): keeps the rest of the pipeline to send the warm-up requests through, and
    /// starts them once the server listens. With WarmUp:Pages off, readiness does not wait (<see cref="Gate"/>).
    /// </summary>
    public static void UsePageWarmUp(WebApplication app)
    {
        var warmUp = app.Services.GetRequiredService<PageWarmUp>();
        if (!app.Configuration.GetValue("WarmUp:Pages", !app.Environment.IsEnvironment("Testing")))
        {
            warmUp.done = true;
            return;
        }
        app.Use(next =>
        {
            warmUp.pipeline = next;
            return next;
        });
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => warmUp.RunAsync(app.Services, app.Lifetime.ApplicationStopping)));
    }

    /// <summary>
    /// A readiness endpoint's convention: until the warm-up has run it answers 503 "Warming up" itself, without running
    /// the health checks. A warming instance is expected, not an error for the health checks to log at every poll of the
    /// balancer; and wrapping the endpoint, not matching its path, holds whatever address routing sends to it.
    /// </summary>
    public static void Gate(EndpointBuilder endpoint)
    {
        var ready = endpoint.RequestDelegate!;
        endpoint.RequestDelegate = ctx => ctx.RequestServices.GetRequiredService<PageWarmUp>().done ? ready(ctx) : WarmingUpAsync(ctx);
    }

    private static Task WarmingUpAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        ctx.Response.Headers.CacheControl = "no-store, no-cache";
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.WriteAsync("Warming up");
    }

    private async Task RunAsync(IServiceProvider services, CancellationToken stopping)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var staff = Principal([Roles.FrontDesk, Roles.Clinician, Roles.Billing, Roles.Outcomes]);
            var patient = Principal([Roles.Patient], new Claim(TalusClaims.PatientId, Guid.Empty.ToString()));
            await ServeAsync(services, "/signin", new ClaimsPrincipal(new ClaimsIdentity()), stopping);
            foreach (var path in StaffPages)
            {
                await ServeAsync(services, path, staff, stopping);
            }
            // The portal in each of its languages: the Spanish text is a satellite assembly of its own.
            await ServeAsync(services, "/portal", patient, stopping);
            await ServeAsync(services, "/portal", patient, stopping, "es");
            // The first bulk export's searches (decision 0013): an administrator's and a clinic's, for a batch of no one.
            await WarmExportAsync(services, Principal([Roles.Admin]), stopping);
            await WarmExportAsync(services, staff, stopping);
        }
        finally
        {
            done = true;
            log.LogInformation("Pages warmed up in {Ms} ms", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task WarmExportAsync(IServiceProvider services, ClaimsPrincipal owner, CancellationToken stopping)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
            var settings = await scope.ServiceProvider.GetRequiredService<Features.Settings.PracticeSettings>().GetAsync<Fhir.FhirSettings>(stopping);
            await Features.BulkExport.ExportRecords.WarmUpAsync(db, scope.ServiceProvider.GetRequiredService<Features.Patients.PatientAccess>(),
                Fhir.FhirSystems.From(settings), owner, stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Warm-up of the bulk export failed");
        }
    }

    /// <summary>
    /// True for a request this warm-up sends. The chart and the portal home then render around <see cref="NoOne"/>
    /// instead of "not found", so their components are compiled too; no real request can be one.
    /// </summary>
    public static bool IsWarmUp(HttpContext? context) => context?.Items.ContainsKey(Marker) == true;

    /// <summary>An in-memory patient that is no one (never stored, id <see cref="Guid.Empty"/>), with every field the pages show filled.</summary>
    public static Patient NoOne() => new()
    {
        Id = Guid.Empty, Mrn = "WARM-UP", GivenName = "Warm", FamilyName = "Up", BirthDate = new DateOnly(1970, 1, 1),
        Phone = "000", Email = "warm-up@talus.invalid", AddressLine = "-", City = "-", State = "-", PostalCode = "-",
        CreatedAt = DateTime.UnixEpoch,
    };

    /// <summary>A signed-in user with these roles who is no one, for warming pages and queries.</summary>
    internal static ClaimsPrincipal Principal(string[] roles, params Claim[] extra) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "start-up warm-up"), .. roles.Select(r => new Claim(ClaimTypes.Role, r)), .. extra],
            "warm-up", ClaimTypes.Name, ClaimTypes.Role));

    private async Task ServeAsync(IServiceProvider services, string pathAndQuery, ClaimsPrincipal user, CancellationToken stopping,
        string language = "en")
    {
        if (pipeline is null || stopping.IsCancellationRequested)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var ctx = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        ctx.Request.Method = HttpMethods.Get;
        ctx.Request.Scheme = "http";
        ctx.Request.Host = new HostString("localhost");
        ctx.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        ctx.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        ctx.Request.Headers.Accept = pathAndQuery.StartsWith("/api", StringComparison.Ordinal) ? "application/json" : "text/html";
        ctx.Request.Headers.AcceptLanguage = language;
        ctx.Connection.RemoteIpAddress = IPAddress.Loopback;
        ctx.Items[Marker] = true;
        ctx.RequestAborted = stopping;
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = ctx;
        try
        {
            await pipeline(ctx);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A page that cannot be warmed is still served (cold) later: worth a line in the log, not a failed start.
            log.LogWarning(ex, "Warm-up of {Path} failed", ctx.Request.Path.Value);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}

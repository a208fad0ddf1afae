using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Talus.Web;

/// <summary>
/// One error mechanism: bad input is a 400 ProblemDetails naming each field (minimal-API validation of the
/// DataAnnotations on request records), a stale edit is a 409, anything unexpected a 500 ProblemDetails with
/// a trace id and no internals. Pages show their own form messages from the same annotations.
/// </summary>
public static class Errors
{
    public static IServiceCollection AddTalusErrors(this IServiceCollection services)
    {
        // Field names are camelCase JSON paths everywhere: the built-in annotation check names C# properties
        // ("Grades[0].System"); the use cases and the JSON reader already name "grades[0].system".
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails is HttpValidationProblemDetails v && v.Errors.Keys.Any(k => JsonPath(k) != k))
            {
                var renamed = v.Errors.GroupBy(e => JsonPath(e.Key), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray(), StringComparer.Ordinal);
                v.Errors.Clear();
                foreach (var (k, messages) in renamed)
                {
                    v.Errors[k] = messages;
                }
            }
        });
        // Unreadable JSON throws, so that it gets the same field-naming answer in every environment.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            // Choices by exactly one name: a number (999, or 0 for "whatever comes first") or "Female, Male" is never a choice.
            o.SerializerOptions.Converters.Add(new StrictEnumConverter());
            StrictJson.Apply(o.SerializerOptions);
        });
        services.AddValidation();
        services.AddExceptionHandler<KnownExceptions>();
        return services;
    }

    public static WebApplication UseTalusErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        // A page request answered 404 or 403 without a body shows the "Not found" or "Not available" page in the app
        // layout (same status, same address); everything else keeps the ProblemDetails answer.
        var problem = new StatusCodePagesOptions().HandleAsync;
        app.Use(next =>
        {
            // Routing already ran at the start of the pipeline: the page is found by routing again (as
            // UseStatusCodePagesWithReExecute does), then the rest of the pipeline runs.
            var again = ((IApplicationBuilder)app).New();
            again.Properties["__GlobalEndpointRouteBuilder"] = app; // the app's endpoints, not an empty set of its own
            again.UseRouting();
            again.Run(next);
            var rerouted = again.Build();
            return new StatusCodePagesMiddleware(next, Microsoft.Extensions.Options.Options.Create(new StatusCodePagesOptions
            {
                HandleAsync = sc => sc.HttpContext.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound when sc.HttpContext.Request.WantsPage() => ShowPageAsync(sc.HttpContext, rerouted, "/not-found"),
                    StatusCodes.Status403Forbidden when sc.HttpContext.Request.WantsPage() => ShowPageAsync(sc.HttpContext, rerouted, "/forbidden"),
                    _ when sc.HttpContext.Request.Path.StartsWithSegments("/fhir") => Fhir.FhirOutcome.WriteStatusAsync(sc.HttpContext),
                    _ => problem(sc),
                },
            })).Invoke;
        });
        return app;
    }

    /// <summary>A browser asking for a page: not an /api or /fhir address, and HTML (or anything) accepted.</summary>
    public static bool WantsPage(this HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/fhir"))
        {
            return false;
        }
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals("*/*", StringComparison.Ordinal));
    }

    /// <summary>Renders the page at <paramref name="path"/> (a GET) in place of the empty answer, keeping the status.</summary>
    private static async Task ShowPageAsync(HttpContext ctx, RequestDelegate rerouted, string path)
    {
        var request = ctx.Request;
        var status = ctx.Response.StatusCode;
        var (originalPath, originalQuery, originalMethod, originalEndpoint) = (request.Path, request.QueryString, request.Method, ctx.GetEndpoint());
        var routeValues = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IRouteValuesFeature>();
        var originalRouteValues = routeValues is null ? null : new RouteValueDictionary(routeValues.RouteValues);
        ctx.Features.Set<IStatusCodeReExecuteFeature>(new StatusCodeReExecuteFeature
        {
            OriginalPathBase = request.PathBase.Value!,
            OriginalPath = originalPath.Value!,
            OriginalQueryString = originalQuery.HasValue ? originalQuery.Value : null,
            Endpoint = originalEndpoint,
            RouteValues = originalRouteValues,
        });
        ctx.SetEndpoint(null);
        routeValues?.RouteValues.Clear();
        request.Path = path;
        request.QueryString = QueryString.Empty;
        request.Method = HttpMethods.Get;
        // A fresh scope, as UseStatusCodePagesWithReExecute(createScopeForStatusCodePages: true) does: a page that
        // answered 404 itself (NavigationManager.NotFound) has already used this request's page services.
        var originalServices = ctx.RequestServices;
        await using var scope = originalServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        ctx.RequestServices = scope.ServiceProvider;
        try
        {
            await rerouted(ctx);
            if (!ctx.Response.HasStarted)
            {
                ctx.Response.StatusCode = status;
            }
        }
        finally
        {
            request.Path = originalPath;
            request.QueryString = originalQuery;
            request.Method = originalMethod;
            ctx.RequestServices = originalServices;
            ctx.SetEndpoint(originalEndpoint);
            if (routeValues is not null && originalRouteValues is not null)
            {
                routeValues.RouteValues = originalRouteValues;
            }
            ctx.Features.Set<IStatusCodeReExecuteFeature?>(null);
        }
    }

    /// <summary>Turns the exceptions that mean "your request conflicts" into clear answers instead of 500.</summary>
    private sealed class KnownExceptions(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
        {
            if (exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json })
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await TypedResults.ValidationProblem(StrictJson.Describe(json)).ExecuteAsync(ctx);
                return true;
            }
            (int status, string title, string detail)? known = exception switch
            {
                DbUpdateConcurrencyException => (409, "Changed by someone else",
                    "This record was changed by someone else after you opened it. Reload it and apply your change again."),
                // The last line of defence: use cases check names and times before saving; the unique index decides races.
                DbUpdateException { InnerException: var inner } when IsUniqueViolation(inner) => (409, "Conflict",
                    "This would duplicate a record that already exists (a name or time already taken). Nothing was saved."),
                DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "22021" or "22P05" } }
                    or Npgsql.PostgresException { SqlState: "22021" or "22P05" } => (400, "Bad request",
                    "The text contains characters that cannot be stored or searched (such as NUL)."),
                BadHttpRequestException b => (b.StatusCode, "Bad request", b.Message),
                _ => null,
            };
            if (known is not { } k)
            {
                return false;
            }
            ctx.Response.StatusCode = k.status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx,
                ProblemDetails = { Status = k.status, Title = k.title, Detail = k.detail },
                Exception = exception,
            });
        }
    }

    /// <summary>A unique index refused the row (SQLite constraint UNIQUE / PRIMARY KEY; PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(Exception? inner) => inner switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } => true,
        Npgsql.PostgresException { SqlState: "23505" } => true,
        _ => false,
    };

    /// <summary>
    /// A C# member path ("Grades[0].System", always capitalised) as the JSON names it: "grades[0].system". Keys that
    /// already start in lower case are JSON paths chosen by a use case and stay as they are ("hours.Monday").
    /// </summary>
    public static string JsonPath(string key) => key.Length == 0 || !char.IsUpper(key[0]) ? key
        : string.Join('.', key.Split('.').Select(Shared.InputCheck.Camel));
}

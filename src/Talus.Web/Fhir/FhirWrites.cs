using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Intake;
using Talus.Web.Features.Patients;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Fhir;

/// <summary>
/// A resource type the FHIR API creates: its name, the policy of the role matrix that admits the creator, the create
/// (which maps the resource into the feature's own use case, so the same checks and rules apply as on the pages and the
/// REST API), and the FHIRPath of each input field the use case may name in an error.
/// </summary>
public sealed record FhirCreatable(string Name, string Policy, Func<FhirWrite, Resource, Task<Outcome<FhirFound>>> CreateAsync,
    Func<string, string> Expression);

/// <summary>What a create needs: the read context (database, caller, code systems) and the services of the request.</summary>
public sealed class FhirWrite(FhirRequest request, IServiceProvider services)
{
    public FhirRequest Request { get; } = request;
    public ClinicDb Db => Request.Db;
    public ClaimsPrincipal User => Request.User;
    public FhirSystems Systems => Request.Systems;
    public CancellationToken Ct => Request.Ct;
    public TimeProvider Clock => services.GetRequiredService<TimeProvider>();
    public PracticeSettings Settings => services.GetRequiredService<PracticeSettings>();
    public T Service<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>The patient a reference names ("Patient/{id}") when the caller may see them; otherwise the failure to answer.</summary>
    public async Task<Outcome<Guid>> PatientAsync(ResourceReference? reference, string field)
    {
        if (reference?.Reference is not { } r || FhirQuery.PatientOf(r) is not { } id || !r.StartsWith("Patient/", StringComparison.Ordinal))
        {
            return Outcome.Invalid(field, "Name the patient as a reference Patient/{id}.");
        }
        // A patient the caller may not see gets the same answer as one that does not exist.
        return await Service<PatientAccess>().CanSeeAsync(User, id, Ct) ? id : Outcome.NotFound($"No patient '{id}' is available to you.");
    }
}

/// <summary>
/// The practice's limits on FHIR writes [D]: how many entries a transaction or batch Bundle may hold (a larger one is
/// refused with 413 before anything is read from the database).
/// </summary>
public sealed class FhirWriteSettings
{
    [Range(1, 10_000)] public int MaxBundleEntries { get; set; } = 1_000;
}

/// <summary>
/// FHIR creates: POST /fhir/{type} for the types in <see cref="Creatable"/>, and POST /fhir with a <c>transaction</c>
/// (all or nothing, one database transaction, <c>urn:uuid:</c> references between entries resolved) or <c>batch</c>
/// (each entry on its own) Bundle of creates and reads. Each entry passes the same role, scope and patient checks as the
/// single interaction; writes are audited by the save interceptor, reads here.
/// </summary>
public static partial class FhirWrites
{
    public static readonly IReadOnlyList<FhirCreatable> Creatable =
    [
        PatientFhirWrite.Create,
        AppointmentFhirWrite.Create,
        QuestionnaireResponseFhirWrite.Create,
    ];

    public static void MapFhirWrites(this WebApplication app)
    {
        foreach (var type in Creatable)
        {
            app.MapPost($"/fhir/{type.Name}", (HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings) => CreateAsync(type, ctx, db, access, settings))
                .RequireAuthorization(type.Policy)
                .PatientData(type.Name, AuditAction.Create)
                .WithTags("FHIR R4")
                .Accepts<JsonElement>(FhirJson.MediaType, "application/json")
                .Produces(StatusCodes.Status201Created, contentType: FhirJson.MediaType)
                .Produces(StatusCodes.Status400BadRequest, contentType: FhirJson.MediaType)
                .Produces(StatusCodes.Status409Conflict, contentType: FhirJson.MediaType)
                .Produces(StatusCodes.Status200OK, contentType: FhirJson.MediaType)
                .Produces(StatusCodes.Status412PreconditionFailed, contentType: FhirJson.MediaType)
                .WithSummary($"Create a {type.Name} (FHIR R4 JSON). 201 with Location and ETag; Prefer: return=minimal | representation (default) | OperationOutcome. "
                    + $"If-None-Exist: {type.Name} search parameters (e.g. identifier=system|value): one match answers 200 with it and creates nothing, more than one 412. "
                    + "Bad input: 400 OperationOutcome with the FHIRPath of each field; a rule that refuses: 409 with its reasons. Nothing is written unless it succeeds.");
        }
        app.MapPost("/fhir", BundleAsync)
            .RequireAuthorization(Features.Auth.Policies.FhirRecord)
            .WithTags("FHIR R4")
            .Accepts<JsonElement>(FhirJson.MediaType, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: FhirJson.MediaType)
            .Produces(StatusCodes.Status400BadRequest, contentType: FhirJson.MediaType)
            .Produces(StatusCodes.Status413PayloadTooLarge, contentType: FhirJson.MediaType)
            .WithSummary("A transaction Bundle (all entries or none; urn:uuid: references between entries resolved) or a batch Bundle (each entry on its own) of POST creates and GET reads or searches.")
            .WithDescription("Creatable types: " + string.Join(", ", Creatable.Select(c => c.Name)) + ". A failing transaction entry rolls everything back and answers with that entry's status and an OperationOutcome naming it (Bundle.entry[i]). "
                + "The number of entries is limited by the practice setting FhirWriteSettings.MaxBundleEntries (413 beyond it).");
    }

    private static async Task<IResult> CreateAsync(FhirCreatable type, HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings)
    {
        if (Refusal(ctx, type.Name, 'c') is { } refused)
        {
            return refused;
        }
        var (resource, error) = await ReadBodyAsync(ctx);
        if (resource is null)
        {
            return error!;
        }
        if (resource.TypeName != type.Name)
        {
            return FhirOutcome.BadRequest($"The body is a {resource.TypeName}; POST /fhir/{type.Name} takes a {type.Name}.");
        }
        if (ctx.Request.Headers["If-None-Exist"].ToString() is { Length: > 0 } condition)
        {
            var (existing, unmet) = await ExistingAsync(type.Name, condition, ctx, db, access, settings);
            if (unmet is not null)
            {
                return unmet;
            }
            if (existing is not null)
            {
                return Existing(ctx, existing);
            }
        }
        var write = new FhirWrite(await RequestAsync(ctx, db, access, settings), ctx.RequestServices);
        var outcome = await type.CreateAsync(write, resource);
        if (!outcome.IsOk)
        {
            return Failed(outcome.Failure!, type.Expression, null);
        }
        var created = outcome.Value!;
        if (created.PatientId is { } p)
        {
            PatientsShown.Record(ctx, [p]);
        }
        var now = write.Clock.GetUtcNow();
        Stamp(created.Resource, now);
        ctx.Response.Headers.Location = $"{FhirEndpoints.BaseUrl(ctx.Request)}/{Where(created.Resource)}";
        ctx.Response.Headers.ETag = Etag;
        ctx.Response.Headers.LastModified = now.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return ReturnPreference(ctx.Request) switch
        {
            "minimal" => TypedResults.StatusCode(StatusCodes.Status201Created),
            "OperationOutcome" => new FhirResult(FhirOutcome.Outcome(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational,
                $"Created {Where(created.Resource)}."), StatusCodes.Status201Created),
            _ => new FhirResult(created.Resource, StatusCodes.Status201Created),
        };
    }

    /// <summary>
    /// Conditional create (FHIR R4 §3.1.0.8.1, <c>If-None-Exist: identifier=system|value</c>): the condition is the type's
    /// search, run as the caller with unknown parameters refused. One match is the resource to answer with; none is
    /// null (create); more than one is 412. A match the caller may not see is no match (its existence is not revealed).
    /// </summary>
    private static async Task<(FhirFound? Existing, IResult? Refused)> ExistingAsync(string typeName, string condition, HttpContext ctx,
        ClinicDb db, PatientAccess access, PracticeSettings settings)
    {
        var type = FhirTypes.All.Single(t => t.Name == typeName);
        var search = new DefaultHttpContext { RequestServices = ctx.RequestServices, User = ctx.User, RequestAborted = ctx.RequestAborted };
        search.Request.Scheme = ctx.Request.Scheme;
        search.Request.Host = ctx.Request.Host;
        search.Request.Method = "GET";
        search.Request.QueryString = new QueryString("?" + condition.Trim().TrimStart('?'));
        search.Request.Headers["Prefer"] = "handling=strict";
        if (search.Request.Query.Count == 0 || search.Request.Query.Keys.Any(k => k.StartsWith('_')))
        {
            return (null, FhirOutcome.BadRequest($"If-None-Exist takes search parameters of {typeName}, e.g. identifier=system|value."));
        }
        var answer = await FhirEndpoints.SearchAsync(type, search, db, access, settings);
        if (answer is not FhirEndpoints.SearchBundle found)
        {
            return (null, answer is FhirResult { Resource: OperationOutcome outcome } bad
                ? new FhirResult(outcome.Issue.Count > 0 && outcome.Issue[0].Diagnostics is { } d ? WithPrefix(outcome, d) : outcome, bad.Status)
                : FhirOutcome.BadRequest("If-None-Exist could not be evaluated."));
        }
        var matches = found.Page.Entries;
        if (matches.Count > 1)
        {
            return (null, FhirOutcome.Error(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.Duplicate,
                $"If-None-Exist matches more than one {typeName}; nothing was created."));
        }
        var shown = PatientsShown.Of(search);
        return matches.Count == 1 ? (new FhirFound(matches[0].Resource, shown.Count == 1 ? shown.First() : null), null) : (null, null);
    }

    private static OperationOutcome WithPrefix(OperationOutcome outcome, string diagnostics)
    {
        outcome.Issue[0].Diagnostics = "If-None-Exist: " + diagnostics;
        return outcome;
    }

    /// <summary>The answer to a conditional create that found its resource: 200 with it (nothing created), as a read.</summary>
    private static IResult Existing(HttpContext ctx, FhirFound existing)
    {
        if (existing.PatientId is { } p)
        {
            PatientsShown.Record(ctx, [p]);
        }
        var where = $"{existing.Resource.TypeName}/{existing.Resource.Id}";
        ctx.Response.Headers.Location = $"{FhirEndpoints.BaseUrl(ctx.Request)}/{where}";
        return ReturnPreference(ctx.Request) switch
        {
            "minimal" => TypedResults.Ok(),
            "OperationOutcome" => new FhirResult(FhirOutcome.Outcome(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational,
                $"{where} already matches If-None-Exist; nothing was created.")),
            _ => new FhirResult(existing.Resource),
        };
    }

    /// <summary>A new resource is version 1 of itself.</summary>
    private const string Etag = "W/\"1\"";

    private static string Where(Resource r) => $"{r.TypeName}/{r.Id}/_history/1";

    private static void Stamp(Resource r, DateTimeOffset now) => r.Meta = new Meta { VersionId = "1", LastUpdated = now };

    /// <summary>406 for a format other than FHIR JSON, 403 when the token's scopes do not grant the interaction; null = go on.</summary>
    private static FhirResult? Refusal(HttpContext ctx, string type, char interaction) =>
        !FhirJson.Accepts(ctx.Request)
            ? FhirOutcome.Error(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported, "This server answers in FHIR JSON only (_format=json).")
            : !SmartScopes.Allows(ctx.User, type, interaction)
                ? FhirOutcome.Forbidden($"The token's scopes do not grant {(interaction == 'c' ? "creating" : "reading")} {type}.")
                : null;

    private static async Task<FhirRequest> RequestAsync(HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings) =>
        new(db, access, ctx.User, FhirSystems.From(await settings.GetAsync<FhirSettings>(ctx.RequestAborted)), ctx.RequestAborted);

    /// <summary>return=minimal | representation | OperationOutcome from the Prefer header (RFC 7240; FHIR R4 §3.1.0.8.4); default representation.</summary>
    public static string ReturnPreference(HttpRequest request)
    {
        foreach (var value in request.Headers["Prefer"])
        {
            foreach (var part in (value ?? "").Split([',', ';'], StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith("return=", StringComparison.OrdinalIgnoreCase))
                {
                    var asked = part["return=".Length..].Trim('"');
                    return asked.Equals("minimal", StringComparison.OrdinalIgnoreCase) ? "minimal"
                        : asked.Equals("OperationOutcome", StringComparison.OrdinalIgnoreCase) ? "OperationOutcome" : "representation";
                }
            }
        }
        return "representation";
    }

    /// <summary>The body as a FHIR resource, or the 400/415 to answer (unknown elements, bad values and bad JSON are refused).</summary>
    private static async Task<(Resource? Resource, FhirResult? Error)> ReadBodyAsync(HttpContext ctx)
    {
        var type = ctx.Request.ContentType ?? "";
        if (!type.StartsWith(FhirJson.MediaType, StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, FhirOutcome.Error(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                "Send the resource as FHIR JSON (Content-Type: application/fhir+json)."));
        }
        try
        {
            var resource = await JsonSerializer.DeserializeAsync<Resource>(ctx.Request.Body, FhirJson.ReadOptions, ctx.RequestAborted);
            return resource is null ? (null, FhirOutcome.BadRequest("The body is empty.")) : (resource, null);
        }
        catch (Hl7.Fhir.Serialization.DeserializationFailedException e)
        {
            return (null, FhirOutcome.BadRequest("The resource is not valid FHIR R4 JSON: " + string.Join(" ", e.Exceptions.Take(5).Select(x => x.Message))));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or FormatException or InvalidOperationException)
        {
            return (null, FhirOutcome.BadRequest("The body is not a FHIR R4 JSON resource."));
        }
    }

    /// <summary>A use case's failure as an OperationOutcome with its status: 400 by field (with FHIRPath), 409 with the rule's reasons, 404.</summary>
    private static FhirResult Failed(Failure failure, Func<string, string> expression, string? entry) =>
        new(Outcome(failure, expression, entry), StatusOf(failure));

    private static int StatusOf(Failure failure) => failure.Kind switch
    {
        OutcomeKind.Invalid => StatusCodes.Status400BadRequest,
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    private static OperationOutcome Outcome(Failure failure, Func<string, string> expression, string? entry)
    {
        var prefix = entry is null ? "" : entry + ": ";
        var outcome = new OperationOutcome();
        if (failure.Kind == OutcomeKind.Invalid && failure.Errors.Count > 0)
        {
            foreach (var (field, messages) in failure.Errors)
            {
                foreach (var message in messages)
                {
                    outcome.Issue.Add(new OperationOutcome.IssueComponent
                    {
                        Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.Invalid, Diagnostics = prefix + message,
                        Expression = entry is null ? [expression(field)] : [expression(field), entry],
                    });
                }
            }
            return outcome;
        }
        var code = failure.Kind switch
        {
            OutcomeKind.NotFound => OperationOutcome.IssueType.NotFound,
            OutcomeKind.Refused => OperationOutcome.IssueType.BusinessRule,
            OutcomeKind.Conflict => OperationOutcome.IssueType.Conflict,
            _ => OperationOutcome.IssueType.Invalid,
        };
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = prefix + failure.Text,
            Expression = entry is null ? [] : [entry],
        });
        foreach (var reason in failure.Reasons)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.BusinessRule,
                Details = new CodeableConcept { Text = reason.ClinicianText, Coding = [new Coding("https://talus.example.org/fhir/CodeSystem/rule", reason.Code)] },
                Diagnostics = $"{reason.Code}: {reason.ClinicianText} ({reason.Source})",
                Expression = entry is null ? [] : [entry],
            });
        }
        return outcome;
    }

    // ------------------------------------------------------------------ Bundles

    /// <summary>One entry's answer: the response component, and the patients it touched (for the audit of reads).</summary>
    private sealed record EntryResult(Bundle.EntryComponent Entry, int Status, FhirResult? Error, IReadOnlyCollection<Guid> Patients, AuditAction? Read, string Type);

    [GeneratedRegex(@"urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UrnUuid();

    private static async Task<IResult> BundleAsync(HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings, IAuthorizationService auth,
        AuditLog audit, AuditContext who, TimeProvider clock)
    {
        if (!FhirJson.Accepts(ctx.Request))
        {
            return Refusal(ctx, "Bundle", 'r')!;
        }
        var (resource, error) = await ReadBodyAsync(ctx);
        if (resource is null)
        {
            return error!;
        }
        if (resource is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
        {
            return FhirOutcome.BadRequest("POST /fhir takes a Bundle of type transaction or batch.");
        }
        var limit = (await settings.GetAsync<FhirWriteSettings>(ctx.RequestAborted)).MaxBundleEntries;
        if (bundle.Entry.Count > limit)
        {
            return FhirOutcome.Error(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly,
                $"The Bundle has {bundle.Entry.Count} entries; this server takes at most {limit} (practice setting FhirWriteSettings.MaxBundleEntries).");
        }
        var transaction = bundle.Type == Bundle.BundleType.Transaction;
        var write = new FhirWrite(await RequestAsync(ctx, db, access, settings), ctx.RequestServices);
        var representation = ReturnPreference(ctx.Request) == "representation";
        var results = new EntryResult?[bundle.Entry.Count];
        // Each entry's resource as JSON, written at most once (for its urn:uuid: references) and shared by the ordering and the entry.
        var json = new string?[bundle.Entry.Count];
        IResult answer;
        if (transaction)
        {
            if (Order(bundle, json) is not { } order)
            {
                return FhirOutcome.BadRequest("The transaction's urn:uuid: references between entries form a cycle.");
            }
            // SQLite takes one writer at a time, and its driver retries a busy BEGIN by sleeping 150 ms on a pool thread:
            // bundles queue here for the write lock instead (PostgreSQL has row locks: no gate).
            using var turn = db.IsSqlite() ? await SqliteWriters.EnterAsync(ctx.RequestAborted) : null;
            await using var tx = await db.Database.BeginTransactionAsync(ctx.RequestAborted);
            var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            EntryResult? failed = null;
            foreach (var i in order)
            {
                var result = await EntryAsync(bundle.Entry[i], i, ctx, write, auth, resolved, representation, json);
                results[i] = result;
                if (result.Error is not null)
                {
                    failed = result;
                    break;
                }
            }
            if (failed is not null)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                answer = failed.Error!;
                // Nothing of the other entries was kept or shown.
                Array.Clear(results);
            }
            else
            {
                await tx.CommitAsync(ctx.RequestAborted);
                answer = new FhirResult(Response(Bundle.BundleType.TransactionResponse, results!));
            }
        }
        else
        {
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                results[i] = await EntryAsync(bundle.Entry[i], i, ctx, write, auth, null, representation, json);
                if (results[i]!.Error is not null)
                {
                    db.ChangeTracker.Clear();
                }
            }
            answer = new FhirResult(Response(Bundle.BundleType.BatchResponse, results!));
        }
        var at = clock.GetUtcNow().UtcDateTime;
        foreach (var r in results)
        {
            if (r?.Read is not { } action)
            {
                continue;
            }
            await audit.WriteAsync(PatientsShown.Into(who.Entry(action, r.Type, null, null, r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), at),
                r.Patients), CancellationToken.None);
        }
        return answer;
    }

    private static Bundle Response(Bundle.BundleType type, IEnumerable<EntryResult> results) => new()
    {
        Type = type,
        Entry = [.. results.Select(r => r.Entry)],
    };

    /// <summary>
    /// The order of a transaction's entries: creates first, each after the entries whose urn:uuid: it references, then
    /// reads (FHIR R4 §3.1.0.11.2). Null when the references form a cycle.
    /// </summary>
    private static List<int>? Order(Bundle bundle, string?[] json)
    {
        var byUrl = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (bundle.Entry[i].FullUrl is { } url && url.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
            {
                byUrl.TryAdd(url, i);
            }
        }
        var order = new List<int>();
        var state = new int[bundle.Entry.Count]; // 0 new, 1 visiting, 2 done
        bool Visit(int i)
        {
            if (state[i] == 2)
            {
                return true;
            }
            if (state[i] == 1)
            {
                return false;
            }
            state[i] = 1;
            if (byUrl.Count > 0 && bundle.Entry[i].Resource is { } r)
            {
                foreach (Match m in UrnUuid().Matches(json[i] ??= FhirJson.Serialize(r)))
                {
                    if (byUrl.TryGetValue(m.Value, out var other) && other != i && IsPost(bundle.Entry[other]) && !Visit(other))
                    {
                        return false;
                    }
                }
            }
            state[i] = 2;
            order.Add(i);
            return true;
        }
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (IsPost(bundle.Entry[i]) && !Visit(i))
            {
                return null;
            }
        }
        order.AddRange(Enumerable.Range(0, bundle.Entry.Count).Where(i => !IsPost(bundle.Entry[i])));
        return order;
    }

    private static bool IsPost(Bundle.EntryComponent e) => e.Request?.Method == Bundle.HTTPVerb.POST;

    private static async Task<EntryResult> EntryAsync(Bundle.EntryComponent entry, int index, HttpContext ctx, FhirWrite write, IAuthorizationService auth,
        Dictionary<string, string>? resolved, bool representation, string?[] json)
    {
        var name = $"Bundle.entry[{index}]";
        EntryResult Fail(int status, OperationOutcome.IssueType code, string message, string type = "Bundle")
        {
            var outcome = FhirOutcome.Outcome(OperationOutcome.IssueSeverity.Error, code, $"{name}: {message}");
            outcome.Issue[0].Expression = [name];
            return Failure(new FhirResult(outcome, status), type);
        }
        EntryResult Failure(FhirResult result, string type) => new(new Bundle.EntryComponent
        {
            Response = new Bundle.ResponseComponent { Status = StatusLine(result.Status), Outcome = result.Resource },
        }, result.Status, result, [], null, type);

        var url = entry.Request?.Url?.Trim() ?? "";
        if (entry.Request?.Method is not (Bundle.HTTPVerb.POST or Bundle.HTTPVerb.GET) || url.Length is 0 or > 2000)
        {
            return Fail(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported, "Each entry needs request.method POST or GET and request.url.");
        }
        if (entry.Request.Method == Bundle.HTTPVerb.GET)
        {
            return await ReadEntryAsync(url, ctx, write, auth, name, Failure);
        }
        var type = Creatable.FirstOrDefault(c => c.Name == url.TrimStart('/'));
        if (type is null)
        {
            return Fail(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                $"POST '{url}' is not supported; creatable types: {string.Join(", ", Creatable.Select(c => c.Name))}.");
        }
        if (entry.Resource is not { } resource || resource.TypeName != type.Name)
        {
            return Fail(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, $"POST {type.Name} needs a {type.Name} resource.", type.Name);
        }
        if (!(await auth.AuthorizeAsync(write.User, type.Policy)).Succeeded || !SmartScopes.Allows(write.User, type.Name, 'c'))
        {
            return Fail(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, $"You may not create {type.Name}.", type.Name);
        }
        if (resolved is { Count: > 0 })
        {
            var text = json[index] ??= FhirJson.Serialize(resource);
            if (UrnUuid().Matches(text).Any(m => resolved.ContainsKey(m.Value)))
            {
                resource = FhirJson.Parse<Resource>(UrnUuid().Replace(text, m => resolved.TryGetValue(m.Value, out var to) ? to : m.Value));
            }
        }
        var outcome = await type.CreateAsync(write, resource);
        if (!outcome.IsOk)
        {
            return Failure(Failed(outcome.Failure!, f => type.Expression(f), name), type.Name);
        }
        var created = outcome.Value!.Resource;
        var now = write.Clock.GetUtcNow();
        Stamp(created, now);
        if (resolved is not null && entry.FullUrl is { } fullUrl && fullUrl.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
        {
            resolved[fullUrl] = $"{created.TypeName}/{created.Id}";
        }
        return new(new Bundle.EntryComponent
        {
            FullUrl = $"{FhirEndpoints.BaseUrl(ctx.Request)}/{created.TypeName}/{created.Id}",
            Resource = representation ? created : null,
            Response = new Bundle.ResponseComponent { Status = "201 Created", Location = Where(created), Etag = Etag, LastModified = now },
        }, StatusCodes.Status201Created, null, [], null, type.Name);
    }

    /// <summary>A GET entry: the read or search of the single interaction, run as a request of its own with the same caller.</summary>
    private static async Task<EntryResult> ReadEntryAsync(string url, HttpContext ctx, FhirWrite write, IAuthorizationService auth, string name,
        Func<FhirResult, string, EntryResult> failure)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = (question < 0 ? url : url[..question]).Trim('/');
        var parts = path.Split('/');
        var type = FhirTypes.All.FirstOrDefault(t => t.Name == parts[0]);
        if (type is null || parts.Length > 2 || parts.Length == 2 && question >= 0)
        {
            return failure(FhirOutcome.BadRequest($"{name}: GET '{path}' is not supported; GET {{Type}}/{{id}} or {{Type}}?{{search}}."), "Bundle");
        }
        if (!(await auth.AuthorizeAsync(write.User, type.Policy)).Succeeded)
        {
            return failure(FhirOutcome.Forbidden($"{name}: your role does not allow reading {type.Name}."), type.Name);
        }
        var sub = new DefaultHttpContext { RequestServices = ctx.RequestServices, User = ctx.User, RequestAborted = ctx.RequestAborted };
        sub.Request.Scheme = ctx.Request.Scheme;
        sub.Request.Host = ctx.Request.Host;
        sub.Request.PathBase = ctx.Request.PathBase;
        sub.Request.Method = "GET";
        sub.Request.Path = "/fhir/" + path;
        sub.Request.QueryString = question < 0 ? QueryString.Empty : new QueryString(url[question..]);
        var db = write.Db;
        var access = write.Service<PatientAccess>();
        var settings = write.Settings;
        var result = parts.Length == 2
            ? await FhirEndpoints.ReadAsync(type, parts[1], sub, db, access, settings)
            : await FhirEndpoints.SearchAsync(type, sub, db, access, settings);
        if (result is FhirResult { Status: >= 400 } refused)
        {
            return failure(refused, type.Name);
        }
        Resource? resource = result switch
        {
            FhirEndpoints.SearchBundle bundle => bundle.ToBundle(sub.Request),
            FhirResult answer => answer.Resource,
            _ => null,
        };
        if (resource is null)
        {
            return failure(FhirOutcome.BadRequest($"{name}: the read could not be answered."), type.Name);
        }
        return new(new Bundle.EntryComponent
        {
            FullUrl = parts.Length == 2 ? $"{FhirEndpoints.BaseUrl(ctx.Request)}/{path}" : null,
            Resource = resource,
            Response = new Bundle.ResponseComponent { Status = "200 OK" },
        }, StatusCodes.Status200OK, null, PatientsShown.Of(sub), parts.Length == 2 ? AuditAction.Read : AuditAction.Search, type.Name);
    }

    private static string StatusLine(int status) => status switch
    {
        400 => "400 Bad Request",
        403 => "403 Forbidden",
        404 => "404 Not Found",
        406 => "406 Not Acceptable",
        409 => "409 Conflict",
        422 => "422 Unprocessable Entity",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The CapabilityStatement's part for writes: create per type, transaction and batch, and the SMART token endpoint.</summary>
    public static void Describe(CapabilityStatement.RestComponent rest, string baseUrl)
    {
        foreach (var type in Creatable)
        {
            var resource = rest.Resource.FirstOrDefault(r => r.Type == type.Name);
            if (resource is null)
            {
                rest.Resource.Add(resource = new CapabilityStatement.ResourceComponent { Type = type.Name });
            }
            resource.Interaction.Add(new() { Code = CapabilityStatement.TypeRestfulInteraction.Create });
            // If-None-Exist with the type's own search parameters (POST /fhir/{type}; not inside Bundles).
            resource.ConditionalCreate = true;
        }
        rest.Interaction.Add(new() { Code = CapabilityStatement.SystemRestfulInteraction.Transaction, Documentation = "POST and GET entries; all or nothing; urn:uuid: references resolved." });
        rest.Interaction.Add(new() { Code = CapabilityStatement.SystemRestfulInteraction.Batch, Documentation = "POST and GET entries, each on its own." });
        var origin = baseUrl.EndsWith("/fhir", StringComparison.Ordinal) ? baseUrl[..^"/fhir".Length] : baseUrl;
        rest.Security ??= new CapabilityStatement.SecurityComponent();
        rest.Security.Description += $" Backend services: client credentials (client_secret_basic or client_secret_post) at {origin}{Features.Auth.ApiClientEndpoints.TokenPath}, for clients the administrator registers at /admin/api-clients; see {baseUrl}/.well-known/smart-configuration.";
    }
}

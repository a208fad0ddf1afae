using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.WebUtilities;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Patients;
using Talus.Web.Features.Settings;

namespace Talus.Web.Fhir;

/// <summary>
/// The FHIR R4 API at /fhir: <c>metadata</c>, and read and search for every type in <see cref="FhirTypes.All"/>.
/// Each read or search is checked against the role matrix (the type's policy), the SMART scopes of the token, and
/// PatientAccess (locations, a patient's own record), and audited by the patient-data middleware.
/// </summary>
public static class FhirEndpoints
{
    public static void MapFhir(this WebApplication app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR R4");
        var started = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        fhir.MapGet("/metadata", async (HttpContext ctx, PracticeSettings settings) => FhirJson.Accepts(ctx.Request)
                ? new FhirResult(Capability.Build(BaseUrl(ctx.Request), started, (await settings.GetAsync<FhirSettings>(ctx.RequestAborted)).MaxPageSize))
                : NotAcceptable())
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: FhirJson.MediaType)
            .WithSummary("The CapabilityStatement: every resource type, interaction and search parameter this server supports.");

        foreach (var type in FhirTypes.All)
        {
            var read = fhir.MapGet($"/{type.Name}/{{id}}", (string id, HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings) =>
                    db.OnOneConnectionAsync(() => ReadAsync(type, id, ctx, db, access, settings), ctx.RequestAborted))
                .RequireAuthorization(type.Policy)
                .Produces(StatusCodes.Status200OK, contentType: FhirJson.MediaType)
                .Produces(StatusCodes.Status404NotFound, contentType: FhirJson.MediaType)
                .WithSummary($"Read one {type.Name} (FHIR R4, application/fhir+json).");
            var search = fhir.MapGet($"/{type.Name}", (HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings) =>
                    db.OnOneConnectionAsync(() => SearchAsync(type, ctx, db, access, settings), ctx.RequestAborted))
                .RequireAuthorization(type.Policy)
                .Produces(StatusCodes.Status200OK, contentType: FhirJson.MediaType)
                .Produces(StatusCodes.Status400BadRequest, contentType: FhirJson.MediaType)
                .WithSummary($"Search {type.Name}: {string.Join(", ", type.Search.Select(p => p.Name).Prepend("_id"))}; _count (default {FhirQuery.DefaultCount}, at most the practice's page size, {FhirQuery.MaxCount} unless set) with 'next' links (a keyset cursor){(type.Search.Any(p => p.Name == "date") ? ", _sort=date|-date" : "")}.");
            if (type.PatientData)
            {
                read.PatientData(type.Name, AuditAction.Read);
                search.PatientData(type.Name, AuditAction.Search);
            }
        }
    }

    private static FhirResult NotAcceptable() =>
        FhirOutcome.Error(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported, "This server answers in FHIR JSON only (_format=json).");

    internal static async Task<IResult> ReadAsync(FhirType type, string id, HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings)
    {
        if (!FhirJson.Accepts(ctx.Request))
        {
            return NotAcceptable();
        }
        if (!SmartScopes.Allows(ctx.User, type.Name, 'r'))
        {
            return FhirOutcome.Forbidden($"The token's scopes do not grant reading {type.Name}.");
        }
        var request = await RequestAsync(ctx, db, access, settings);
        // Not found and not visible get the same answer, so a record's existence is not revealed.
        var found = id.Length is > 0 and <= 64 ? await type.ReadAsync(request, id) : null;
        if (found is null)
        {
            return FhirOutcome.NotFound($"No {type.Name} with id '{(id.Length <= 64 ? id : id[..64])}' is available to you.");
        }
        if (found.PatientId is { } p)
        {
            PatientsShown.Record(ctx, [p]);
        }
        return new FhirResult(found.Resource);
    }

    internal static async Task<IResult> SearchAsync(FhirType type, HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings)
    {
        if (!FhirJson.Accepts(ctx.Request))
        {
            return NotAcceptable();
        }
        if (!SmartScopes.Allows(ctx.User, type.Name, 's'))
        {
            return FhirOutcome.Forbidden($"The token's scopes do not grant searching {type.Name}.");
        }
        var fhirSettings = await settings.GetAsync<FhirSettings>(ctx.RequestAborted);
        var (query, error) = FhirQuery.Parse(ctx.Request, type.Search, fhirSettings.MaxPageSize);
        if (query is null)
        {
            return FhirOutcome.BadRequest(error!);
        }
        foreach (var name in new[] { "patient", "subject" })
        {
            if (query.String(name) is not { } reference)
            {
                continue;
            }
            if (FhirQuery.PatientOf(reference) is not { } patientId)
            {
                return FhirOutcome.BadRequest($"'{name}' must name a patient: Patient/{{id}} or {{id}}.");
            }
            // A search that names a patient the caller may not see is refused (403), whether or not the patient exists.
            if (query.Patient is { } other && other != patientId || !await access.CanSeeAsync(ctx.User, patientId, ctx.RequestAborted))
            {
                return FhirOutcome.Forbidden("You may not search this patient's record.");
            }
            query.Patient = patientId;
        }
        // query.Patient is set above only once the caller is found to see that patient.
        var request = new FhirRequest(db, access, ctx.User, FhirSystems.From(fhirSettings), ctx.RequestAborted)
        {
            Clock = ctx.RequestServices.GetRequiredService<TimeProvider>(),
            CheckedPatient = query.Patient,
        };
        FhirPage page;
        try
        {
            page = await type.SearchAsync(request, query);
        }
        catch (FhirSearchException e)
        {
            return FhirOutcome.BadRequest(e.Message);
        }
        var patientIds = page.Entries.Where(e => e.PatientId is not null).Select(e => e.PatientId!.Value).Distinct().ToList();
        PatientsShown.Record(ctx, patientIds);
        // _include of the patients: the Patient search itself, by _id, so the same access rules and mapping apply.
        var included = query.IncludePatients && patientIds.Count > 0
            ? (await Features.Patients.PatientFhir.Type.SearchAsync(request, new FhirQuery { Count = patientIds.Count, Ids = [.. patientIds.Select(i => i.ToString())] })).Entries
            : [];
        return new SearchBundle(type, query, page, included);
    }

    private static async Task<FhirRequest> RequestAsync(HttpContext ctx, ClinicDb db, PatientAccess access, PracticeSettings settings) =>
        new(db, access, ctx.User, FhirSystems.From(await settings.GetAsync<FhirSettings>(ctx.RequestAborted)), ctx.RequestAborted)
        {
            Clock = ctx.RequestServices.GetRequiredService<TimeProvider>(),
        };

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";

    /// <summary>
    /// The searchset Bundle, written straight to the response: the envelope here, each entry by its own writer when
    /// it has one (<see cref="IFhirJsonResource"/>), else by Firely's serializer. Same JSON as Firely writes for the
    /// Bundle (ObservationJsonTests compares them).
    /// </summary>
    internal sealed class SearchBundle(FhirType type, FhirQuery query, FhirPage page, IReadOnlyList<FhirFound> included) : IResult
    {
        /// <summary>The matches of the search (a conditional create reads them).</summary>
        public FhirPage Page => page;

        public async Task ExecuteAsync(HttpContext ctx)
        {
            ctx.Response.StatusCode = StatusCodes.Status200OK;
            ctx.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
            var pretty = ctx.Request.Query["_pretty"] == "true";
            await using (var w = new System.Text.Json.Utf8JsonWriter(ctx.Response.BodyWriter, new System.Text.Json.JsonWriterOptions { Indented = pretty, SkipValidation = !pretty }))
            {
                Write(w, ctx.Request, pretty ? FhirJson.Pretty : FhirJson.Options);
            }
            await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
        }

        /// <summary>The same Bundle as a Firely resource (a batch's search entry), read from what <see cref="Write"/> writes.</summary>
        public Bundle ToBundle(HttpRequest request)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                Write(w, request, FhirJson.Options);
            }
            return System.Text.Json.JsonSerializer.Deserialize<Bundle>(buffer.WrittenSpan, FhirJson.ReadOptions)!;
        }

        private void Write(System.Text.Json.Utf8JsonWriter w, HttpRequest request, System.Text.Json.JsonSerializerOptions options)
        {
            var baseUrl = BaseUrl(request);
            w.WriteStartObject();
            w.WriteString("resourceType", "Bundle");
            w.WriteString("type", "searchset");
            w.WriteStartArray("link");
            Link(w, "self", PageUrl(request, baseUrl, type, request.Query[FhirCursor.Parameter].FirstOrDefault()));
            if (page.Next is { } next)
            {
                Link(w, "next", PageUrl(request, baseUrl, type, next));
            }
            w.WriteEndArray();
            if (page.Entries.Count + included.Count > 0 || query.Ignored.Count > 0)
            {
                w.WriteStartArray("entry");
                foreach (var found in page.Entries)
                {
                    Entry(w, $"{baseUrl}/{found.TypeName}/{found.Id}", found, null, "match", options);
                }
                foreach (var found in included)
                {
                    Entry(w, $"{baseUrl}/{found.TypeName}/{found.Id}", found, null, "include", options);
                }
                if (query.Ignored.Count > 0)
                {
                    Entry(w, $"urn:uuid:{Guid.NewGuid()}", null, FhirOutcome.Outcome(OperationOutcome.IssueSeverity.Warning, OperationOutcome.IssueType.NotSupported,
                        $"Parameters ignored (not supported for {type.Name}): {string.Join(", ", query.Ignored)}."), "outcome", options);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        private static void Link(System.Text.Json.Utf8JsonWriter w, string relation, string url)
        {
            w.WriteStartObject();
            w.WriteString("relation", relation);
            w.WriteString("url", url);
            w.WriteEndObject();
        }

        private static void Entry(System.Text.Json.Utf8JsonWriter w, string fullUrl, FhirFound? found, Resource? resource, string mode, System.Text.Json.JsonSerializerOptions options)
        {
            w.WriteStartObject();
            w.WriteString("fullUrl", fullUrl);
            w.WritePropertyName("resource");
            if (found?.Direct is { } direct)
            {
                direct.Write(w);
            }
            else
            {
                System.Text.Json.JsonSerializer.Serialize(w, resource ?? found!.Resource, options);
            }
            w.WritePropertyName("search");
            w.WriteStartObject();
            w.WriteString("mode", mode);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    /// <summary>The same search after a cursor (the last sort key and id of a page: results are in a total order).</summary>
    private static string PageUrl(HttpRequest request, string baseUrl, FhirType type, string? cursor)
    {
        var url = $"{baseUrl}/{type.Name}";
        foreach (var (key, values) in request.Query.Where(q => q.Key != FhirCursor.Parameter))
        {
            foreach (var v in values)
            {
                url = QueryHelpers.AddQueryString(url, key, v ?? "");
            }
        }
        return cursor is not null ? QueryHelpers.AddQueryString(url, FhirCursor.Parameter, cursor) : url;
    }
}

/// <summary>The CapabilityStatement, generated from <see cref="FhirTypes.All"/> so it never claims more (or less) than is served.</summary>
public static class Capability
{
    public static CapabilityStatement Build(string baseUrl, DateTimeOffset started, int maxCount)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Security = new CapabilityStatement.SecurityComponent
            {
                Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
                Description = "Bearer token from POST /api/auth/token (optional 'scope': SMART v2 patient/*.rs, user/*.rs, system/*.rs or per type). Roles, locations and patient access as in the rest of Talus.",
            },
        };
        foreach (var type in FhirTypes.All)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type.Name,
                Interaction =
                [
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                ],
            };
            resource.SearchParam.Add(new() { Name = "_id", Type = SearchParamType.Token, Documentation = "Logical id; comma-separated for any of several." });
            foreach (var p in type.Search)
            {
                resource.SearchParam.Add(new() { Name = p.Name, Type = p.Type, Documentation = p.Description });
            }
            if (type.Search.FirstOrDefault(p => p.Name is "patient" or "subject") is { } patient)
            {
                resource.SearchInclude = [$"{type.Name}:{patient.Name}"];
            }
            rest.Resource.Add(resource);
        }
        rest.SearchParam.Add(new() { Name = "_count", Type = SearchParamType.Number, Documentation = $"Page size: default {FhirQuery.DefaultCount}, at most {maxCount}; follow the 'next' link (a keyset cursor, {FhirCursor.Parameter})." });
        Features.BulkExport.BulkExportEndpoints.Describe(rest);
        rest.SearchParam.Add(new() { Name = "_sort", Type = SearchParamType.Special, Documentation = "'date' or '-date' on types with a date parameter; otherwise by id." });
        FhirWrites.Describe(rest, baseUrl);
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = started.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Talus" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Talus clinic FHIR R4 API", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json"],
            Rest = [rest],
        };
    }
}

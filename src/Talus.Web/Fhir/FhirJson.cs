using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification;

namespace Talus.Web.Fhir;

/// <summary>
/// FHIR JSON through the Firely SDK's System.Text.Json converter (the faster of its two engines, and the one that
/// writes straight to the response stream); one options instance, built once.
/// </summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    /// <summary>
    /// Writing needs no model metadata: each resource lists its own elements. Reading does (a type for each
    /// <c>resourceType</c> and <c>value[x]</c>), and the SDK's full R4 model, every resource with all its parts, holds
    /// about 30 MB of type metadata for the life of the process. So it is loaded by the first FHIR body read, not by a
    /// process that only answers reads.
    /// </summary>
    private static readonly ModelInspector NoModel = new(FhirRelease.R4);

    private static readonly Lazy<JsonSerializerOptions> Reading = new(() => new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector));

    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(NoModel);
    public static readonly JsonSerializerOptions Pretty = new JsonSerializerOptions().ForFhir(NoModel).Pretty();

    /// <summary>Options that read FHIR JSON (request bodies), with the full model.</summary>
    public static JsonSerializerOptions ReadOptions => Reading.Value;

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Options);

    public static T Parse<T>(string json) where T : Resource => JsonSerializer.Deserialize<T>(json, ReadOptions)!;

    /// <summary>
    /// The formats a client may ask for with <c>_format</c> or Accept: FHIR JSON only (plain JSON and anything also
    /// accepted). XML and other formats are refused with 406 rather than answered in a format the client did not ask for.
    /// </summary>
    public static bool Accepts(HttpRequest request)
    {
        var format = request.Query["_format"].ToString();
        if (format.Length > 0)
        {
            return format is "json" or MediaType or "application/json" or "application/fhir+json;fhirVersion=4.0";
        }
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => a.MediaType.Value is MediaType or "application/json" or "*/*" or "application/*");
    }
}

/// <summary>A FHIR resource answer: <c>application/fhir+json</c>, written straight to the response.</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK) : IResult
{
    public Resource Resource { get; } = resource;
    public int Status { get; } = status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        var options = httpContext.Request.Query["_pretty"] == "true" ? FhirJson.Pretty : FhirJson.Options;
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, Resource, options, httpContext.RequestAborted);
    }
}

/// <summary>Every FHIR error is an OperationOutcome with the status that says what went wrong.</summary>
public static class FhirOutcome
{
    public static FhirResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, message);
    public static FhirResult NotFound(string message) => Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, message);
    public static FhirResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, message);

    public static FhirResult Error(int status, OperationOutcome.IssueType type, string message) =>
        new(Outcome(OperationOutcome.IssueSeverity.Error, type, message), status);

    public static OperationOutcome Outcome(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, string message) => new()
    {
        Id = null,
        Issue = [new OperationOutcome.IssueComponent { Severity = severity, Code = type, Diagnostics = message }],
    };

    /// <summary>
    /// The status-code answer for /fhir addresses (Errors.cs): 401, 403, 404, 405… written by the framework without a
    /// body become an OperationOutcome.
    /// </summary>
    public static Task WriteStatusAsync(HttpContext ctx)
    {
        var status = ctx.Response.StatusCode;
        var (type, message) = status switch
        {
            StatusCodes.Status401Unauthorized => (OperationOutcome.IssueType.Login, "Sign in: send 'Authorization: Bearer <token>' (POST /api/auth/token)."),
            StatusCodes.Status403Forbidden => (OperationOutcome.IssueType.Forbidden, "Your role does not allow this request."),
            StatusCodes.Status404NotFound => (OperationOutcome.IssueType.NotFound, "No such FHIR endpoint; GET /fhir/metadata lists what this server supports."),
            StatusCodes.Status405MethodNotAllowed => (OperationOutcome.IssueType.NotSupported, "This interaction is not supported; GET /fhir/metadata lists what is."),
            _ => (OperationOutcome.IssueType.Processing, "The request could not be completed."),
        };
        return Error(status, type, message).ExecuteAsync(ctx);
    }
}

/// <summary>
/// A resource that writes its own FHIR JSON into a search Bundle without first being built as a Firely POCO (the
/// serializer's model walk was the largest part of a search after its queries, decision 0017). <see cref="ToPoco"/>
/// gives the same resource for everything else (reads, export, validation); the two come from one mapping.
/// </summary>
public interface IFhirJsonResource
{
    string TypeName { get; }
    string Id { get; }
    Resource ToPoco();
    void Write(Utf8JsonWriter w);
}

/// <summary>The small data types of FHIR JSON, written as Firely's serializer writes them (elements in definition order, empty ones left out).</summary>
public static class FhirJsonWrite
{
    public static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", System.Globalization.CultureInfo.InvariantCulture);

    public static void Coding(Utf8JsonWriter w, Coding c)
    {
        w.WriteStartObject();
        String(w, "system", c.System);
        String(w, "code", c.Code);
        String(w, "display", c.Display);
        w.WriteEndObject();
    }

    /// <summary>A CodeableConcept of one coding without a display: an array item (the categories) or a property's value after its name.</summary>
    public static void Concept(Utf8JsonWriter w, string system, string code)
    {
        w.WriteStartObject();
        w.WriteStartArray("coding");
        w.WriteStartObject();
        w.WriteString("system", system);
        w.WriteString("code", code);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Concept(Utf8JsonWriter w, string name, CodeableConcept? c)
    {
        if (c is null)
        {
            return;
        }
        w.WritePropertyName(name);
        w.WriteStartObject();
        if (c.Coding.Count > 0)
        {
            w.WriteStartArray("coding");
            foreach (var coding in c.Coding)
            {
                Coding(w, coding);
            }
            w.WriteEndArray();
        }
        String(w, "text", c.Text);
        w.WriteEndObject();
    }

    public static void Quantity(Utf8JsonWriter w, string name, Quantity? q)
    {
        if (q is null)
        {
            return;
        }
        w.WritePropertyName(name);
        w.WriteStartObject();
        if (q.Value is { } value)
        {
            w.WriteNumber("value", value);
        }
        String(w, "unit", q.Unit);
        String(w, "system", q.System);
        String(w, "code", q.Code);
        w.WriteEndObject();
    }

    public static void Reference(Utf8JsonWriter w, ResourceReference r)
    {
        w.WriteStartObject();
        String(w, "reference", r.Reference);
        String(w, "display", r.Display);
        w.WriteEndObject();
    }

    /// <summary>A string element, left out when it has no value.</summary>
    public static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}

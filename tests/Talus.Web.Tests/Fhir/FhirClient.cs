// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Talus.Web.Data;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Fhir;

/// <summary>FHIR calls for the tests: GET with the FHIR media type, the answer parsed with the server's own options.</summary>
internal static class FhirCalls
{
    public static async Task<(HttpStatusCode Status, Resource Resource, string ContentType)> GetAsync(HttpClient client, string url, string? prefer = null)
    {
        var (status, body, contentType) = await RawAsync(client, url, prefer);
        return (status, FhirJson.Parse<Resource>(body), contentType);
    }

    /// <summary>The answer's JSON as the server wrote it.</summary>
    public static async Task<(HttpStatusCode Status, string Body, string ContentType)> RawAsync(HttpClient client, string url, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson.MediaType));
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType ?? "");
    }

    public static async Task<T> ReadAsync<T>(HttpClient client, string url) where T : Resource
    {
        var (status, resource, _) = await GetAsync(client, url);
        Assert.True(status == HttpStatusCode.OK, $"{url}: {status} {(resource as OperationOutcome)?.Issue.FirstOrDefault()?.Diagnostics}");
        return Assert.IsType<T>(resource);
    }

    /// <summary>Every matching resource of a search, following the 'next' links.</summary>
    public static async Task<List<Resource>> SearchAllAsync(HttpClient client, string url)
    {
        var all = new List<Resource>();
        for (string? next = url; next is not null;)
        {
            var bundle = await ReadAsync<Bundle>(client, next);
            all.AddRange(bundle.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource));
            next = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        }
        return all;
    }

    /// <summary>A bearer token for a demo user with SMART scopes.</summary>
    public static async Task<HttpClient> ClientWithScopeAsync(TalusApp app, string role, string scope)
    {
        using var anon = app.Anonymous();
        var email = DemoData.SignIns.Single(s => s.Role == role).Email;
        var response = await anon.PostAsJsonAsync("/api/auth/token", new { email, password = DemoData.Password, scope });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TalusApp.TokenResponse>())!.AccessToken;
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>Base R4 StructureDefinition validation (Firely.Fhir.Validation), built once: loading the specification takes seconds.</summary>
internal static class R4Validator
{
    private static readonly Lazy<Validator> Instance = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source.AsAsync(), new LocalTerminologyService(source.AsAsync()));
    });

    /// <summary>The error and fatal issues of a resource, as "path: message" lines.</summary>
    public static IReadOnlyList<string> Errors(Resource resource) =>
        [.. Instance.Value.Validate(resource).Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id} {string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")];
}

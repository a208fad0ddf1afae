using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;

namespace Talus.Web.Features.ClinicalRules;

/// <summary>A worked example of an endpoint: a request body and the answer the rules give to it.</summary>
public sealed record ApiExample(object? Request, Func<object?>? Response);

/// <summary>
/// Puts each endpoint's <see cref="ApiExample"/> into the OpenAPI document as the request and 200-response
/// examples. The response example is computed by the rules themselves, so the documentation cannot drift from them.
/// </summary>
public sealed class ApiExampleTransformer(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IOpenApiOperationTransformer
{
    public Task TransformAsync(Microsoft.OpenApi.OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var example = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiExample>().FirstOrDefault();
        if (example is null)
        {
            return Task.CompletedTask;
        }
        var options = json.Value.SerializerOptions;
        if (example.Request is not null && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                media.Example = JsonSerializer.SerializeToNode(example.Request, example.Request.GetType(), options);
            }
        }
        if (example.Response?.Invoke() is { } response && operation.Responses is { } responses
            && responses.TryGetValue("200", out var ok) && ok.Content is { } okContent)
        {
            foreach (var media in okContent.Values)
            {
                media.Example = JsonSerializer.SerializeToNode(response, response.GetType(), options);
            }
        }
        return Task.CompletedTask;
    }
}

public static class ApiExampleExtensions
{
    /// <summary>Documents the endpoint with a request example and the rules' answer to it.</summary>
    public static RouteHandlerBuilder Example(this RouteHandlerBuilder builder, object? request, Func<object?>? response = null) =>
        builder.WithMetadata(new ApiExample(request, response));

    public static JsonNode? ToNode(object value, JsonSerializerOptions options) => JsonSerializer.SerializeToNode(value, value.GetType(), options);
}

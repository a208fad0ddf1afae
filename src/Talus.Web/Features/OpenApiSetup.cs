using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Talus.Web.Features;

public static class OpenApiSetup
{
    /// <summary>The OpenAPI document at /openapi/v1.json, browsable at /api/docs.</summary>
    public static IServiceCollection AddTalusOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "Talus API",
                    Version = "v1",
                    Description = "REST API of Talus. Sign in with the browser session cookie, or send 'Authorization: Bearer <token>' from POST /api/auth/token. Bad input answers 400 with a ProblemDetails naming each field.",
                };
                return Task.CompletedTask;
            });
            // Enums are read by StrictEnumConverter (one defined name), whose schema the generator cannot see: say the names here.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                var enumType = Nullable.GetUnderlyingType(type) ?? type;
                if (enumType.IsEnum && schema.Enum is not { Count: > 0 })
                {
                    schema.Type = enumType == type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Enum = [.. Enum.GetNames(enumType).Select(n => (JsonNode)JsonValue.Create(n))];
                }
                return Task.CompletedTask;
            });
        });
}

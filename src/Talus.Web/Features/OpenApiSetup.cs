using Microsoft.OpenApi;

namespace Talus.Web.Features;

public static class OpenApiSetup
{
    /// <summary>The OpenAPI document at /openapi/v1.json, browsable at /api/docs.</summary>
    public static IServiceCollection AddTalusOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new OpenApiInfo
            {
                Title = "Talus API",
                Version = "v1",
                Description = "REST API of Talus. Sign in with the browser session cookie, or send 'Authorization: Bearer <token>' from POST /api/auth/token. Bad input answers 400 with a ProblemDetails naming each field.",
            };
            return Task.CompletedTask;
        }));
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.ClinicalRules;

[Collection(AppCollection.Name)]
public sealed class OpenApiAndFuzzTests(TalusApp app)
{
    [Fact]
    public async Task OpenApi_EveryClinicalEndpoint_HasSummaryDescription_AndPostsHaveExamples()
    {
        using var anon = app.Anonymous();
        var doc = await anon.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/clinical", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Op: o.Value)))
            .ToList();
        Assert.True(operations.Count >= 28, $"expected every clinical endpoint in the document, found {operations.Count}");
        var missing = new List<string>();
        foreach (var (path, method, op) in operations)
        {
            if (!op.TryGetProperty("summary", out _) || !op.TryGetProperty("description", out _))
            {
                missing.Add($"{method} {path}: summary/description");
            }
            if (method == "post" && path != "/api/clinical/instruments/{instrument}/score"
                && !(op.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _)
                     && op.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _)))
            {
                missing.Add($"{method} {path}: request/response example");
            }
        }
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));

        var score = doc.GetProperty("paths").GetProperty("/api/clinical/instruments/{instrument}/score").GetProperty("post");
        Assert.Equal(2, score.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("answersByKey").GetProperty("P2").GetInt32());
        var pain = score.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example")
            .GetProperty("subscales").EnumerateArray().Single(s => s.GetProperty("subscale").GetString() == "Pain");
        Assert.Equal(61.1m, pain.GetProperty("display").GetDecimal());
    }

    // The hostile bodies of every operation (clinical ones included) are sent by Hostile/HostileApiTests.
}

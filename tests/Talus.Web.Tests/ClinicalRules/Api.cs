using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Talus.Web.Tests.ClinicalRules;

/// <summary>Posting JSON to the rules API and reading its answers and problems.</summary>
internal static class Api
{
    public static async Task<JsonElement> OkAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a 400 ValidationProblem whose errors name the field (case-insensitive); returns the messages.</summary>
    public static async Task<string> BadAsync(HttpClient client, string url, string json, string field, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} with {json} answered {(int)response.StatusCode}: {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        var named = errors.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.True(named.Value.ValueKind == JsonValueKind.Array, $"errors should name '{field}': {text}");
        var messages = string.Join(" ", named.Value.EnumerateArray().Select(m => m.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(messages), $"'{field}' should have a reason: {text}");
        return messages;
    }

    public static JsonElement[] Array(this JsonElement e, string property) => [.. e.GetProperty(property).EnumerateArray()];

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Talus.Web.Tests.Hostile;

/// <summary>One hostile request: what it sends, and whether the app must refuse it (a 2xx that writes is then a defect).</summary>
public sealed record HostileVariant(string What, string? Body, bool MustRefuse, string? Url = null);

/// <summary>
/// Builds a plausible body for an OpenAPI request schema, then its hostile variants: unreadable JSON, wrong types,
/// undefined enum values (numbers and names), numbers beyond the documented range, far dates, missing or null required
/// fields, huge strings, deep nesting, control characters. Nested objects and the first item of lists get the same
/// treatment, a few levels deep, so that rows inside a form (medications[0].class) are covered too.
/// </summary>
public sealed partial class HostileRequests(JsonElement document, Func<string, JsonNode?> knownValue, DateOnly today)
{
    public const int HugeLength = 100_000;
    private static readonly string Huge = new('x', HugeLength);
    private int serial;

    private JsonElement Schemas => document.GetProperty("components").GetProperty("schemas");

    /// <summary>Follows $ref and unwraps "oneOf: [null, X]".</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema.TryGetProperty("$ref", out var r))
            {
                schema = Schemas.GetProperty(r.GetString()!.Split('/')[^1]);
            }
            else if (schema.TryGetProperty("oneOf", out var one) || schema.TryGetProperty("anyOf", out one))
            {
                var next = one.EnumerateArray().FirstOrDefault(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
                if (next.ValueKind == JsonValueKind.Undefined)
                {
                    return schema;
                }
                schema = next;
            }
            else
            {
                return schema;
            }
        }
        return schema;
    }

    public static bool Has(JsonElement schema, string type) =>
        schema.TryGetProperty("type", out var t) && (t.ValueKind == JsonValueKind.String ? t.GetString() == type : t.EnumerateArray().Any(x => x.GetString() == type));

    public static bool IsEnum(JsonElement schema) => schema.TryGetProperty("enum", out _);

    /// <summary>A value the schema accepts, as best it can be guessed from names, formats, patterns and ranges.</summary>
    public JsonNode? Sample(JsonElement schema, string name, int depth = 0)
    {
        schema = Resolve(schema);
        if (knownValue(name) is { } known)
        {
            // Ids are kept as text; a schema that wants a number gets the number.
            return (Has(schema, "integer") || Has(schema, "array")) && known.GetValueKind() == JsonValueKind.String
                && long.TryParse(known.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? Has(schema, "array") ? new JsonArray(JsonValue.Create(number)) : JsonValue.Create(number)
                : Has(schema, "array") && known is not JsonArray ? new JsonArray(known.DeepClone()) : known.DeepClone();
        }
        if (IsEnum(schema))
        {
            return schema.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => JsonValue.Create(v.GetString())).FirstOrDefault();
        }
        if (Has(schema, "array"))
        {
            return depth > 4 || !schema.TryGetProperty("items", out var items) ? new JsonArray() : new JsonArray(Sample(items, Singular(name), depth + 1));
        }
        if (Has(schema, "object") || schema.TryGetProperty("properties", out _))
        {
            var o = new JsonObject();
            if (depth <= 4 && schema.TryGetProperty("properties", out var props))
            {
                foreach (var p in props.EnumerateObject())
                {
                    o[p.Name] = Sample(p.Value, p.Name, depth + 1);
                }
            }
            return o;
        }
        if (Has(schema, "boolean"))
        {
            return JsonValue.Create(name is "isActive" or "optedIn" or "ongoing" or "agree" or "consentToContact");
        }
        if (Has(schema, "integer") || Has(schema, "number"))
        {
            var min = schema.TryGetProperty("minimum", out var mn) ? mn.GetDecimal() : (decimal?)null;
            var max = schema.TryGetProperty("maximum", out var mx) ? mx.GetDecimal() : (decimal?)null;
            var value = min is { } a && max is { } b ? Math.Round((a + b) / 2) : min ?? (max is { } m ? Math.Min(m, 1) : 1);
            return JsonValue.Create((long)value);
        }
        if (schema.TryGetProperty("format", out var f))
        {
            switch (f.GetString())
            {
                case "date": return JsonValue.Create(DateFor(name).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                case "date-time": return JsonValue.Create(DateFor(name).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T17:00:00Z");
                case "time": return JsonValue.Create(EndsSomething(name) ? "17:00:00" : "09:00:00");
                case "uuid": return JsonValue.Create(Guid.NewGuid().ToString());
            }
        }
        if (schema.TryGetProperty("pattern", out var pattern) && FromPattern(pattern.GetString()!) is { } fits)
        {
            return JsonValue.Create(fits);
        }
        var lower = name.ToLowerInvariant();
        var text = lower switch
        {
            _ when lower.Contains("email", StringComparison.Ordinal) => $"hostile{Interlocked.Increment(ref serial)}@example.com",
            _ when lower.Contains("phone", StringComparison.Ordinal) => "949-555-0100",
            _ when lower.Contains("timezone", StringComparison.Ordinal) => "America/Los_Angeles",
            _ when lower == "state" => "CA",
            _ when lower.Contains("password", StringComparison.Ordinal) => "Hostile-Password-1",
            _ => $"Hostile {Interlocked.Increment(ref serial)}",
        };
        if (schema.TryGetProperty("maxLength", out var ml) && text.Length > ml.GetInt32())
        {
            text = text[..ml.GetInt32()];
        }
        return JsonValue.Create(text);
    }

    /// <summary>A date the field plausibly holds: birth dates decades ago, plans and bookings ahead, records of what happened behind.</summary>
    private DateOnly DateFor(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.Contains("birth", StringComparison.Ordinal))
        {
            return new DateOnly(1970, 5, 15);
        }
        var ahead = lower.Contains("planned", StringComparison.Ordinal) || lower.Contains("scheduled", StringComparison.Ordinal)
            || lower.StartsWith("valid", StringComparison.Ordinal) || lower is "from" or "date" or "start" or "to" or "until";
        // A weekday three weeks ahead (inside any booking horizon), or five weeks back.
        var day = ahead ? today.AddDays(21) : today.AddDays(-35);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    private static bool EndsSomething(string name) => name.ToLowerInvariant() is "end" or "closes" or "notafter" or "to" or "until";

    private static string Singular(string name) => name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.TrimEnd('s');

    /// <summary>A value for the simple patterns the app documents: "^(A|B)$", digit counts, ZIP codes.</summary>
    private static string? FromPattern(string pattern)
    {
        if (Alternatives().Match(pattern) is { Success: true } alt)
        {
            return alt.Groups[1].Value.Split('|')[0];
        }
        if (pattern.StartsWith(@"^\d{5}", StringComparison.Ordinal))
        {
            return "92618";
        }
        if (Digits().Match(pattern) is { Success: true } d)
        {
            return "1234567893"[..Math.Min(10, int.Parse(d.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        }
        return null;
    }

    /// <summary>The hostile variants of a request body (at most <paramref name="limit"/>), the must-refuse ones first.</summary>
    public List<HostileVariant> BodyVariants(JsonElement schema, JsonNode? valid, int limit)
    {
        var resolved = Resolve(schema);
        var isObject = resolved.TryGetProperty("properties", out _);
        var variants = new List<HostileVariant>
        {
            new("unreadable JSON", "{\"a\": ", true),
            new("a string instead of the body", "\"text\"", true),
            new("a number instead of the body", "42", true),
            new("null body", "null", true),
            new("deep nesting", isObject ? $"{{\"{FirstProperty(resolved) ?? "a"}\": {new string('[', 1000)}{new string(']', 1000)}}}" : new string('[', 1000) + new string(']', 1000), true),
        };
        if (isObject)
        {
            variants.Add(new("an array instead of an object", "[]", true));
            if (resolved.TryGetProperty("required", out var req) && req.GetArrayLength() > 0)
            {
                variants.Add(new("empty object", "{}", true));
            }
        }
        var fields = new List<HostileVariant>();
        if (valid is not null)
        {
            Mutate(schema, valid, valid, "", fields, 0);
        }
        // Spread the field variants over every field rather than exhausting the first ones.
        var perField = fields.GroupBy(v => v.What.Split(':')[0]).Select(g => new Queue<HostileVariant>(g)).ToList();
        while (variants.Count < limit && perField.Any(q => q.Count > 0))
        {
            foreach (var q in perField.Where(q => q.Count > 0))
            {
                if (variants.Count >= limit)
                {
                    break;
                }
                variants.Add(q.Dequeue());
            }
        }
        return variants;
    }

    private string? FirstProperty(JsonElement resolved) => resolved.GetProperty("properties").EnumerateObject().Select(p => p.Name).FirstOrDefault();

    private void Mutate(JsonElement schema, JsonNode root, JsonNode at, string path, List<HostileVariant> into, int depth)
    {
        var resolved = Resolve(schema);
        if (depth > 3)
        {
            return;
        }
        if (Has(resolved, "array") && at is JsonArray list && list.Count > 0 && resolved.TryGetProperty("items", out var items))
        {
            Mutate(items, root, list[0]!, $"{path}[0]", into, depth + 1);
            return;
        }
        if (!resolved.TryGetProperty("properties", out var props) || at is not JsonObject obj)
        {
            return;
        }
        var required = resolved.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
        foreach (var p in props.EnumerateObject())
        {
            var field = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
            var ps = Resolve(p.Value);
            void Add(string what, JsonNode? value, bool mustRefuse, bool remove = false)
            {
                var copy = root.DeepClone();
                var target = Navigate(copy, path);
                if (target is not JsonObject o)
                {
                    return;
                }
                if (remove)
                {
                    o.Remove(p.Name);
                }
                else
                {
                    o[p.Name] = value;
                }
                into.Add(new($"{field}: {what}", copy.ToJsonString(), mustRefuse));
            }
            if (required.Contains(p.Name))
            {
                Add("missing (required)", null, true, remove: true);
                Add("null (required)", null, true);
            }
            if (IsEnum(ps))
            {
                Add("undefined enum number 999", 999, true);
                Add("unknown enum name", "NotAChoice", true);
                Add("enum as number 0", 0, true);
                var names = ps.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).Take(2).ToList();
                if (names.Count == 2)
                {
                    // The built-in reader took "A, B" as a flags combination (or silently as one of them).
                    Add("two enum names", $"{names[0]}, {names[1]}", true);
                }
            }
            else if (Has(ps, "integer") || Has(ps, "number"))
            {
                Add("wrong type (text)", "abc", true);
                if (ps.TryGetProperty("maximum", out var max))
                {
                    Add("above the documented maximum", JsonValue.Create(max.GetDecimal() + 1), true);
                }
                if (ps.TryGetProperty("minimum", out var min))
                {
                    Add("below the documented minimum", JsonValue.Create(min.GetDecimal() - 1), true);
                }
                Add("beyond int32", JsonValue.Create(2147483648L), true);
            }
            else if (Has(ps, "boolean"))
            {
                Add("wrong type (text)", "maybe", true);
            }
            else if (Has(ps, "array"))
            {
                Add("wrong type (text)", "x", true);
                if (obj[p.Name] is JsonArray { Count: > 0 })
                {
                    Mutate(p.Value, root, obj[p.Name]!, field, into, depth + 1);
                }
            }
            else if (ps.TryGetProperty("properties", out _))
            {
                Add("wrong type (number)", 7, true);
                if (obj[p.Name] is JsonObject)
                {
                    Mutate(p.Value, root, obj[p.Name]!, field, into, depth + 1);
                }
            }
            else if (Has(ps, "string"))
            {
                var format = ps.TryGetProperty("format", out var fmt) ? fmt.GetString() : null;
                switch (format)
                {
                    case "date":
                        Add("far past date", "0001-01-01", true);
                        Add("far future date", "9999-12-31", true);
                        Add("not a date", "31/12/2026", true);
                        break;
                    case "date-time":
                        Add("far past instant", "0001-01-01T00:00:00Z", true);
                        Add("far future instant", "9999-12-31T23:59:59Z", true);
                        break;
                    case "time":
                        Add("not a time", "25:61", true);
                        break;
                    case "uuid":
                        Add("not a uuid", "not-a-uuid", true);
                        break;
                    default:
                        Add("wrong type (object)", new JsonObject { ["x"] = 1 }, true);
                        Add($"huge string ({HugeLength} chars)", Huge, ps.TryGetProperty("maxLength", out _) || ps.TryGetProperty("pattern", out _));
                        Add("control characters", "a\u0000b\u0007c\u001b[31m", false);
                        break;
                }
            }
        }
    }

    private static JsonNode? Navigate(JsonNode root, string path)
    {
        var at = root;
        foreach (Match m in PathPart().Matches(path))
        {
            at = m.Groups[1].Success ? at?[m.Groups[1].Value] : at?[int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
        }
        return at;
    }

    [GeneratedRegex(@"^\^\(([A-Za-z0-9_|]+)\)\$$")]
    private static partial Regex Alternatives();

    [GeneratedRegex(@"^\^\\d\{(\d+)\}\$$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")]
    private static partial Regex PathPart();
}

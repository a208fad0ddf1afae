using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Talus.Clinical;

namespace Talus.Web.Features.Settings;

/// <summary>
/// The settings form, generated from the settings record: one field per value (nested records and list items
/// included), with a label, unit, the SPEC default and its source, so a new settings record appears on the form
/// without page changes. Labels and units come from <see cref="SettingAttribute"/> where given, else from the
/// property name. Posted fields are written back into the JSON, which is then checked and saved as any edit.
/// </summary>
public static partial class SettingFields
{
    public enum Kind { Number, YesNo, Text, Choice, List }

    public sealed record Field(string Path, string Label, string? Unit, string Source, string Value, string Default, Kind Kind, string[] Choices)
    {
        public bool Changed => Value != Default;
        /// <summary>The form field name and element id.</summary>
        public string Name => "f." + Path;
        public string Id => "f-" + NonWord().Replace(Path, "-");
    }

    public static IReadOnlyList<Field> Of(SettingDefinition definition, JsonObject value, JsonObject spec)
    {
        var defaults = Leaves(spec).ToDictionary(l => l.Path, l => Show(l.Node), StringComparer.Ordinal);
        return [.. Leaves(value).Select(l =>
        {
            var property = PropertyAt(definition.Type, l.Path);
            var meta = property?.GetCustomAttribute<SettingAttribute>();
            var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var kind = l.Node switch
            {
                JsonArray => Kind.List,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => Kind.YesNo,
                JsonValue v when v.GetValueKind() == JsonValueKind.Number => Kind.Number,
                _ when type is { IsEnum: true } => Kind.Choice,
                _ => Kind.Text,
            };
            return new Field(l.Path, meta?.Label ?? Label(l.Path), meta?.Unit ?? UnitOf(l.Path), meta?.Source ?? definition.Source,
                Show(l.Node), defaults.GetValueOrDefault(l.Path, "—"), kind, kind == Kind.Choice ? Enum.GetNames(type!) : []);
        })];
    }

    /// <summary>Writes the posted fields (name "f.{path}") into a copy of the current JSON; a value of the wrong kind is an error by path.</summary>
    public static (JsonObject Json, Dictionary<string, string[]> Errors) Apply(JsonObject current, IEnumerable<KeyValuePair<string, string>> posted)
    {
        var json = current.DeepClone().AsObject();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var form = posted.Where(p => p.Key.StartsWith("f.", StringComparison.Ordinal)).ToDictionary(p => p.Key[2..], p => p.Value.Trim(), StringComparer.Ordinal);
        foreach (var leaf in Leaves(json).ToList())
        {
            if (!form.TryGetValue(leaf.Path, out var text))
            {
                continue;
            }
            var parsed = Parse(leaf.Node, text);
            if (parsed is null)
            {
                errors[leaf.Path] = [leaf.Node is JsonArray ? "Give the values separated by commas." : leaf.Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                    ? "Enter a number." : "Choose a value."];
                continue;
            }
            leaf.Set(parsed);
        }
        return (json, errors);
    }

    private static JsonNode? Parse(JsonNode? original, string text)
    {
        switch (original)
        {
            case JsonArray a:
                var items = text.Length == 0 ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var numbers = a.Count > 0 ? a[0] is JsonValue first && first.GetValueKind() == JsonValueKind.Number : items.All(i => decimal.TryParse(i, NumberStyles.Number, CultureInfo.InvariantCulture, out _));
                var result = new JsonArray();
                foreach (var item in items)
                {
                    if (numbers)
                    {
                        if (!decimal.TryParse(item, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
                        {
                            return null;
                        }
                        result.Add(JsonValue.Create(n));
                    }
                    else
                    {
                        result.Add(JsonValue.Create(item));
                    }
                }
                return result;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return text switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => null };
            default:
                return JsonValue.Create(text);
        }
    }

    private sealed record Leaf(string Path, JsonNode? Node, Action<JsonNode?> Set);

    /// <summary>Every editable value: scalars and lists of scalars, at any depth (list items of records by index).</summary>
    private static IEnumerable<Leaf> Leaves(JsonNode? node, string path = "", Action<JsonNode?>? set = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    foreach (var leaf in Leaves(child, path.Length == 0 ? key : $"{path}.{key}", v => o[key] = v))
                    {
                        yield return leaf;
                    }
                }
                break;
            case JsonArray a when a.Any(x => x is JsonObject or JsonArray):
                for (var i = 0; i < a.Count; i++)
                {
                    var index = i;
                    foreach (var leaf in Leaves(a[i], $"{path}[{i}]", v => a[index] = v))
                    {
                        yield return leaf;
                    }
                }
                break;
            default:
                if (set is not null)
                {
                    yield return new Leaf(path, node, set);
                }
                break;
        }
    }

    private static string Show(JsonNode? node) => node switch
    {
        JsonArray a => string.Join(", ", a.Select(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : x?.ToJsonString())),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
        null => "",
        _ => node.ToJsonString(),
    };

    /// <summary>The CLR property a JSON path names (camelCase, list items by index, dictionary values by key).</summary>
    private static PropertyInfo? PropertyAt(Type root, string path)
    {
        var type = root;
        PropertyInfo? property = null;
        foreach (var segment in path.Split('.'))
        {
            var name = IndexPart().Replace(segment, "");
            property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                var dictionaryValue = type.IsGenericType && type.GetGenericArguments().Length == 2 ? type.GetGenericArguments()[1] : null;
                if (dictionaryValue is null)
                {
                    return null;
                }
                type = dictionaryValue;
                continue;
            }
            type = property.PropertyType;
            if (segment.Contains('[') || (type != typeof(string) && type.IsArray))
            {
                type = type.IsArray ? type.GetElementType()! : type.IsGenericType ? type.GetGenericArguments()[^1] : type;
            }
        }
        return property;
    }

    /// <summary>"washouts.intraArticularSteroidWashoutDays" → "Intra articular steroid washout days".</summary>
    private static string Label(string path)
    {
        var last = IndexPart().Replace(path.Split('.')[^1], "");
        var words = Words().Replace(last, " $1").Trim().ToLowerInvariant();
        var context = path.Contains('.') ? IndexPart().Replace(path.Split('.')[^2], m => " " + (int.Parse(m.Value.Trim('[', ']'), CultureInfo.InvariantCulture) + 1)) : null;
        var label = char.ToUpperInvariant(words[0]) + words[1..];
        return context is null ? label : $"{label} ({Words().Replace(context, " $1").Trim().ToLowerInvariant()})";
    }

    private static string? UnitOf(string path)
    {
        var last = IndexPart().Replace(path.Split('.')[^1], "");
        foreach (var (suffix, unit) in Units)
        {
            if (last.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return unit;
            }
        }
        return null;
    }

    private static readonly (string Suffix, string Unit)[] Units =
    [
        ("Days", "days"), ("Day", "day"), ("Months", "months"), ("Years", "years"), ("Hours", "hours"), ("Minutes", "minutes"),
        ("Weeks", "weeks"), ("Degrees", "°"), ("Percent", "%"), ("Cents", "cents (USD)"), ("Age", "years"), ("Nrs", "points of 10"),
        ("Vas", "mm of 100"), ("Mm", "mm"),
    ];

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPart();

    [GeneratedRegex("(?<!^)([A-Z][a-z0-9]*)")]
    private static partial Regex Words();

    [GeneratedRegex(@"[^A-Za-z0-9]")]
    private static partial Regex NonWord();
}

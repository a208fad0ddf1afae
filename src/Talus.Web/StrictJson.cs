using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Talus.Web;

/// <summary>
/// Stricter JSON reading for the clinical rule types (Talus.Clinical and the clinical-rules requests): a
/// positional parameter without a default must be present, and null is refused where the type says "not null".
/// A rule then never sees a silently defaulted enum or a null list. Other types keep the lenient reading, where
/// DataAnnotations name null fields, but a [Required] field left out is refused (it would otherwise take its default).
/// </summary>
public static partial class StrictJson
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static void Apply(JsonSerializerOptions options)
    {
        options.RespectNullableAnnotations = true;
        // A positional record's parameter without a default is required, as the OpenAPI document says: left out, it
        // would silently take its default (reminder preferences without "optedIn" opted the patient out).
        options.RespectRequiredConstructorParameters = true;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modify);
    }

    public static bool IsStrict(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("Talus.Clinical", StringComparison.Ordinal) || ns.StartsWith("Talus.Web.Features.ClinicalRules", StringComparison.Ordinal));

    private static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var strict = IsStrict(info.Type);
        foreach (var p in info.Properties)
        {
            if (!strict)
            {
                // Lenient as before: a null reaches the DataAnnotations, which name the field.
                if (!p.PropertyType.IsValueType)
                {
                    p.IsSetNullable = true;
                    p.IsGetNullable = true;
                }
                // A [Required] field whose default would pass as a value must be sent: left out, it would silently take
                // that default (a staff update without "role" demoted a clinician; reminder preferences without "optedIn"
                // opted out). A field that defaults to null is left to the DataAnnotations, which name every bad field at once.
                if (p.AttributeProvider is PropertyInfo rp
                    && rp.IsDefined(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute), inherit: true)
                    && DefaultPassesAsValue(info.Type, rp))
                {
                    p.IsRequired = true;
                }
                continue;
            }
            if (p.AssociatedParameter is { HasDefaultValue: false })
            {
                p.IsRequired = true;
            }
            lock (Nullability)
            {
                if (p.AttributeProvider is PropertyInfo pi && !pi.PropertyType.IsValueType)
                {
                    p.IsSetNullable = Nullability.Create(pi).WriteState != NullabilityState.NotNull;
                }
            }
        }
    }

    /// <summary>Whether a new instance already holds a value in this property (so "left out" cannot be told from "sent").</summary>
    private static bool DefaultPassesAsValue(Type type, PropertyInfo property)
    {
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null;
        }
        // An empty list left out stays empty: the use case's own "at least one" rule names it with the other fields.
        var value = property.GetValue(Activator.CreateInstance(type));
        return value is not null && value is not "" && value is not System.Collections.ICollection { Count: 0 };
    }

    /// <summary>The field-named errors for unreadable JSON: missing required properties, nulls, wrong types.</summary>
    public static Dictionary<string, string[]> Describe(JsonException json)
    {
        var at = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : json.Path.TrimStart('$', '.');
        var message = json.Message;
        var errors = new Dictionary<string, string[]>();
        var missing = message.IndexOf("missing required properties", StringComparison.Ordinal);
        if (missing >= 0)
        {
            foreach (Match m in Quoted().Matches(message[missing..]))
            {
                var field = at.Length == 0 ? m.Groups[1].Value : $"{at}.{m.Groups[1].Value}";
                errors[field] = [$"'{field}' is required."];
            }
            if (errors.Count > 0)
            {
                return errors;
            }
        }
        var name = at.Length == 0 ? "body" : at;
        errors[name] = [message.Contains("null values", StringComparison.Ordinal)
            ? $"'{name}' is required and cannot be null."
            : $"The value of '{name}' is not valid here (wrong type, unknown choice or malformed date)."];
        return errors;
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}

/// <summary>
/// Enums as exactly one defined name. The built-in string-enum converter also reads "Female, Male" (a flags combination,
/// or silently the last name) and digits in quotes; this one reads one name of the enum (any letter case) and nothing
/// else, and writes the name. The OpenAPI document still shows the names (see <c>OpenApiSetup</c>).
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OneName<>).MakeGenericType(typeToConvert))!;

    /// <summary>The defined names of an enum, by name (any letter case).</summary>
    public static IReadOnlyDictionary<string, object> Names(Type enumType) => Cache.GetOrAdd(enumType, t =>
        Enum.GetNames(t).ToDictionary(n => n, n => Enum.Parse(t, n), StringComparer.OrdinalIgnoreCase));

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, object>> Cache = new();

    private sealed class OneName<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Expected one of the names of {typeof(T).Name}.");
            }
            var name = reader.GetString();
            return name is not null && Names(typeof(T)).TryGetValue(name, out var value)
                ? (T)value
                : throw new JsonException($"'{name}' is not one of the names of {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}

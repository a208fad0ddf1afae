using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Talus.Web.Shared;

/// <summary>
/// The one check of a use case's input, run by the use case itself (pages and endpoints call the use case and
/// re-check nothing): every DataAnnotation on the input and on the objects and lists inside it, every enum value
/// defined, every date inside the range the practice can use, no control characters in text. Field names are camelCase JSON paths.
/// </summary>
public static class InputCheck
{
    /// <summary>Dates a clinic record or booking can carry; anything outside is a typo or an attack.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2200, 12, 31);

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>The field errors of <paramref name="input"/>, or null when it is valid.</summary>
    public static Failure? Validate(object? input)
    {
        var errors = new FieldErrors();
        if (input is null)
        {
            errors.Add("body", "A request body is required.");
            return errors.ToFailure();
        }
        Walk(input, "", errors, 0);
        return errors.ToFailure();
    }

    private static void Walk(object value, string path, FieldErrors errors, int depth)
    {
        if (depth > 8)
        {
            return;
        }
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var r in results)
        {
            var members = r.MemberNames.Any() ? r.MemberNames : [""];
            foreach (var m in members)
            {
                errors.Add(Join(path, Camel(m)), r.ErrorMessage ?? "Not valid.");
            }
        }
        foreach (var p in Properties.GetOrAdd(value.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray()))
        {
            var field = Join(path, Camel(p.Name));
            var v = p.GetValue(value);
            switch (v)
            {
                case null:
                    break;
                case string text:
                    if (text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
                    {
                        errors.Add(field, "The text contains control characters. Please remove them.");
                    }
                    break;
                case Enum e:
                    if (!Enum.IsDefined(e.GetType(), e))
                    {
                        errors.Add(field, $"'{e}' is not one of the choices for {Camel(p.Name)}.");
                    }
                    break;
                case DateOnly d:
                    CheckDate(d, field, errors);
                    break;
                case DateTime dt:
                    CheckDate(DateOnly.FromDateTime(dt), field, errors);
                    break;
                case DateTimeOffset dto:
                    CheckDate(DateOnly.FromDateTime(dto.UtcDateTime), field, errors);
                    break;
                case IEnumerable list when IsModel(p.PropertyType) is false:
                    var i = 0;
                    foreach (var item in list)
                    {
                        var at = $"{field}[{i++}]";
                        if (item is null)
                        {
                            continue;
                        }
                        if (item is Enum ie && !Enum.IsDefined(ie.GetType(), ie))
                        {
                            errors.Add(at, $"'{ie}' is not one of the choices.");
                        }
                        else if (IsModel(item.GetType()))
                        {
                            Walk(item, at, errors, depth + 1);
                        }
                    }
                    break;
                default:
                    if (IsModel(v.GetType()))
                    {
                        Walk(v, field, errors, depth + 1);
                    }
                    break;
            }
        }
    }

    private static void CheckDate(DateOnly d, string field, FieldErrors errors)
    {
        if (d < Earliest || d > Latest)
        {
            errors.Add(field, $"The date must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
        }
    }

    /// <summary>An input type of the project's own (not a framework or primitive type).</summary>
    private static bool IsModel(Type t) =>
        t.Namespace is { } ns && ns.StartsWith("Talus", StringComparison.Ordinal) && !t.IsEnum && t.IsClass;

    private static string Join(string path, string name) => path.Length == 0 ? name : name.Length == 0 ? path : $"{path}.{name}";

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

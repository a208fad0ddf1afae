using Microsoft.AspNetCore.Components.Forms;

namespace Talus.Web.Shared;

/// <summary>Collects field errors in the order they are found (field names are camelCase JSON paths).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>The failure to return when any error was found, else null.</summary>
    public Failure? ToFailure() => Any ? Outcome.Invalid(ToDictionary()) : null;
}

/// <summary>The one mapping of field errors to forms: each message beside the field it names.</summary>
public static class FormErrors
{
    /// <summary>
    /// Puts errors named "field", "list[i].field" or "child.field" (camelCase JSON paths, as the use cases name them)
    /// beside the matching form fields; names that match no property go to the form as a whole (model-level).
    /// </summary>
    public static void Show(EditContext context, ValidationMessageStore store, IReadOnlyDictionary<string, string[]> errors)
    {
        store.Clear();
        foreach (var (key, messages) in errors)
        {
            store.Add(Locate(context.Model, key), messages);
        }
        context.NotifyValidationStateChanged();
    }

    /// <summary>The model object and property a JSON path names; the model itself when the path leads nowhere.</summary>
    public static FieldIdentifier Locate(object model, string path)
    {
        var target = model;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = Pascal(bracket >= 0 ? part[..bracket] : part);
            var property = target.GetType().GetProperty(name);
            if (property is null)
            {
                return new FieldIdentifier(model, string.Empty);
            }
            if (i == parts.Length - 1 && bracket < 0)
            {
                return new FieldIdentifier(target, name);
            }
            var value = property.GetValue(target);
            if (bracket >= 0 && value is System.Collections.IList list
                && int.TryParse(part[(bracket + 1)..part.IndexOf(']', StringComparison.Ordinal)], out var index)
                && index >= 0 && index < list.Count)
            {
                value = list[index];
            }
            if (value is null)
            {
                return new FieldIdentifier(target, name);
            }
            if (i == parts.Length - 1)
            {
                return new FieldIdentifier(target, name);
            }
            target = value;
        }
        return new FieldIdentifier(model, string.Empty);
    }

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}

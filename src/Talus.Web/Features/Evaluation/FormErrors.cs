using Microsoft.AspNetCore.Components.Forms;

namespace Talus.Web.Features.Evaluation;

/// <summary>Puts rule errors named "Field" or "List[i].Field" beside the matching form fields.</summary>
public static class FormErrors
{
    public static void Show(EditContext context, ValidationMessageStore store, object model, Dictionary<string, string[]> errors,
        Func<int, object?>? item = null)
    {
        store.Clear();
        foreach (var (key, messages) in errors)
        {
            var target = model;
            var field = key;
            var bracket = key.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0 && item is not null && key.IndexOf("].", StringComparison.Ordinal) is var close and > 0
                && int.TryParse(key[(bracket + 1)..close], out var index) && item(index) is { } child)
            {
                target = child;
                field = key[(close + 2)..];
            }
            store.Add(new FieldIdentifier(target, field), messages);
        }
        context.NotifyValidationStateChanged();
    }
}

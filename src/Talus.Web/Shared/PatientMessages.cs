using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Talus.Web.Shared;

/// <summary>
/// Validation messages on patient forms in the patient's language. The use cases answer in English (the API's language);
/// each message a patient form can show has a "Val_" resource whose English value is that message ({0}… where it
/// carries a value) and whose Spanish value is its translation. The framework's own messages (a required field, a
/// number or date that cannot be read) map to plain ones. On a Spanish page a message with no resource becomes a plain
/// "check this" rather than English.
/// </summary>
public static partial class PatientMessages
{
    private static readonly Lazy<(Regex Pattern, string Key)[]> Known = new(() =>
    {
        var english = new System.Resources.ResourceManager("Talus.Web.Resources.PatientText", typeof(PatientText).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        return [.. english.Cast<DictionaryEntry>()
            .Where(e => e.Key is string k && k.StartsWith("Val_", StringComparison.Ordinal) && e.Value is string)
            .Select(e => (new Regex("^" + Placeholder().Replace(Regex.Escape((string)e.Value!), "(.+?)") + "$", RegexOptions.CultureInvariant), (string)e.Key))
            .OrderByDescending(e => e.Item1.ToString().Length)];
    });

    /// <summary>The framework's English messages (DataAnnotations defaults, form binding, Blazor inputs) and what they mean.</summary>
    private static readonly (Regex Pattern, string Key)[] Framework =
    [
        (new(@"^The .+ field is required\.$"), "Val_Required"),
        (new(@"^The (?:.+ field|field .+) must be a number\.$"), "Val_Number"),
        (new(@"^The (?:.+ field|field .+) must be a date\.$"), "Val_Date"),
        (new(@"^The value '.*' is not valid for .+\.$"), "Val_NotValid"),
        (new(@"^The field .+ must be a string with a (?:minimum|maximum) length of .+\.$"), "Val_Length"),
        (new(@"^The field .+ must be between .+ and .+\.$"), "Val_Range"),
    ];

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The message as the patient reads it: unchanged in English, else translated (or a plain "check this").</summary>
    public static string Of(string message)
    {
        if (English)
        {
            return message;
        }
        foreach (var (pattern, key) in Known.Value)
        {
            if (pattern.Match(message) is { Success: true } m)
            {
                return PatientText.Say(key, [.. m.Groups.Values.Skip(1).Select(g => (object)g.Value)]);
            }
        }
        foreach (var (pattern, key) in Framework)
        {
            if (pattern.IsMatch(message))
            {
                return PatientText.Say(key);
            }
        }
        return PatientText.Say("Val_Check");
    }

    /// <summary>Every message of a use case's field errors, as the patient reads it.</summary>
    public static Dictionary<string, string[]> Of(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(Of).ToArray());

    [GeneratedRegex(@"\\\{\d+\}")]
    private static partial Regex Placeholder();
}

namespace Talus.Web;

/// <summary>Marker for the patient-facing text resources (Resources/PatientText.resx, .es.resx).</summary>
public sealed class PatientText
{
    private static readonly System.Resources.ResourceManager Resources =
        new("Talus.Web.Resources.PatientText", typeof(PatientText).Assembly);

    /// <summary>The English text of a key, for pages that staff see in English whatever language is chosen.</summary>
    public static string English(string key) =>
        Resources.GetString(key, System.Globalization.CultureInfo.InvariantCulture) ?? key;

    /// <summary>
    /// Composes text in a patient's language (an email queued while someone else's request runs, a signed document),
    /// then restores the culture. Dates and money follow it too: the culture PatientLanguage sets for a request.
    /// </summary>
    public static T In<T>(string? language, Func<System.Globalization.CultureInfo, T> compose)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        var previousFormat = System.Globalization.CultureInfo.CurrentCulture;
        var culture = Features.Language.PatientLanguage.CultureOf(language);
        System.Globalization.CultureInfo.CurrentUICulture = culture;
        System.Globalization.CultureInfo.CurrentCulture = culture;
        try
        {
            return compose(culture);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
            System.Globalization.CultureInfo.CurrentCulture = previousFormat;
        }
    }

    /// <summary>The text of a key in the current UI culture, its {0}… filled in the current culture (documents built outside a page).</summary>
    public static string Say(string key, params object[] args)
    {
        var text = Resources.GetString(key, System.Globalization.CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? text : string.Format(System.Globalization.CultureInfo.CurrentCulture, text, args);
    }
}

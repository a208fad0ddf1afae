namespace Talus.Web;

/// <summary>Marker for the patient-facing text resources (Resources/PatientText.resx, .es.resx).</summary>
public sealed class PatientText
{
    private static readonly System.Resources.ResourceManager Resources =
        new("Talus.Web.Resources.PatientText", typeof(PatientText).Assembly);

    /// <summary>The English text of a key, for pages that staff see in English whatever language is chosen.</summary>
    public static string English(string key) =>
        Resources.GetString(key, System.Globalization.CultureInfo.InvariantCulture) ?? key;

    /// <summary>Composes text in a patient's language (an email queued while someone else's request runs), then restores the culture.</summary>
    public static T In<T>(string? language, Func<System.Globalization.CultureInfo, T> compose)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language is "es" ? "es" : "en-US");
        System.Globalization.CultureInfo.CurrentUICulture = culture;
        try
        {
            return compose(culture);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}

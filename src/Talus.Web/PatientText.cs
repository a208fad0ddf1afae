namespace Talus.Web;

/// <summary>Marker for the patient-facing text resources (Resources/PatientText.resx, .es.resx).</summary>
public sealed class PatientText
{
    private static readonly System.Resources.ResourceManager Resources =
        new("Talus.Web.Resources.PatientText", typeof(PatientText).Assembly);

    /// <summary>The English text of a key, for pages that staff see in English whatever language is chosen.</summary>
    public static string English(string key) =>
        Resources.GetString(key, System.Globalization.CultureInfo.InvariantCulture) ?? key;
}

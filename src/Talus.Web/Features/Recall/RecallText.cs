namespace Talus.Web.Features.Recall;

/// <summary>Staff labels used by the recall pages.</summary>
public static class RecallText
{
    public static string Language(string code) => code switch
    {
        "en" => "English",
        "es" => "Spanish",
        _ => code,
    };

    public static string Source(Talus.Clinical.TissueSource source) =>
        source == Talus.Clinical.TissueSource.Allogeneic ? "Donor (allogeneic)" : "Patient's own (autologous)";
}

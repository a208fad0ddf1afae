namespace Talus.Web;

/// <summary>Marker for the patient-facing text resources (Resources/PatientText.resx, .es.resx).</summary>
public sealed class PatientText;

namespace Talus.Clinical;

/// <summary>
/// Why a rule decided what it did: the rule code (e.g. "A1", "R2", "W-STEROID"), the clinician wording,
/// the plain-language wording for the patient, and the source of the rule (a SPEC section and citation).
/// </summary>
public sealed record Reason(string Code, string ClinicianText, string PatientText, string Source);

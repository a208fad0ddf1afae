using Talus.Web.Data;

namespace Talus.Web.Features.Patients;

/// <summary>A patient as the REST API shows it.</summary>
public sealed record PatientSummary(Guid Id, string Mrn, string GivenName, string FamilyName, DateOnly BirthDate, Sex Sex,
    string? Phone, string? Email, string PreferredLanguage, int? PreferredLocationId, Guid Version)
{
    public static PatientSummary From(Patient p) => new(p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex,
        p.Phone, p.Email, p.PreferredLanguage, p.PreferredLocationId, p.Version);
}

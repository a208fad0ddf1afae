using System.Globalization;
using Hl7.Fhir.Model;
using Talus.Web.Fhir;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Patients;

/// <summary>
/// FHIR Patient create: the resource becomes a <see cref="PatientInput"/> and goes through <see cref="SavePatient.RegisterAsync"/>,
/// the same registration as the form and the REST API (same checks; Talus assigns the MRN).
/// </summary>
public static class PatientFhirWrite
{
    public static readonly FhirCreatable Create = new("Patient", Auth.Policies.PatientEnter, CreateAsync, Expression);

    /// <summary>The registration input a FHIR Patient carries: official (else first) name, gender, birth date, first phone, email and address, preferred language.</summary>
    public static Outcome<PatientInput> ToInput(this Hl7.Fhir.Model.Patient p)
    {
        var name = p.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? p.Name.FirstOrDefault();
        DateOnly? birth = null;
        if (p.BirthDate is { } b)
        {
            if (!DateOnly.TryParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return Outcome.Invalid("birthDate", "Give the full birth date (YYYY-MM-DD).");
            }
            birth = d;
        }
        var address = p.Address.FirstOrDefault();
        var language = p.Communication.FirstOrDefault(c => c.Preferred == true) ?? p.Communication.FirstOrDefault();
        var code = language?.Language?.Coding.FirstOrDefault()?.Code;
        return new PatientInput
        {
            GivenName = name?.Given.FirstOrDefault() ?? "",
            FamilyName = name?.Family ?? "",
            BirthDate = birth,
            Sex = p.Gender switch
            {
                AdministrativeGender.Female => Data.Sex.Female,
                AdministrativeGender.Male => Data.Sex.Male,
                AdministrativeGender.Other => Data.Sex.Other,
                AdministrativeGender.Unknown => Data.Sex.Unknown,
                _ => null,
            },
            Phone = p.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            Email = p.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
            AddressLine = address?.Line.FirstOrDefault(),
            City = address?.City,
            State = address?.State,
            PostalCode = address?.PostalCode,
            // BCP 47: "es-US" is Spanish; a language Talus does not offer is refused by the input check.
            PreferredLanguage = code is null ? "en" : code.Split('-')[0].ToLowerInvariant(),
        };
    }

    private static string Expression(string field) => field switch
    {
        "givenName" => "Patient.name[0].given[0]",
        "familyName" => "Patient.name[0].family",
        "birthDate" => "Patient.birthDate",
        "sex" => "Patient.gender",
        "phone" => "Patient.telecom.where(system='phone')",
        "email" => "Patient.telecom.where(system='email')",
        "addressLine" => "Patient.address[0].line[0]",
        "city" => "Patient.address[0].city",
        "state" => "Patient.address[0].state",
        "postalCode" => "Patient.address[0].postalCode",
        "preferredLanguage" => "Patient.communication[0].language",
        _ => "Patient",
    };

    private static async Task<Outcome<FhirFound>> CreateAsync(FhirWrite write, Resource resource)
    {
        var input = ((Hl7.Fhir.Model.Patient)resource).ToInput();
        if (!input.IsOk)
        {
            return input.Failure!;
        }
        var saved = await SavePatient.RegisterAsync(input.Value!, write.Db, write.Clock, write.Ct);
        return saved.Value is { } p ? new FhirFound(p.ToFhir(write.Systems), p.Id) : saved.Failure!;
    }
}

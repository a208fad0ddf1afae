using Hl7.Fhir.Utility;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Fhir;
using Patient = Talus.Web.Data.Patient;

namespace Talus.Web.Features.Patients;

/// <summary>Patient as FHIR R4, aligned with US Core Patient: MRN identifier in the practice's system, name, gender, birth date.</summary>
public static class PatientFhir
{
    public static readonly FhirType Type = new("Patient", Auth.Policies.FhirRecord,
        [
            new("identifier", SearchParamType.Token, "MRN: system|value or value."),
            new("name", SearchParamType.String, "Family or given name starts with (case-insensitive)."),
            new("family", SearchParamType.String, "Family name starts with (case-insensitive)."),
            new("given", SearchParamType.String, "Given name starts with (case-insensitive)."),
            new("birthdate", SearchParamType.Date, "Birth date, with prefixes."),
            new("gender", SearchParamType.Token, "male | female | other | unknown."),
        ],
        ReadAsync, SearchAsync);

    private const string IdentifierTypes = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private const string MedicalRecordNumber = "MR";
    private const string MedicalRecordNumberText = "Medical record number";
    private const string Bcp47 = "urn:ietf:bcp:47";

    private static AdministrativeGender Gender(Data.Sex sex) => sex switch
    {
        Data.Sex.Female => AdministrativeGender.Female,
        Data.Sex.Male => AdministrativeGender.Male,
        Data.Sex.Other => AdministrativeGender.Other,
        _ => AdministrativeGender.Unknown,
    };

    public static Hl7.Fhir.Model.Patient ToFhir(this Patient p, FhirSystems systems)
    {
        var patient = new Hl7.Fhir.Model.Patient
        {
            Id = p.Id.ToString(),
            Identifier =
            [
                new Identifier(systems.Mrn, p.Mrn)
                {
                    Use = Identifier.IdentifierUse.Usual,
                    Type = new CodeableConcept(IdentifierTypes, MedicalRecordNumber, MedicalRecordNumberText),
                },
            ],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = p.FamilyName, Given = [p.GivenName] }],
            Gender = Gender(p.Sex),
            BirthDate = p.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Communication = [new Hl7.Fhir.Model.Patient.CommunicationComponent { Language = new CodeableConcept(Bcp47, p.PreferredLanguage), Preferred = true }],
        };
        if (!string.IsNullOrWhiteSpace(p.Phone))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, p.Phone));
        }
        if (!string.IsNullOrWhiteSpace(p.Email))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, p.Email));
        }
        if (!string.IsNullOrWhiteSpace(p.AddressLine) || !string.IsNullOrWhiteSpace(p.City))
        {
            patient.Address.Add(new Address
            {
                Line = string.IsNullOrWhiteSpace(p.AddressLine) ? [] : [p.AddressLine],
                City = p.City, State = p.State, PostalCode = p.PostalCode, Country = "US",
            });
        }
        return patient;
    }

    /// <summary>
    /// The same Patient as <see cref="ToFhir"/>, written straight into a search Bundle without building the Firely
    /// resource (decision 0017, fifth addendum); PatientJsonTests compares the two.
    /// </summary>
    public static IFhirJsonResource ToJson(this Patient p, FhirSystems systems) => new PatientJson(p, systems);

    private sealed class PatientJson(Patient p, FhirSystems systems) : IFhirJsonResource
    {
        public string TypeName => "Patient";
        public string Id { get; } = p.Id.ToString();
        public Resource ToPoco() => p.ToFhir(systems);

        // Elements in the order of the R4 definition, as Firely writes them.
        public void Write(System.Text.Json.Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("resourceType", TypeName);
            w.WriteString("id", Id);
            w.WriteStartArray("identifier");
            w.WriteStartObject();
            w.WriteString("use", "usual");
            w.WritePropertyName("type");
            w.WriteStartObject();
            w.WriteStartArray("coding");
            w.WriteStartObject();
            w.WriteString("system", IdentifierTypes);
            w.WriteString("code", MedicalRecordNumber);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("text", MedicalRecordNumberText);
            w.WriteEndObject();
            w.WriteString("system", systems.Mrn);
            w.WriteString("value", p.Mrn);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("name");
            w.WriteStartObject();
            w.WriteString("use", "official");
            w.WriteString("family", p.FamilyName);
            w.WriteStartArray("given");
            w.WriteStringValue(p.GivenName);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            var phone = !string.IsNullOrWhiteSpace(p.Phone);
            var email = !string.IsNullOrWhiteSpace(p.Email);
            if (phone || email)
            {
                w.WriteStartArray("telecom");
                if (phone)
                {
                    w.WriteStartObject();
                    w.WriteString("system", "phone");
                    w.WriteString("value", p.Phone);
                    w.WriteString("use", "home");
                    w.WriteEndObject();
                }
                if (email)
                {
                    w.WriteStartObject();
                    w.WriteString("system", "email");
                    w.WriteString("value", p.Email);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteString("gender", Gender(p.Sex).GetLiteral());
            w.WriteString("birthDate", p.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (!string.IsNullOrWhiteSpace(p.AddressLine) || !string.IsNullOrWhiteSpace(p.City))
            {
                w.WriteStartArray("address");
                w.WriteStartObject();
                if (!string.IsNullOrWhiteSpace(p.AddressLine))
                {
                    w.WriteStartArray("line");
                    w.WriteStringValue(p.AddressLine);
                    w.WriteEndArray();
                }
                FhirJsonWrite.String(w, "city", p.City);
                FhirJsonWrite.String(w, "state", p.State);
                FhirJsonWrite.String(w, "postalCode", p.PostalCode);
                w.WriteString("country", "US");
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteStartArray("communication");
            w.WriteStartObject();
            w.WritePropertyName("language");
            FhirJsonWrite.Concept(w, Bcp47, p.PreferredLanguage);
            w.WriteBoolean("preferred", true);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

    }

    private static async Task<FhirFound?> ReadAsync(FhirRequest request, string id) =>
        Guid.TryParse(id, out var patientId)
        && await request.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, request.Ct) is { } p
            ? new FhirFound(p.ToFhir(request.Systems), p.Id)
            : null;

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Patients.AsNoTracking();
        if (query.GuidIds() is { } ids)
        {
            rows = rows.Where(p => ids.Contains(p.Id));
        }
        if (query.Patient is { } only)
        {
            rows = rows.Where(p => p.Id == only);
        }
        if (query.Tokens("identifier") is { } mrns)
        {
            var values = mrns.Where(t => t.System is null || t.System == request.Systems.Mrn).Select(t => t.Code).ToList();
            rows = rows.Where(p => values.Contains(p.Mrn));
        }
        var binary = Data.Database.IsSqlite(request.Db);
        if (query.String("name") is { } name)
        {
            var key = name.Trim().ToUpperInvariant();
            var end = Patient.KeyEnd(key);
            // On SQLite a prefix as a byte range [key, Patient.KeyEnd(key)) uses the name index (with a skip-scan for the given
            // name); LIKE cannot, and walked the whole table for every search. PostgreSQL's C-collated LIKE 'key%' is a range.
            rows = binary
                ? rows.Where(p => (p.FamilyNameKey.CompareTo(key) >= 0 && p.FamilyNameKey.CompareTo(end) < 0)
                    || (p.GivenNameKey.CompareTo(key) >= 0 && p.GivenNameKey.CompareTo(end) < 0))
                : rows.Where(p => p.FamilyNameKey.StartsWith(key) || p.GivenNameKey.StartsWith(key));
        }
        if (query.String("family") is { } family)
        {
            var key = family.Trim().ToUpperInvariant();
            var end = Patient.KeyEnd(key);
            rows = binary ? rows.Where(p => p.FamilyNameKey.CompareTo(key) >= 0 && p.FamilyNameKey.CompareTo(end) < 0) : rows.Where(p => p.FamilyNameKey.StartsWith(key));
        }
        if (query.String("given") is { } given)
        {
            var key = given.Trim().ToUpperInvariant();
            var end = Patient.KeyEnd(key);
            rows = binary ? rows.Where(p => p.GivenNameKey.CompareTo(key) >= 0 && p.GivenNameKey.CompareTo(end) < 0) : rows.Where(p => p.GivenNameKey.StartsWith(key));
        }
        if (query.Tokens("gender") is { } genders)
        {
            var sexes = genders.Select(g => g.Code switch
            {
                "female" => Data.Sex.Female, "male" => Data.Sex.Male, "other" => Data.Sex.Other, "unknown" => Data.Sex.Unknown, _ => (Data.Sex)(-1),
            }).ToList();
            rows = rows.Where(p => sexes.Contains(p.Sex));
        }
        rows = query.WhereDates(rows, "birthdate", p => p.BirthDate);
        var page = await query.Page(rows, p => p.BirthDate, p => p.Id).ToListAsync(request.Ct);
        return FhirPage.From(page, query, p => query.CursorOf(p.BirthDate, p.Id), p => new FhirFound(p.ToJson(request.Systems), p.Id));
    }
}

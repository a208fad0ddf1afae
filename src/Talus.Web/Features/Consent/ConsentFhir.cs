using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Fhir;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Consent;

/// <summary>
/// Consent packets as FHIR R4 Consent (SPEC §8.5): scope treatment, category LOINC 59284-0 (consent document), the
/// template version as the policy; a signed packet is active, a superseded one inactive, one awaiting signature proposed.
/// </summary>
public static class ConsentFhir
{
    public static readonly FhirType Type = new("Consent", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("status", SearchParamType.Token, "proposed | active | inactive."),
            new("date", SearchParamType.Date, "Date signed (or prepared), with prefixes."),
        ],
        ReadAsync, SearchAsync);

    public static Hl7.Fhir.Model.Consent.ConsentState StatusOf(ConsentStatus s) => s switch
    {
        ConsentStatus.Signed => Hl7.Fhir.Model.Consent.ConsentState.Active,
        ConsentStatus.Superseded => Hl7.Fhir.Model.Consent.ConsentState.Inactive,
        _ => Hl7.Fhir.Model.Consent.ConsentState.Proposed,
    };

    public static Hl7.Fhir.Model.Consent ToFhir(this ConsentPacket c, FhirSystems systems) => new()
    {
        Id = c.Id.ToString(),
        Status = StatusOf(c.Status),
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment"),
        Category = [new CodeableConcept(FhirSystems.Loinc, "59284-0", "Consent Document")],
        Patient = new ResourceReference($"Patient/{c.PatientId}"),
        DateTime = new DateTimeOffset(DateTime.SpecifyKind(c.SignedAt ?? c.PreparedAt, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        Policy = [new Hl7.Fhir.Model.Consent.PolicyComponent { Uri = $"{systems.Base}/consent-template/{c.TemplateId}/{c.TemplateVersion}" }],
        Provision = new Hl7.Fhir.Model.Consent.provisionComponent
        {
            Type = Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit,
            Code = [new CodeableConcept(systems.CodeSystem("injection-product"), c.Product.ToString(), Labels.Of(c.Product))],
        },
    };

    private static Task<FhirFound?> ReadAsync(FhirRequest request, string id) =>
        request.FindAsync(request.Db.ConsentPackets.AsNoTracking(), id, c => c.ToFhir(request.Systems));

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Searched(request.Db.ConsentPackets.AsNoTracking(), query);
        if (query.Tokens("status") is { } statuses)
        {
            var wanted = Enum.GetValues<ConsentStatus>().Where(s => statuses.Any(t => t.Code == Hl7.Fhir.Utility.EnumUtility.GetLiteral(StatusOf(s)))).ToList();
            rows = rows.Where(c => wanted.Contains(c.Status));
        }
        foreach (var d in query.Dates("date"))
        {
            rows = rows.Where(d.Matches<ConsentPacket, DateTime>(c => c.SignedAt ?? c.PreparedAt, t => t, t => t));
        }
        return await request.PageAsync(rows, query, c => c.SignedAt ?? c.PreparedAt, c => c.ToFhir(request.Systems));
    }
}

using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Billing;

/// <summary>
/// Each version of an episode estimate as a FHIR R4 Claim with use=predetermination (SPEC §8.5: the GFE per Da Vinci
/// PCT is a Claim with use predetermination; decision record 0011): the service lines with their codes, quantity,
/// unit price and net in USD, the ICD-10-CM diagnoses, the billing entity by NPI, and self-pay coverage.
/// </summary>
public static class BillingFhir
{
    public static readonly FhirType ClaimType = new("Claim", Auth.Policies.FhirFinancial,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("status", SearchParamType.Token, "draft | active | cancelled (a superseded version)."),
            new("use", SearchParamType.Token, "predetermination (every claim served is an estimate)."),
            new("created", SearchParamType.Date, "When the estimate version was made, with prefixes."),
        ],
        ReadAsync, SearchAsync);

    private const string Hcpcs = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    public static FinancialResourceStatusCodes StatusOf(EstimateStatus s) => s switch
    {
        EstimateStatus.Draft => FinancialResourceStatusCodes.Draft,
        EstimateStatus.Superseded => FinancialResourceStatusCodes.Cancelled,
        _ => FinancialResourceStatusCodes.Active,
    };

    /// <summary>Integer cents as FHIR Money (decimal dollars).</summary>
    public static Money Amount(long cents, string currency) =>
        new() { Value = cents / 100m, Currency = Enum.TryParse<Money.Currencies>(currency, out var c) ? c : Money.Currencies.USD };

    /// <summary>The system of a service code: CPT (five digits, or four and a letter for Category II/III), HCPCS Level II (a letter and four digits), else the practice's.</summary>
    public static string ServiceSystem(string code, FhirSystems systems) =>
        code.Length == 5 && char.IsAsciiDigit(code[0]) && code[..4].All(char.IsAsciiDigit) ? FhirSystems.Cpt
        : code.Length == 5 && char.IsAsciiLetterUpper(code[0]) && code[1..].All(char.IsAsciiDigit) ? Hcpcs
        : systems.CodeSystem("service");

    public static Claim ToFhir(this Estimate e, FhirSystems systems)
    {
        var first = e.Lines.OrderBy(l => l.Order).FirstOrDefault();
        var claim = new Claim
        {
            Id = e.Id.ToString(),
            Identifier = [new Identifier(systems.CodeSystem("estimate"), $"{e.SeriesId}-v{e.Version}")],
            Status = StatusOf(e.Status),
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/claim-type", "professional"),
            Use = ClaimUseCode.Predetermination,
            Patient = new ResourceReference($"Patient/{e.PatientId}"),
            Created = new DateTimeOffset(DateTime.SpecifyKind(e.CreatedAt, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            Provider = first is null ? new ResourceReference { Display = e.Title }
                : new ResourceReference { Identifier = new Identifier(FhirSystems.Npi, first.EntityNpi), Display = first.EntityName },
            Priority = new CodeableConcept("http://terminology.hl7.org/CodeSystem/processpriority", "normal"),
            // Self-pay or insured-not-billing: the patient pays (SPEC §8.5 Coverage).
            Insurance = [new Claim.InsuranceComponent { Sequence = 1, Focal = true, Coverage = new ResourceReference { Display = e.PayerName ?? "Self-pay" } }],
            Total = Amount(e.TotalCents, e.Currency),
        };
        var sequence = 1;
        foreach (var code in e.DiagnosisCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            claim.Diagnosis.Add(new Claim.DiagnosisComponent { Sequence = sequence++, Diagnosis = new CodeableConcept(FhirSystems.Icd10Cm, code) });
        }
        foreach (var line in e.Lines.OrderBy(l => l.Order))
        {
            var item = new Claim.ItemComponent
            {
                Sequence = line.Order + 1,
                // CPT descriptors need an AMA licence (SPEC §8.2): the code only, the practice's own words as text.
                ProductOrService = new CodeableConcept { Coding = [new Coding(ServiceSystem(line.ServiceCode, systems), line.ServiceCode)], Text = line.Description },
                Quantity = new Quantity { Value = line.Quantity },
                UnitPrice = Amount(line.UnitCents, e.Currency),
                Net = Amount(line.TotalCents, e.Currency),
                DiagnosisSequence = [.. claim.Diagnosis.Select(d => d.Sequence)],
            };
            if (line.Modifier is { Length: > 0 } modifier)
            {
                item.Modifier = [new CodeableConcept(FhirSystems.Cpt, modifier)];
            }
            if (line.SeparatelyScheduled)
            {
                // SPEC §7.2 element 6: shown, not in the total.
                item.ProgramCode = [new CodeableConcept(systems.CodeSystem("estimate-line"), "separately-scheduled", "Scheduled separately; not in the total")];
            }
            claim.Item.Add(item);
        }
        return claim;
    }

    private static IQueryable<Estimate> Rows(FhirRequest request) => request.Db.Estimates.AsNoTracking().Include(e => e.Lines);

    private static Task<FhirFound?> ReadAsync(FhirRequest request, string id) =>
        request.FindAsync(Rows(request), id, e => e.ToFhir(request.Systems));

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Searched(Rows(request), query);
        if (query.Tokens("status") is { } statuses)
        {
            var wanted = Enum.GetValues<EstimateStatus>()
                .Where(s => statuses.Any(t => t.Code == Hl7.Fhir.Utility.EnumUtility.GetLiteral(StatusOf(s)))).ToList();
            rows = rows.Where(e => wanted.Contains(e.Status));
        }
        if (query.Tokens("use") is { } uses && !uses.Any(u => u.Code == "predetermination"))
        {
            rows = rows.Where(_ => false);
        }
        rows = query.WhereInstants(rows, "created", e => e.CreatedAt);
        return await request.PageAsync(rows, query, e => e.CreatedAt, e => e.ToFhir(request.Systems));
    }
}

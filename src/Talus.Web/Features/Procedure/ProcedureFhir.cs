using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Features.Evaluation;
using Talus.Web.Fhir;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Procedure;

/// <summary>
/// Injections as FHIR R4 Procedure and their adverse events as AdverseEvent linked to the procedure (SPEC §8.5). The
/// procedure code is the practice's code for the product: no pre-coordinated SNOMED CT concept exists (SPEC §8.4 [D]),
/// and CPT descriptors need an AMA licence (SPEC §8.2).
/// </summary>
public static class ProcedureFhir
{
    public static readonly FhirType ProcedureType = new("Procedure", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("subject", SearchParamType.Reference, "Patient/{id}."),
            new("date", SearchParamType.Date, "Date performed, with prefixes."),
            new("code", SearchParamType.Token, "Practice injection-product code: system|code or code."),
            new("status", SearchParamType.Token, "completed (every procedure recorded is completed)."),
        ],
        ReadProcedureAsync, SearchProceduresAsync);

    public static readonly FhirType AdverseEventType = new("AdverseEvent", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("subject", SearchParamType.Reference, "Patient/{id}."),
            new("date", SearchParamType.Date, "Onset date, with prefixes."),
        ],
        ReadAdverseEventAsync, SearchAdverseEventsAsync);

    public static Hl7.Fhir.Model.Procedure ToFhir(this ProcedureRecord p, FhirSystems systems) => new()
    {
        Id = p.Id.ToString(),
        Status = EventStatus.Completed,
        Code = new CodeableConcept(systems.CodeSystem("injection-product"), p.Product.ToString(), Labels.Of(p.Product), $"Intra-articular injection: {Labels.Of(p.Product)}"),
        Subject = new ResourceReference($"Patient/{p.PatientId}"),
        Performed = new FhirDateTime(p.PerformedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        Performer = [new Hl7.Fhir.Model.Procedure.PerformerComponent { Actor = new ResourceReference($"Practitioner/{p.OperatorId}") }],
        Location = new ResourceReference($"Location/{p.LocationId}"),
        BodySite = [EvaluationFhir.BodySite(p.Joint, p.Side, systems)],
        Complication = string.IsNullOrWhiteSpace(p.Complications) ? [] : [new CodeableConcept { Text = p.Complications }],
    };

    public static Hl7.Fhir.Model.AdverseEvent ToFhir(this AdverseEvent a, FhirSystems systems) => new()
    {
        Id = a.Id.ToString(),
        Actuality = Hl7.Fhir.Model.AdverseEvent.AdverseEventActuality.Actual,
        Event = new CodeableConcept(systems.CodeSystem("adverse-event-type"), a.Type.ToString(), Labels.Of(a.Type), a.Description),
        Subject = new ResourceReference($"Patient/{a.PatientId}"),
        Date = a.OnsetOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        RecordedDate = new DateTimeOffset(DateTime.SpecifyKind(a.RecordedAt, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        Seriousness = a.Severity is Severity.LifeThreatening
            ? new CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", "serious", "Serious")
            : new CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", "non-serious", "Non-serious"),
        Severity = new CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-severity", a.Severity switch
        {
            Severity.Mild => "mild",
            Severity.Moderate => "moderate",
            _ => "severe",
        }),
        Outcome = new CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-outcome", a.Outcome switch
        {
            AdverseOutcome.Resolved => "resolved",
            AdverseOutcome.Resolving => "recovering",
            AdverseOutcome.NotResolved => "ongoing",
            AdverseOutcome.ResolvedWithSequelae => "resolvedWithSequelae",
            AdverseOutcome.Fatal => "fatal",
            _ => "unknown",
        }),
        SuspectEntity =
        [
            new Hl7.Fhir.Model.AdverseEvent.SuspectEntityComponent
            {
                Instance = new ResourceReference($"Procedure/{a.ProcedureId}"),
                Causality = [new Hl7.Fhir.Model.AdverseEvent.CausalityComponent
                {
                    Assessment = new CodeableConcept(systems.CodeSystem("relatedness"), a.RelatedToProcedure.ToString(), Labels.Of(a.RelatedToProcedure)),
                }],
            },
        ],
    };

    private static Task<FhirFound?> ReadProcedureAsync(FhirRequest request, string id) =>
        request.FindAsync(request.Db.Procedures.AsNoTracking(), id, p => p.ToFhir(request.Systems));

    private static async Task<FhirPage> SearchProceduresAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Searched(request.Db.Procedures.AsNoTracking(), query);
        if (query.Tokens("status") is { } statuses && !statuses.Any(s => s.Code == "completed"))
        {
            rows = rows.Where(_ => false);
        }
        if (query.Tokens("code") is { } codes)
        {
            var products = Enum.GetValues<Clinical.InjectionProduct>()
                .Where(p => codes.Any(c => c.Is(request.Systems.CodeSystem("injection-product"), p.ToString()))).ToList();
            rows = rows.Where(p => products.Contains(p.Product));
        }
        rows = query.WhereDates(rows, "date", p => p.PerformedOn);
        return await request.PageAsync(rows, query, p => p.PerformedOn, p => p.ToFhir(request.Systems));
    }

    private static Task<FhirFound?> ReadAdverseEventAsync(FhirRequest request, string id) =>
        request.FindAsync(request.Db.AdverseEvents.AsNoTracking(), id, a => a.ToFhir(request.Systems));

    private static Task<FhirPage> SearchAdverseEventsAsync(FhirRequest request, FhirQuery query) =>
        request.PageAsync(query.WhereDates(request.Searched(request.Db.AdverseEvents.AsNoTracking(), query), "date", a => a.OnsetOn),
            query, a => a.OnsetOn, a => a.ToFhir(request.Systems));
}

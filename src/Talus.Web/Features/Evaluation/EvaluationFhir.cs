using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Fhir;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Evaluation;

/// <summary>
/// The joint diagnosis of each evaluation as a FHIR R4 Condition (SPEC §8.5): ICD-10-CM (SPEC §8.1, primary OA when the
/// type is not documented) and SNOMED CT (SPEC §8.4), category encounter-diagnosis, body site with laterality.
/// </summary>
public static class EvaluationFhir
{
    public static readonly FhirType ConditionType = new("Condition", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("subject", SearchParamType.Reference, "Patient/{id}."),
            new("code", SearchParamType.Token, "ICD-10-CM or SNOMED CT code: system|code or code."),
            new("category", SearchParamType.Token, "encounter-diagnosis."),
            new("recorded-date", SearchParamType.Date, "Date of the evaluation, with prefixes."),
        ],
        ReadConditionAsync, SearchConditionsAsync);

    private const string Right = "24028007", Left = "7771000"; // SNOMED CT right / left qualifier (SPEC §8.4)

    /// <summary>The joint and its side: a practice code for the joint and the SNOMED CT laterality qualifier (SPEC §8.4).</summary>
    public static CodeableConcept BodySite(Joint joint, Side side, FhirSystems systems)
    {
        var word = Labels.Of(joint);
        var sideWord = side == Side.Right ? "Right" : "Left";
        return new CodeableConcept
        {
            Coding =
            [
                new Coding(systems.CodeSystem("joint"), joint.ToString(), word),
                new Coding(FhirSystems.Snomed, side == Side.Right ? Right : Left, sideWord),
            ],
            Text = $"{sideWord} {word.ToLowerInvariant()}",
        };
    }

    /// <summary>The ICD-10-CM and SNOMED CT codings of a joint's OA (type not documented: primary, SPEC §8.1 rule 2).</summary>
    public static IEnumerable<Coding> DiagnosisCodes(Joint joint, Side side)
    {
        foreach (var c in DiagnosisCoding.Select(joint, OaDiagnosisType.Undocumented, side == Side.Right ? CodingLaterality.Right : CodingLaterality.Left).Codes)
        {
            yield return new Coding(FhirSystems.Icd10Cm, c.Code, c.Note);
        }
        yield return joint switch
        {
            Joint.Ankle => new Coding(FhirSystems.Snomed, "239874001", "Osteoarthritis of ankle"),
            Joint.FirstMtp => new Coding(FhirSystems.Snomed, "202857003", "Hallux rigidus"),
            _ => new Coding(FhirSystems.Snomed, "396275006", "Osteoarthritis"),
        };
    }

    public static Condition ToCondition(this Data.Evaluation e, FhirSystems systems) => new()
    {
        Id = e.Id.ToString(),
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", "Encounter Diagnosis")],
        Code = new CodeableConcept { Coding = [.. DiagnosisCodes(e.Joint, e.Side)] },
        BodySite = [BodySite(e.Joint, e.Side, systems)],
        Subject = new ResourceReference($"Patient/{e.PatientId}"),
        RecordedDate = e.ExaminedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Recorder = e.ClinicianId is { } c ? new ResourceReference($"Practitioner/{c}") : null,
    };

    private static Task<FhirFound?> ReadConditionAsync(FhirRequest request, string id) =>
        request.FindAsync(request.Db.Evaluations.AsNoTracking(), id, e => e.ToCondition(request.Systems));

    private static async Task<FhirPage> SearchConditionsAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Searched(request.Db.Evaluations.AsNoTracking(), query);
        if (query.Tokens("category") is { } categories && !categories.Any(c => c.Is("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis")))
        {
            rows = rows.Where(_ => false);
        }
        if (query.Tokens("code") is { } codes)
        {
            // The codes follow from joint and side: the joints whose codes match, found by coding every joint on each side.
            List<Joint> Matching(Side side) => [.. Enum.GetValues<Joint>().Where(j => DiagnosisCodes(j, side).Any(c => codes.Any(t => t.Is(c.System, c.Code))))];
            var right = Matching(Side.Right);
            var left = Matching(Side.Left);
            rows = rows.Where(e => (e.Side == Side.Right && right.Contains(e.Joint)) || (e.Side == Side.Left && left.Contains(e.Joint)));
        }
        rows = query.WhereDates(rows, "recorded-date", e => e.ExaminedOn);
        return await request.PageAsync(rows, query, e => e.ExaminedOn, e => e.ToCondition(request.Systems));
    }
}

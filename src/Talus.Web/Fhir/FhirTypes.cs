using Talus.Web.Features.Admin;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Evaluation;
using Talus.Web.Features.Patients;
using Talus.Web.Features.Procedure;
using Talus.Web.Features.Scheduling;

namespace Talus.Web.Fhir;

/// <summary>The resource types the FHIR API serves, each declared in its feature's <c>…Fhir.cs</c>.</summary>
public static class FhirTypes
{
    public static readonly IReadOnlyList<FhirType> All =
    [
        PatientFhir.Type,
        PracticeFhir.PractitionerType,
        PracticeFhir.LocationType,
        EvaluationFhir.ConditionType,
        ObservationFhir.Type,
        ProcedureFhir.ProcedureType,
        ProcedureFhir.AdverseEventType,
        AppointmentFhir.Type,
        ConsentFhir.Type,
        AuditFhir.Type,
        Features.BulkExport.GroupFhir.Type,
    ];
}

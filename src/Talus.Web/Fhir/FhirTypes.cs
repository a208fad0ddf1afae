using Talus.Web.Features.Admin;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Billing;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Evaluation;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Intake;
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
        AppointmentFhir.ScheduleType,
        AppointmentFhir.SlotType,
        ConsentFhir.Type,
        AuditFhir.Type,
        QuestionnaireFhir.QuestionnaireType,
        QuestionnaireFhir.ResponseType,
        FollowUpFhir.CarePlanType,
        BillingFhir.ClaimType,
        Features.BulkExport.GroupFhir.Type,
    ];
}

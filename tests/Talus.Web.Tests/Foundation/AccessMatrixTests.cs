using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

/// <summary>
/// Every endpoint the app maps, for every role: the table below must name each endpoint (a new endpoint without a
/// row fails the first test), and each role must get through, or be refused, exactly as the row says.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccessMatrixTests(TalusApp app)
{
    private const string Anyone = "anyone";
    private const string SignedIn = "signed-in";
    // A row names a policy of the role matrix (Features/Auth/RoleMatrix.cs) or, for a row not yet moved, roles.
    private const string Staff = Policies.PracticeRead;
    private const string Chart = Policies.ChartRead;
    private const string Admin = Policies.PracticeManage;
    private const string Desk = Policies.ScheduleDesk;
    private const string FrontDeskAdmin = Policies.ConsultationRequests;
    private const string Enter = Policies.PatientEnter;
    private const string Clinical = Policies.ClinicalRecord;
    private const string Consent = Policies.ConsentCollect;
    private const string Portal = Policies.Portal;

    /// <summary>"METHOD pattern" → who may use it: a policy of the role matrix, comma-separated roles, or anyone / signed-in.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /health"] = Anyone,
        ["GET /health/live"] = Anyone,
        ["GET /health/ready"] = Anyone,
        ["GET /openapi/{documentName}.json"] = Anyone,
        ["GET /api/docs/{documentName?}"] = Anyone,
        ["GET /api/docs/favicon.svg"] = Anyone,
        ["GET /api/docs/scalar.aspnetcore.js"] = Anyone,
        ["GET /api/docs/scalar.js"] = Anyone,
        ["POST /api/auth/token"] = Anyone,
        ["POST /signout"] = SignedIn,
        ["GET /fhir/metadata"] = Anyone,
        ["GET /fhir/Patient"] = Policies.FhirRecord,
        ["GET /fhir/Patient/{id}"] = Policies.FhirRecord,
        ["GET /fhir/Practitioner"] = Policies.FhirDirectory,
        ["GET /fhir/Practitioner/{id}"] = Policies.FhirDirectory,
        ["GET /fhir/Location"] = Policies.FhirDirectory,
        ["GET /fhir/Location/{id}"] = Policies.FhirDirectory,
        ["GET /fhir/Condition"] = Policies.FhirRecord,
        ["GET /fhir/Condition/{id}"] = Policies.FhirRecord,
        ["GET /fhir/Observation"] = Policies.FhirRecord,
        ["GET /fhir/Observation/{id}"] = Policies.FhirRecord,
        ["GET /fhir/Procedure"] = Policies.FhirRecord,
        ["GET /fhir/Procedure/{id}"] = Policies.FhirRecord,
        ["GET /fhir/AdverseEvent"] = Policies.FhirRecord,
        ["GET /fhir/AdverseEvent/{id}"] = Policies.FhirRecord,
        ["GET /fhir/Appointment"] = Policies.FhirRecord,
        ["GET /fhir/Appointment/{id}"] = Policies.FhirRecord,
        ["GET /fhir/Consent"] = Policies.FhirRecord,
        ["GET /fhir/Consent/{id}"] = Policies.FhirRecord,
        ["GET /fhir/AuditEvent"] = Policies.AuditReview,
        ["GET /fhir/AuditEvent/{id}"] = Policies.AuditReview,
        ["GET /fhir/Questionnaire"] = Policies.FhirDirectory,
        ["GET /fhir/Questionnaire/{id}"] = Policies.FhirDirectory,
        ["GET /fhir/QuestionnaireResponse"] = Policies.FhirRecord,
        ["GET /fhir/QuestionnaireResponse/{id}"] = Policies.FhirRecord,
        ["GET /fhir/CarePlan"] = Policies.FhirRecord,
        ["GET /fhir/CarePlan/{id}"] = Policies.FhirRecord,
        ["GET /fhir/Claim"] = Policies.FhirFinancial,
        ["GET /fhir/Claim/{id}"] = Policies.FhirFinancial,
        ["GET /fhir/Schedule"] = Policies.FhirDirectory,
        ["GET /fhir/Schedule/{id}"] = Policies.FhirDirectory,
        ["GET /fhir/Slot"] = Policies.FhirDirectory,
        ["GET /fhir/Slot/{id}"] = Policies.FhirDirectory,
        ["GET /fhir/Group"] = Policies.FhirRecord,
        ["GET /fhir/Group/{id}"] = Policies.FhirRecord,
        ["GET /fhir/$export"] = Policies.FhirBulkExport,
        ["GET /fhir/Patient/$export"] = Policies.FhirRecord,
        ["GET /fhir/Group/{id}/$export"] = Policies.FhirBulkExport,
        ["GET /fhir/$export-status/{jobId:guid}"] = Policies.FhirRecord,
        ["DELETE /fhir/$export-status/{jobId:guid}"] = Policies.FhirRecord,
        ["GET /fhir/$export-file/{jobId:guid}/{file}"] = Policies.FhirRecord,
        ["GET /api/patients/"] = Chart,
        ["POST /api/patients/"] = Chart,
        ["GET /api/patients/{patientId:guid}"] = Chart,
        ["PUT /api/patients/{patientId:guid}"] = Chart,
        ["GET /api/locations"] = Staff,
        ["GET /api/locations/{id:int}"] = Staff,
        ["POST /api/locations"] = Admin,
        ["PUT /api/locations/{id:int}"] = Admin,
        ["PUT /api/locations/{id:int}/hours"] = Admin,
        ["POST /api/locations/{id:int}/closures"] = Admin,
        ["DELETE /api/locations/{id:int}/closures/{closureId:int}"] = Admin,
        ["POST /api/locations/{id:int}/rooms"] = Admin,
        ["PUT /api/rooms/{id:int}"] = Admin,
        ["POST /api/locations/{id:int}/equipment"] = Admin,
        ["PUT /api/equipment/{id:int}"] = Admin,
        ["GET /api/staff"] = Admin,
        ["POST /api/staff"] = Admin,
        ["PUT /api/staff/{id:int}"] = Admin,
        ["GET /api/audit"] = Policies.AuditReview,
        ["GET /api/audit/csv"] = Policies.AuditReview,
        ["GET /api/clinical/instruments"] = Staff,
        ["GET /api/clinical/instruments/{instrument}"] = Staff,
        ["POST /api/clinical/instruments/{instrument}/score"] = Staff,
        ["POST /api/clinical/grading/grade"] = Staff,
        ["POST /api/clinical/grading/target-joint-band"] = Staff,
        ["POST /api/clinical/grading/coughlin-shurnas"] = Staff,
        ["POST /api/clinical/candidacy/assess"] = Staff,
        ["POST /api/clinical/candidacy/override"] = Staff,
        ["POST /api/clinical/outcomes/mcid"] = Staff,
        ["POST /api/clinical/outcomes/omeract-oarsi"] = Staff,
        ["POST /api/clinical/outcomes/response"] = Staff,
        ["POST /api/clinical/follow-up/schedule"] = Staff,
        ["POST /api/clinical/repeat/cell-based"] = Staff,
        ["POST /api/clinical/repeat/corticosteroid"] = Staff,
        ["POST /api/clinical/after-care/plan"] = Staff,
        ["POST /api/clinical/expected-outcome"] = Staff,
        ["POST /api/clinical/regulation/classify-product"] = Staff,
        ["POST /api/clinical/regulation/marketing-claims"] = Staff,
        ["POST /api/clinical/gfe/deadline/after-scheduling"] = Staff,
        ["POST /api/clinical/gfe/deadline/after-request"] = Staff,
        ["POST /api/clinical/gfe/reissue"] = Staff,
        ["POST /api/clinical/gfe/validate"] = Staff,
        ["POST /api/clinical/gfe/dispute-eligibility"] = Staff,
        ["POST /api/clinical/business-days"] = Staff,
        ["POST /api/clinical/estimates/episode"] = Staff,
        ["POST /api/clinical/estimates/payment-plan"] = Staff,
        ["POST /api/clinical/coding/diagnosis"] = Staff,
        ["POST /api/clinical/coding/procedure"] = Staff,
        ["GET /api/instrument-wording/"] = Staff,
        ["GET /api/instrument-wording/{instrument}/{language}"] = Staff,
        ["PUT /api/instrument-wording/"] = Admin,
        ["GET /admin/instrument-wording"] = Admin,
        ["GET /admin/practice-identity"] = Admin,
        ["GET /api/settings/"] = Admin,
        ["GET /api/settings/{name}"] = Admin,
        ["PUT /api/settings/{name}"] = Admin,
        ["DELETE /api/settings/{name}"] = Admin,
        ["GET /"] = Anyone,
        ["GET /signin"] = Anyone,
        ["GET /language"] = Anyone,
        ["GET /forbidden"] = Anyone,
        ["GET /not-found"] = Anyone,
        ["GET /patients"] = Chart,
        ["GET /patients/new"] = Enter,
        ["GET /patients/{patientId:guid}"] = Chart,
        ["GET /patients/{patientId:guid}/edit"] = Enter,
        ["GET /frontdesk"] = Policies.HomeFrontDesk,
        ["GET /clinic"] = Policies.HomeClinic,
        ["GET /billing"] = Policies.HomeBilling,
        ["GET /outcomes"] = Policies.HomeOutcomes,
        ["GET /admin"] = Admin,
        ["GET /admin/locations/{Id:int}"] = Admin,
        ["GET /admin/locations/new"] = Admin,
        ["GET /admin/staff"] = Admin,
        ["GET /admin/staff/{Id:int}"] = Admin,
        ["GET /admin/audit"] = Policies.AuditReview,
        ["GET /admin/settings"] = Admin,
        ["GET /admin/settings/{Name}"] = Admin,
        ["GET /portal"] = Portal,
        ["GET /portal/welcome"] = Anyone,
        ["POST /api/patients/{patientId:guid}/portal-invitation"] = Enter,
        ["GET /api/patients/{patientId:guid}/evaluations"] = Chart,
        ["POST /api/patients/{patientId:guid}/evaluations"] = Clinical,
        ["GET /api/patients/{patientId:guid}/imaging"] = Chart,
        ["POST /api/patients/{patientId:guid}/imaging"] = Clinical,
        ["GET /api/patients/{patientId:guid}/labs"] = Chart,
        ["POST /api/patients/{patientId:guid}/labs"] = Clinical,
        ["GET /api/patients/{patientId:guid}/candidacy/"] = Chart,
        ["POST /api/patients/{patientId:guid}/candidacy/"] = Clinical,
        ["POST /api/patients/{patientId:guid}/candidacy/{assessmentId:guid}/override"] = Clinical,
        ["GET /api/patients/{patientId:guid}/decision-aid/"] = Chart,
        ["GET /api/patients/{patientId:guid}/decision-aid/records"] = Chart,
        ["POST /api/patients/{patientId:guid}/decision-aid/records"] = Clinical,
        ["GET /patients/{patientId:guid}/evaluations"] = Chart,
        ["GET /patients/{patientId:guid}/evaluations/new"] = Clinical,
        ["GET /patients/{patientId:guid}/evaluations/imaging/new"] = Clinical,
        ["GET /patients/{patientId:guid}/evaluations/labs/new"] = Clinical,
        ["GET /patients/{patientId:guid}/candidacy"] = Chart,
        ["GET /patients/{patientId:guid}/decision-aid"] = Chart,
        ["GET /portal/decision-aid"] = Portal,
        ["DELETE /api/scheduling/providers/{staffId:int}/exceptions/{id:int}"] = Desk,
        ["DELETE /api/scheduling/providers/{staffId:int}/feed"] = Desk,
        ["GET /admin/scheduling"] = Admin,
        ["GET /api/portal/appointments"] = Portal,
        ["GET /api/portal/appointments/{id:guid}/ics"] = Portal,
        ["GET /api/portal/reminder-preferences"] = Portal,
        ["GET /api/scheduling/appointments"] = Chart,
        ["GET /api/scheduling/patients/{patientId:guid}/appointments/"] = Chart,
        ["GET /api/scheduling/patients/{patientId:guid}/appointments/{id:guid}"] = Chart,
        ["GET /api/scheduling/patients/{patientId:guid}/appointments/{id:guid}/ics"] = Chart,
        ["GET /api/scheduling/patients/{patientId:guid}/reminder-preferences"] = Chart,
        ["GET /api/scheduling/portal-rules"] = Admin,
        ["GET /api/scheduling/providers/{staffId:int}/exceptions"] = Chart,
        ["GET /api/scheduling/providers/{staffId:int}/patterns"] = Chart,
        ["GET /api/scheduling/reminders"] = Desk,
        ["GET /api/scheduling/reminders/{id:guid}/log"] = Desk,
        ["GET /api/scheduling/types"] = Chart,
        ["GET /api/scheduling/worklists/{name}"] = Chart,
        ["GET /calendar/{token}.ics"] = Anyone,
        ["GET /patients/{patientId:guid}/appointments/{id:guid}"] = Desk,
        ["GET /patients/{patientId:guid}/book"] = Desk,
        ["GET /portal/appointments"] = Portal,
        ["GET /portal/appointments/book"] = Portal,
        ["GET /scheduling"] = Desk,
        ["GET /scheduling/reminders"] = Desk,
        ["GET /scheduling/worklists"] = Desk,
        ["GET /scheduling/book"] = Desk,
        ["POST /api/portal/appointments"] = Portal,
        ["POST /api/portal/appointments/{id:guid}/cancel"] = Portal,
        ["POST /api/portal/appointments/{id:guid}/reschedule"] = Portal,
        ["POST /api/portal/slots/search"] = Portal,
        ["POST /api/scheduling/episodes/propose"] = Desk,
        ["POST /api/scheduling/patients/{patientId:guid}/appointments/"] = Desk,
        ["POST /api/scheduling/patients/{patientId:guid}/appointments/{id:guid}/cancel"] = Desk,
        ["POST /api/scheduling/patients/{patientId:guid}/appointments/{id:guid}/check-in"] = Desk,
        ["POST /api/scheduling/patients/{patientId:guid}/appointments/{id:guid}/complete"] = Desk,
        ["POST /api/scheduling/patients/{patientId:guid}/appointments/{id:guid}/confirm"] = Desk,
        ["POST /api/scheduling/patients/{patientId:guid}/appointments/{id:guid}/no-show"] = Desk,
        ["POST /api/scheduling/patients/{patientId:guid}/appointments/{id:guid}/reschedule"] = Desk,
        ["POST /api/scheduling/providers/{staffId:int}/exceptions"] = Desk,
        ["POST /api/scheduling/providers/{staffId:int}/feed"] = Desk,
        ["POST /api/scheduling/reminders/send-due"] = Admin,
        ["POST /api/scheduling/slots/search"] = Chart,
        ["POST /api/scheduling/types"] = Admin,
        ["PUT /api/portal/reminder-preferences"] = Portal,
        ["PUT /api/scheduling/patients/{patientId:guid}/reminder-preferences"] = Desk,
        ["PUT /api/scheduling/portal-rules"] = Admin,
        ["PUT /api/scheduling/providers/{staffId:int}/patterns"] = Admin,
        ["PUT /api/scheduling/types/{id:int}"] = Admin,
        ["GET /patients/{patientId:guid}/plan"] = Clinical,
        ["GET /patients/{patientId:guid}/consents/{ConsentId:guid}/sign"] = Consent,
        ["GET /kiosk/done"] = Consent,
        ["GET /kiosk/unlock"] = Consent,
        ["GET /portal/consents/{ConsentId:guid}"] = Portal,
        ["GET /admin/consent-templates"] = Admin,
        ["GET /patients/{patientId:guid}/procedures/new"] = Clinical,
        ["GET /patients/{patientId:guid}/procedures/{ProcedureId:guid}/adverse-events/new"] = Clinical,
        ["GET /patients/{patientId:guid}/procedures/{ProcedureId:guid}/after-care"] = Chart,
        ["GET /portal/after-care"] = Portal,
        ["GET /api/patients/{patientId:guid}/plans/"] = Chart,
        ["GET /api/patients/{patientId:guid}/plans/{planId:guid}"] = Chart,
        ["POST /api/patients/{patientId:guid}/plans/"] = Clinical,
        ["GET /api/consent-templates/"] = Admin,
        ["GET /api/consent-templates/{id:int}"] = Admin,
        ["POST /api/consent-templates/"] = Admin,
        ["POST /api/consent-templates/{id:int}/activate"] = Admin,
        ["GET /api/patients/{patientId:guid}/consents/"] = Chart,
        ["GET /api/patients/{patientId:guid}/consents/{consentId:guid}"] = Chart,
        ["POST /api/patients/{patientId:guid}/consents/"] = Consent,
        ["POST /api/patients/{patientId:guid}/consents/{consentId:guid}/signature"] = Consent,
        ["GET /api/patients/{patientId:guid}/consents/{consentId:guid}/pdf"] = Chart,
        ["GET /api/patients/{patientId:guid}/consents/{consentId:guid}/html"] = Chart,
        ["GET /api/portal/consents/{consentId:guid}/pdf"] = Portal,
        ["GET /api/patients/{patientId:guid}/procedures/"] = Chart,
        ["GET /api/patients/{patientId:guid}/procedures/{procedureId:guid}"] = Chart,
        ["GET /api/patients/{patientId:guid}/procedures/{procedureId:guid}/after-care"] = Chart,
        ["POST /api/patients/{patientId:guid}/procedures/"] = Clinical,
        ["POST /api/patients/{patientId:guid}/procedures/{procedureId:guid}/adverse-events"] = Clinical,
        ["GET /api/recall/recipients"] = Policies.ProductRecall,
        ["GET /api/recall/patients/{patientId:guid}/products"] = Policies.ProductRecall,
        ["GET /recall"] = Policies.ProductRecall,
        ["GET /recall/patients/{patientId:guid}"] = Policies.ProductRecall,
        ["GET /api/outcomes/registry"] = Policies.RegistryRead,
        ["GET /api/outcomes/registry.csv"] = Policies.RegistryRead,
        ["GET /api/outcomes/research-export.csv"] = Policies.RegistryRead,
        ["GET /api/patients/{patientId:guid}/surgeries/"] = Chart,
        ["POST /api/patients/{patientId:guid}/surgeries/"] = Clinical,
        ["GET /patients/{patientId:guid}/surgeries/new"] = Clinical,
        ["GET /learn/results"] = Anyone,
        ["GET /api/locations/{id:int}/california-notice.pdf"] = Policies.NoticePoster,
        ["GET /locations/{Id:int}/california-notice"] = Policies.NoticePoster,
        ["GET /api/patients/{patientId:guid}/california-notice-copies/"] = Chart,
        ["POST /api/patients/{patientId:guid}/california-notice-copies/"] = Policies.ConsentCollect,
        // Money: price books, coverage, estimates (issue 9).
        ["GET /api/billing/entities"] = Policies.PriceBook,
        ["POST /api/billing/entities"] = Policies.PriceBook,
        ["PUT /api/billing/entities/{id:int}"] = Policies.PriceBook,
        ["GET /api/billing/price-books"] = Policies.PriceBook,
        ["GET /api/billing/price-books/{id:int}"] = Policies.PriceBook,
        ["GET /api/billing/price-books/in-force"] = Policies.PriceBook,
        ["POST /api/billing/price-books"] = Policies.PriceBook,
        ["POST /api/billing/price-books/{id:int}/activate"] = Policies.PriceBook,
        ["POST /api/billing/price-books/{id:int}/items"] = Policies.PriceBook,
        ["PUT /api/billing/price-books/{id:int}/items/{itemId:int}"] = Policies.PriceBook,
        ["DELETE /api/billing/price-books/{id:int}/items/{itemId:int}"] = Policies.PriceBook,
        ["GET /api/billing/payer-rules"] = Policies.PriceBook,
        ["PUT /api/billing/payer-rules"] = Policies.PriceBook,
        ["GET /api/billing/patients/{patientId:guid}/coverage"] = Chart,
        ["POST /api/billing/patients/{patientId:guid}/coverage"] = Policies.CoverageRecord,
        ["GET /api/billing/patients/{patientId:guid}/estimates"] = Chart,
        ["GET /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}"] = Chart,
        ["GET /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}/payment-options"] = Chart,
        ["POST /api/billing/patients/{patientId:guid}/estimates/from-plan"] = Policies.Estimates,
        ["POST /api/billing/patients/{patientId:guid}/estimates/"] = Policies.Estimates,
        ["POST /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}/lines"] = Policies.Estimates,
        ["DELETE /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}/lines/{lineId:guid}"] = Policies.Estimates,
        ["POST /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}/reprice"] = Policies.Estimates,
        ["POST /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}/revise"] = Policies.Estimates,
        ["POST /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}/present"] = Policies.Estimates,
        ["POST /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}/accept"] = Policies.Estimates,
        ["PUT /api/billing/patients/{patientId:guid}/estimates/{estimateId:guid}/payment"] = Policies.Estimates,
        ["GET /api/portal/estimates"] = Portal,
        ["GET /billing/price-books"] = Policies.PriceBook,
        ["GET /patients/{patientId:guid}/estimate"] = Chart,
        // Good Faith Estimates (SPEC §7.2).
        ["GET /api/billing/gfe-worklist"] = Policies.GoodFaithEstimates,
        ["GET /api/patients/{patientId:guid}/gfes"] = Chart,
        ["GET /api/patients/{patientId:guid}/gfes/{gfeId:guid}"] = Chart,
        ["GET /api/patients/{patientId:guid}/gfes/{gfeId:guid}/pdf"] = Chart,
        ["POST /api/patients/{patientId:guid}/gfes"] = Policies.GoodFaithEstimates,
        ["POST /api/patients/{patientId:guid}/gfe-requests"] = Policies.GoodFaithEstimateRequest,
        ["GET /api/patients/{patientId:guid}/gfes/{gfeId:guid}/reconciliation"] = Policies.GoodFaithEstimates,
        ["POST /api/patients/{patientId:guid}/gfes/{gfeId:guid}/bills"] = Policies.GoodFaithEstimates,
        ["POST /api/patients/{patientId:guid}/gfes/{gfeId:guid}/disputes"] = Policies.GoodFaithEstimates,
        ["POST /api/patients/{patientId:guid}/disputes/{disputeId:guid}/close"] = Policies.GoodFaithEstimates,
        ["GET /api/portal/gfes"] = Portal,
        ["GET /api/portal/gfes/{gfeId:guid}/pdf"] = Portal,
        ["POST /api/portal/gfe-requests"] = Portal,
        ["GET /billing/gfe"] = Policies.GoodFaithEstimates,
        ["GET /patients/{patientId:guid}/gfe"] = Chart,
        ["GET /portal/gfe/{GfeId:guid}"] = Portal,
        // Patient journey: education, consultation requests, intake, baseline questionnaires.
        ["GET /learn"] = Anyone,
        ["GET /learn/treatment"] = Anyone,
        ["GET /learn/options"] = Anyone,
        ["GET /learn/costs"] = Anyone,
        ["GET /learn/request"] = Anyone,
        ["POST /api/consultation-requests"] = Anyone,
        ["GET /api/consultation-requests/"] = FrontDeskAdmin,
        ["GET /api/consultation-requests/{id:guid}"] = FrontDeskAdmin,
        ["POST /api/consultation-requests/{id:guid}/handled"] = FrontDeskAdmin,
        ["POST /api/consultation-requests/{id:guid}/register"] = FrontDeskAdmin,
        ["GET /frontdesk/requests"] = FrontDeskAdmin,
        ["GET /frontdesk/requests/{Id:guid}"] = FrontDeskAdmin,
        ["GET /api/patients/{patientId:guid}/intakes"] = Policies.IntakeRead,
        ["GET /api/patients/{patientId:guid}/intakes/{intakeId:guid}"] = Policies.IntakeRead,
        ["POST /api/patients/{patientId:guid}/intakes"] = Policies.IntakeFill,
        ["PUT /api/patients/{patientId:guid}/intakes/{intakeId:guid}"] = Policies.IntakeFill,
        ["POST /api/patients/{patientId:guid}/intakes/{intakeId:guid}/submit"] = Policies.IntakeFill,
        ["GET /api/patients/{patientId:guid}/questionnaires"] = Policies.IntakeRead,
        ["POST /api/patients/{patientId:guid}/questionnaires"] = Policies.IntakeFill,
        ["PUT /api/patients/{patientId:guid}/questionnaires/{responseId:guid}"] = Policies.IntakeFill,
        ["POST /api/patients/{patientId:guid}/questionnaires/{responseId:guid}/submit"] = Policies.IntakeFill,
        ["POST /api/patients/{patientId:guid}/intake-links"] = Enter,
        ["POST /api/patients/{patientId:guid}/intake-links/email"] = Enter,
        ["DELETE /api/patients/{patientId:guid}/intake-links/{linkId:guid}"] = Enter,
        ["GET /patients/{patientId:guid}/intake"] = Enter,
        ["GET /patients/{patientId:guid}/questionnaires/{Instrument}"] = Enter,
        ["GET /portal/intake"] = Portal,
        ["GET /portal/questionnaires/{Instrument}"] = Portal,
        ["GET /intake/{Token}"] = Anyone,
        ["GET /intake/{Token}/questionnaires/{Instrument}"] = Anyone,
        ["GET /followup/{Token}"] = Anyone,
        ["GET /followup/{Token}/{Instrument}"] = Anyone,
        ["GET /followup/calls"] = Enter,
        ["GET /followup/completion"] = Staff,
        ["GET /patients/{patientId:guid}/follow-ups/{VisitId:guid}"] = Enter,
        ["GET /api/patients/{patientId:guid}/follow-ups/"] = Chart,
        ["POST /api/patients/{patientId:guid}/follow-ups/{visitId:guid}/link"] = Enter,
        ["POST /api/patients/{patientId:guid}/follow-ups/{visitId:guid}/calls"] = Enter,
        ["POST /api/patients/{patientId:guid}/follow-ups/{visitId:guid}/lost"] = Enter,
        ["GET /api/follow-ups/completion"] = Staff,
        // FHIR writes and backend API clients.
        ["POST /fhir/Patient"] = Enter,
        ["POST /fhir/Appointment"] = Desk,
        ["POST /fhir/QuestionnaireResponse"] = Policies.IntakeFill,
        ["POST /fhir"] = Policies.FhirRecord,
        ["GET /fhir/.well-known/smart-configuration"] = Anyone,
        ["POST /api/auth/client-token"] = Anyone,
        ["GET /api/admin/api-clients/"] = Admin,
        ["POST /api/admin/api-clients/"] = Admin,
        ["POST /api/admin/api-clients/{id:guid}/revoke"] = Admin,
        ["GET /admin/api-clients"] = Admin,
    };

    private List<(string Method, string Pattern)> MappedEndpoints() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                // Razor pages also accept POST for their forms; the GET row stands for both.
                .Where(m => !(m == "POST" && e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null))
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()];

    private static bool IsStaticAsset(RouteEndpoint e) =>
        e.RoutePattern.RawText is { } t && (t.Contains("_framework") || t.Contains("{**path") || t.StartsWith("/_", StringComparison.Ordinal) || t.StartsWith('_'));

    [Fact]
    public void Table_CoversEveryMappedEndpoint()
    {
        var mapped = MappedEndpoints().Select(e => $"{e.Method} {e.Pattern}").ToHashSet();
        var missing = mapped.Except(Expected.Keys).Order().ToList();
        var stale = Expected.Keys.Except(mapped).Order().ToList();
        Assert.True(missing.Count == 0, "Endpoints without an access row: " + string.Join("; ", missing));
        Assert.True(stale.Count == 0, "Rows for endpoints that no longer exist: " + string.Join("; ", stale));
    }

    public static TheoryData<string> Callers() => [.. Roles.All.Append("anonymous")];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task EveryEndpoint_Caller_GetsExactlyTheAccessInTheTable(string caller)
    {
        var patient = await app.DemoPatientAsync();
        using var client = caller == "anonymous" ? app.Anonymous() : app.ClientAs(caller);
        var failures = new List<string>();
        foreach (var (method, pattern) in MappedEndpoints())
        {
            if (!Expected.TryGetValue($"{method} {pattern}", out var who) || pattern == "/signout")
            {
                continue;
            }
            var url = Fill(pattern, patient.Id);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var allowed = who == Anyone || (who == SignedIn && caller != "anonymous") || RolesOf(who).Contains(caller);
            var isApi = pattern.StartsWith("/api", StringComparison.Ordinal) || pattern.StartsWith("/fhir", StringComparison.Ordinal);
            string? problem = null;
            if (status >= 500)
            {
                problem = $"server error {status}";
            }
            else if (allowed && status is 401 or 403)
            {
                problem = $"refused with {status}";
            }
            else if (allowed && response.Headers.Location?.ToString() is { } loc && (loc.Contains("/signin") || loc.Contains("/forbidden")))
            {
                problem = $"redirected to {loc}";
            }
            else if (!allowed && caller == "anonymous" && isApi && status != 401)
            {
                problem = $"expected 401, got {status}";
            }
            else if (!allowed && caller == "anonymous" && !isApi && !(status == 302 && response.Headers.Location!.ToString().Contains("/signin")))
            {
                problem = $"expected a redirect to sign-in, got {status}";
            }
            else if (!allowed && caller != "anonymous" && status != 403 && !(status == 302 && response.Headers.Location!.ToString().Contains("/forbidden")))
            {
                problem = $"expected 403, got {status}";
            }
            if (problem is not null)
            {
                failures.Add($"{method} {pattern} as {caller}: {problem}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The roles a row admits: each comma-separated part is a policy of the role matrix or a role.</summary>
    private static IEnumerable<string> RolesOf(string who) =>
        who.Split(',').SelectMany(part => RoleMatrix.Allowed.TryGetValue(part, out var roles) ? roles : [part]);

    [Fact]
    public void Table_NamesOnlyPoliciesOfTheRoleMatrixOrKnownRoles()
    {
        var unknown = Expected.Values.Where(v => v is not (Anyone or SignedIn)).SelectMany(v => v.Split(','))
            .Where(part => !RoleMatrix.Allowed.ContainsKey(part) && !Roles.All.Contains(part)).Distinct().ToList();
        Assert.True(unknown.Count == 0, "Neither a policy nor a role: " + string.Join(", ", unknown));
    }

    [Fact]
    public void EveryEndpoint_ThatNeedsARole_NamesAPolicyOfTheRoleMatrix()
    {
        var adHoc = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .Where(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles))
                || e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.AuthorizationPolicy>().Any())
            .Select(e => e.RoutePattern.RawText).Distinct().Order().ToList();
        Assert.True(adHoc.Count == 0, "Endpoints with roles written in place: name a policy of Features/Auth/RoleMatrix.cs instead (.RequireAuthorization(Policies.X), [Authorize(Policy = Policies.X)]): " + string.Join("; ", adHoc));
    }

    private static string Fill(string pattern, Guid patientId) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:?]+)[^}]*\}", m =>
        m.Groups[1].Value.ToLowerInvariant() switch
        {
            "patientid" => patientId.ToString(),
            _ when m.Value.Contains(":guid", StringComparison.Ordinal) => "0198a000-0000-7000-8000-000000000001",
            "documentname" => "v1",
            var n when n.EndsWith("id", StringComparison.Ordinal) => "999999",
            _ => "x",
        });
}

using Microsoft.AspNetCore.Authorization;
using Talus.Web.Data;

namespace Talus.Web.Features.Auth;

/// <summary>
/// The named authorization policies: one per kind of action. Endpoints use <c>.RequireAuthorization(Policies.X)</c>,
/// pages <c>[Authorize(Policy = Policies.X)]</c>. Who may take each action is written once, in <see cref="RoleMatrix"/>.
/// </summary>
public static class Policies
{
    /// <summary>Practice reference data (locations) and the stateless clinical-rule calculators.</summary>
    public const string PracticeRead = "practice.read";
    /// <summary>Read a patient's chart, within the caller's locations (PatientAccess).</summary>
    public const string ChartRead = "chart.read";
    /// <summary>Register a patient, change demographics, enter intake for them, send intake links and portal invitations.</summary>
    public const string PatientEnter = "patient.enter";
    /// <summary>Clinical records: evaluations, imaging grades, labs, candidacy and its override, decision-aid records, plans, procedures, adverse events.</summary>
    public const string ClinicalRecord = "clinical.record";
    /// <summary>Prepare a consent packet and take the patient's signature on the clinic tablet.</summary>
    public const string ConsentCollect = "consent.collect";
    /// <summary>The calendar: book, reschedule, cancel, check in; worklists and reminders; provider exceptions and feeds.</summary>
    public const string ScheduleDesk = "schedule.desk";
    /// <summary>Work consultation requests from the public form.</summary>
    public const string ConsultationRequests = "consultation.requests";
    /// <summary>Read intake and questionnaires (staff in scope, or the patient their own).</summary>
    public const string IntakeRead = "intake.read";
    /// <summary>Fill intake and questionnaires (staff who enter for the patient, or the patient).</summary>
    public const string IntakeFill = "intake.fill";
    /// <summary>Locations, rooms, equipment, staff, practice settings, consent templates, appointment types, patterns, portal rules.</summary>
    public const string PracticeManage = "practice.manage";
    /// <summary>Product recall: who received a lot or donor, and what a patient received (PRODUCT.md capability 9).</summary>
    public const string ProductRecall = "product.recall";
    /// <summary>The printable California §684 notice poster of a location (SPEC §6.4).</summary>
    public const string NoticePoster = "notice.poster";
    /// <summary>Price books, billing providers/facilities and payer rules (issue 9: the financial counselor and the administrator).</summary>
    public const string PriceBook = "billing.pricebook";
    /// <summary>Build, change, present estimates and record payment options.</summary>
    public const string Estimates = "billing.estimates";
    /// <summary>Record the coverage status the patient gives.</summary>
    public const string CoverageRecord = "billing.coverage";
    /// <summary>The outcomes registry: dashboard figures, the registry CSV and the de-identified research export.</summary>
    public const string RegistryRead = "registry.read";
    /// <summary>Issue Good Faith Estimates, work the GFE worklist, record final bills and disputes (the financial counselor's work, SPEC §7.2).</summary>
    public const string GoodFaithEstimates = "billing.gfe";
    /// <summary>Record a patient's request for a cost estimate (whoever the patient asks).</summary>
    public const string GoodFaithEstimateRequest = "billing.gfe.request";
    /// <summary>The audit trail.</summary>
    public const string AuditReview = "audit.review";
    /// <summary>The patient portal: the caller's own record only.</summary>
    public const string Portal = "portal";
    /// <summary>The FHIR API's patient record: staff within their locations, a patient only their own (PatientAccess); SMART scopes narrow it further.</summary>
    public const string FhirRecord = "fhir.record";
    /// <summary>Practitioners and locations over FHIR: directory data every caller needs to read an appointment or a procedure.</summary>
    public const string FhirDirectory = "fhir.directory";
    /// <summary>Estimates over FHIR (Claim): the financial counselor and the administrator, and the patient their own (PatientAccess).</summary>
    public const string FhirFinancial = "fhir.financial";
    /// <summary>System- and Group-level FHIR $export: staff who read charts, within their locations; a patient exports only their own record (Patient level).</summary>
    public const string FhirBulkExport = "fhir.bulkexport";
    /// <summary>The landing page of each staff role (and the administrator, who covers for anyone).</summary>
    public const string HomeFrontDesk = "home.frontdesk";
    public const string HomeClinic = "home.clinic";
    public const string HomeBilling = "home.billing";
    public const string HomeOutcomes = "home.outcomes";
}

/// <summary>
/// Role × action: which roles each policy admits (docs/decisions/0002-access-and-role-matrix.md gives the reasons). Read by
/// <see cref="Register"/> and by the access tests; change who may do something here and nowhere else.
/// </summary>
public static class RoleMatrix
{
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        [Policies.PracticeRead] = [Roles.FrontDesk, Roles.Clinician, Roles.Billing, Roles.Admin, Roles.Outcomes],
        [Policies.ChartRead] = [Roles.FrontDesk, Roles.Clinician, Roles.Billing, Roles.Admin],
        [Policies.PatientEnter] = [Roles.FrontDesk, Roles.Clinician, Roles.Admin],
        // Clinical judgement is the podiatrist's (PRODUCT.md "Who uses it"); the administrator reads charts but does not write them.
        [Policies.ClinicalRecord] = [Roles.Clinician],
        [Policies.ConsentCollect] = [Roles.FrontDesk, Roles.Clinician],
        [Policies.ScheduleDesk] = [Roles.FrontDesk, Roles.Clinician, Roles.Admin],
        [Policies.ConsultationRequests] = [Roles.FrontDesk, Roles.Admin],
        [Policies.IntakeRead] = [Roles.FrontDesk, Roles.Clinician, Roles.Billing, Roles.Admin, Roles.Patient],
        [Policies.IntakeFill] = [Roles.FrontDesk, Roles.Clinician, Roles.Admin, Roles.Patient],
        [Policies.PracticeManage] = [Roles.Admin],
        // A recall is clinical follow-up of patients; the administrator runs it with the podiatrists.
        [Policies.ProductRecall] = [Roles.Clinician, Roles.Admin],
        // The front desk puts the poster on the entrance wall; the administrator keeps the locations.
        [Policies.NoticePoster] = [Roles.FrontDesk, Roles.Admin],
        [Policies.PriceBook] = [Roles.Billing, Roles.Admin],
        [Policies.Estimates] = [Roles.Billing, Roles.Admin],
        // SPEC §7.2: providers must ask about coverage when scheduling; the front desk asks at booking.
        [Policies.CoverageRecord] = [Roles.FrontDesk, Roles.Billing, Roles.Admin],
        // Aggregates and de-identified files for the outcomes lead; the administrator covers for them (PRODUCT.md capability 12).
        [Policies.RegistryRead] = [Roles.Outcomes, Roles.Admin],
        [Policies.GoodFaithEstimates] = [Roles.Billing, Roles.Admin],
        // SPEC §7.2: a patient may ask anyone at the practice about cost; the request starts the 3-business-day clock.
        [Policies.GoodFaithEstimateRequest] = [Roles.FrontDesk, Roles.Clinician, Roles.Billing, Roles.Admin],
        [Policies.AuditReview] = [Roles.Admin],
        [Policies.Portal] = [Roles.Patient],
        // The same people who read charts, plus the patient (own record only, PatientAccess); Outcomes works with the registry, not charts.
        [Policies.FhirRecord] = [Roles.FrontDesk, Roles.Clinician, Roles.Billing, Roles.Admin, Roles.Patient, Roles.ApiClient],
        // Registered backend clients (ApiClients) read the record and the directory over FHIR, within their locations, and nothing else.
        [Policies.FhirDirectory] = [.. Roles.All, Roles.ApiClient],
        [Policies.FhirFinancial] = [Roles.Billing, Roles.Admin, Roles.Patient],
        // A system or Group export covers many patients: staff who read charts (PatientAccess still limits it to their locations).
        [Policies.FhirBulkExport] = [Roles.FrontDesk, Roles.Clinician, Roles.Billing, Roles.Admin],
        [Policies.HomeFrontDesk] = [Roles.FrontDesk, Roles.Admin],
        [Policies.HomeClinic] = [Roles.Clinician, Roles.Admin],
        [Policies.HomeBilling] = [Roles.Billing, Roles.Admin],
        [Policies.HomeOutcomes] = [Roles.Outcomes, Roles.Admin],
    };

    /// <summary>Registers every policy of the matrix (AuthSetup).</summary>
    public static void Register(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in Allowed)
        {
            options.AddPolicy(policy, p => p.RequireRole(roles));
        }
    }
}

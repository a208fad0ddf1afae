using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
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
    private const string Staff = Roles.AnyStaff;
    private const string Chart = Roles.ChartStaff;
    private const string Admin = Roles.Admin;
    private const string Desk = Roles.FrontDesk + "," + Roles.Clinician + "," + Roles.Admin;
    private const string FrontDeskAdmin = Roles.FrontDesk + "," + Roles.Admin;
    private const string Enter = Roles.FrontDesk + "," + Roles.Clinician + "," + Roles.Admin;

    /// <summary>"METHOD pattern" → who may use it (comma-separated roles, or anyone / signed-in).</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /health"] = Anyone,
        ["GET /openapi/{documentName}.json"] = Anyone,
        ["GET /api/docs/{documentName?}"] = Anyone,
        ["GET /api/docs/favicon.svg"] = Anyone,
        ["GET /api/docs/scalar.aspnetcore.js"] = Anyone,
        ["GET /api/docs/scalar.js"] = Anyone,
        ["POST /api/auth/token"] = Anyone,
        ["POST /signout"] = SignedIn,
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
        ["GET /api/audit"] = Admin,
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
        ["GET /api/settings/"] = Admin,
        ["GET /api/settings/{name}"] = Admin,
        ["PUT /api/settings/{name}"] = Admin,
        ["DELETE /api/settings/{name}"] = Admin,
        ["GET /"] = Anyone,
        ["GET /signin"] = Anyone,
        ["GET /forbidden"] = Anyone,
        ["GET /patients"] = Chart,
        ["GET /patients/new"] = Roles.FrontDesk + "," + Roles.Clinician + "," + Roles.Admin,
        ["GET /patients/{patientId:guid}"] = Chart,
        ["GET /patients/{patientId:guid}/edit"] = Roles.FrontDesk + "," + Roles.Clinician + "," + Roles.Admin,
        ["GET /frontdesk"] = Roles.FrontDesk + "," + Roles.Admin,
        ["GET /clinic"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /billing"] = Roles.Billing + "," + Roles.Admin,
        ["GET /outcomes"] = Roles.Outcomes + "," + Roles.Admin,
        ["GET /admin"] = Admin,
        ["GET /admin/locations/{Id:int}"] = Admin,
        ["GET /admin/locations/new"] = Admin,
        ["GET /admin/staff"] = Admin,
        ["GET /admin/staff/{Id:int}"] = Admin,
        ["GET /admin/audit"] = Admin,
        ["GET /admin/settings"] = Admin,
        ["GET /admin/settings/{Name}"] = Admin,
        ["GET /portal"] = Roles.Patient,
        ["GET /portal/welcome"] = Anyone,
        ["POST /api/patients/{patientId:guid}/portal-invitation"] = Roles.FrontDesk + "," + Roles.Clinician + "," + Roles.Admin,
        ["GET /api/patients/{patientId:guid}/evaluations"] = Chart,
        ["POST /api/patients/{patientId:guid}/evaluations"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /api/patients/{patientId:guid}/imaging"] = Chart,
        ["POST /api/patients/{patientId:guid}/imaging"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /api/patients/{patientId:guid}/labs"] = Chart,
        ["POST /api/patients/{patientId:guid}/labs"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /api/patients/{patientId:guid}/candidacy/"] = Chart,
        ["POST /api/patients/{patientId:guid}/candidacy/"] = Roles.Clinician + "," + Roles.Admin,
        ["POST /api/patients/{patientId:guid}/candidacy/{assessmentId:guid}/override"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /api/patients/{patientId:guid}/decision-aid/"] = Chart,
        ["GET /api/patients/{patientId:guid}/decision-aid/records"] = Chart,
        ["POST /api/patients/{patientId:guid}/decision-aid/records"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /patients/{patientId:guid}/evaluations"] = Chart,
        ["GET /patients/{patientId:guid}/evaluations/new"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /patients/{patientId:guid}/evaluations/imaging/new"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /patients/{patientId:guid}/evaluations/labs/new"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /patients/{patientId:guid}/candidacy"] = Chart,
        ["GET /patients/{patientId:guid}/decision-aid"] = Chart,
        ["GET /portal/decision-aid"] = Roles.Patient,
        ["DELETE /api/scheduling/providers/{staffId:int}/exceptions/{id:int}"] = Desk,
        ["DELETE /api/scheduling/providers/{staffId:int}/feed"] = Desk,
        ["GET /admin/scheduling"] = Admin,
        ["GET /api/portal/appointments"] = Roles.Patient,
        ["GET /api/portal/appointments/{id:guid}/ics"] = Roles.Patient,
        ["GET /api/portal/reminder-preferences"] = Roles.Patient,
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
        ["GET /portal/appointments"] = Roles.Patient,
        ["GET /portal/appointments/book"] = Roles.Patient,
        ["GET /scheduling"] = Desk,
        ["GET /scheduling/reminders"] = Desk,
        ["GET /scheduling/worklists"] = Desk,
        ["POST /api/portal/appointments"] = Roles.Patient,
        ["POST /api/portal/appointments/{id:guid}/cancel"] = Roles.Patient,
        ["POST /api/portal/appointments/{id:guid}/reschedule"] = Roles.Patient,
        ["POST /api/portal/slots/search"] = Roles.Patient,
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
        ["PUT /api/portal/reminder-preferences"] = Roles.Patient,
        ["PUT /api/scheduling/patients/{patientId:guid}/reminder-preferences"] = Desk,
        ["PUT /api/scheduling/portal-rules"] = Admin,
        ["PUT /api/scheduling/providers/{staffId:int}/patterns"] = Admin,
        ["PUT /api/scheduling/types/{id:int}"] = Admin,
        ["GET /patients/{patientId:guid}/plan"] = Roles.Clinician,
        ["GET /patients/{patientId:guid}/consents/{ConsentId:guid}/sign"] = Roles.FrontDesk + "," + Roles.Clinician,
        ["GET /portal/consents/{ConsentId:guid}"] = Roles.Patient,
        ["GET /admin/consent-templates"] = Admin,
        ["GET /patients/{patientId:guid}/procedures/new"] = Roles.Clinician,
        ["GET /patients/{patientId:guid}/procedures/{ProcedureId:guid}/adverse-events/new"] = Roles.Clinician,
        ["GET /patients/{patientId:guid}/procedures/{ProcedureId:guid}/after-care"] = Chart,
        ["GET /portal/after-care"] = Roles.Patient,
        ["GET /api/patients/{patientId:guid}/plans/"] = Chart,
        ["GET /api/patients/{patientId:guid}/plans/{planId:guid}"] = Chart,
        ["POST /api/patients/{patientId:guid}/plans/"] = Roles.Clinician,
        ["GET /api/consent-templates/"] = Admin,
        ["GET /api/consent-templates/{id:int}"] = Admin,
        ["POST /api/consent-templates/"] = Admin,
        ["POST /api/consent-templates/{id:int}/activate"] = Admin,
        ["GET /api/patients/{patientId:guid}/consents/"] = Chart,
        ["GET /api/patients/{patientId:guid}/consents/{consentId:guid}"] = Chart,
        ["POST /api/patients/{patientId:guid}/consents/"] = Roles.FrontDesk + "," + Roles.Clinician,
        ["POST /api/patients/{patientId:guid}/consents/{consentId:guid}/signature"] = Roles.FrontDesk + "," + Roles.Clinician,
        ["GET /api/patients/{patientId:guid}/consents/{consentId:guid}/pdf"] = Chart,
        ["GET /api/patients/{patientId:guid}/consents/{consentId:guid}/html"] = Chart,
        ["GET /api/portal/consents/{consentId:guid}/pdf"] = Roles.Patient,
        ["GET /api/patients/{patientId:guid}/procedures/"] = Chart,
        ["GET /api/patients/{patientId:guid}/procedures/{procedureId:guid}"] = Chart,
        ["GET /api/patients/{patientId:guid}/procedures/{procedureId:guid}/after-care"] = Chart,
        ["POST /api/patients/{patientId:guid}/procedures/"] = Roles.Clinician,
        ["POST /api/patients/{patientId:guid}/procedures/{procedureId:guid}/adverse-events"] = Roles.Clinician,
        ["GET /api/recall/recipients"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /api/recall/patients/{patientId:guid}/products"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /recall"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /recall/patients/{patientId:guid}"] = Roles.Clinician + "," + Roles.Admin,
        ["GET /api/locations/{id:int}/california-notice.pdf"] = FrontDeskAdmin,
        ["GET /locations/{Id:int}/california-notice"] = FrontDeskAdmin,
        ["GET /api/patients/{patientId:guid}/california-notice-copies/"] = Chart,
        ["POST /api/patients/{patientId:guid}/california-notice-copies/"] = Roles.FrontDesk + "," + Roles.Clinician,
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
        ["GET /api/patients/{patientId:guid}/intakes"] = Chart + "," + Roles.Patient,
        ["GET /api/patients/{patientId:guid}/intakes/{intakeId:guid}"] = Chart + "," + Roles.Patient,
        ["POST /api/patients/{patientId:guid}/intakes"] = Enter + "," + Roles.Patient,
        ["PUT /api/patients/{patientId:guid}/intakes/{intakeId:guid}"] = Enter + "," + Roles.Patient,
        ["POST /api/patients/{patientId:guid}/intakes/{intakeId:guid}/submit"] = Enter + "," + Roles.Patient,
        ["GET /api/patients/{patientId:guid}/questionnaires"] = Chart + "," + Roles.Patient,
        ["POST /api/patients/{patientId:guid}/questionnaires"] = Enter + "," + Roles.Patient,
        ["PUT /api/patients/{patientId:guid}/questionnaires/{responseId:guid}"] = Enter + "," + Roles.Patient,
        ["POST /api/patients/{patientId:guid}/questionnaires/{responseId:guid}/submit"] = Enter + "," + Roles.Patient,
        ["POST /api/patients/{patientId:guid}/intake-links"] = Enter,
        ["DELETE /api/patients/{patientId:guid}/intake-links/{linkId:guid}"] = Enter,
        ["GET /patients/{patientId:guid}/intake"] = Enter,
        ["GET /patients/{patientId:guid}/questionnaires/{Instrument}"] = Enter,
        ["GET /portal/intake"] = Roles.Patient,
        ["GET /portal/questionnaires/{Instrument}"] = Roles.Patient,
        ["GET /intake/{Token}"] = Anyone,
        ["GET /intake/{Token}/questionnaires/{Instrument}"] = Anyone,
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
            var allowed = who == Anyone || (who == SignedIn && caller != "anonymous") || who.Split(',').Contains(caller);
            var isApi = pattern.StartsWith("/api", StringComparison.Ordinal);
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

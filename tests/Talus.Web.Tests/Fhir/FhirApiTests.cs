// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Fhir;

/// <summary>The FHIR plumbing: metadata, content negotiation, errors as OperationOutcome, search handling and paging, scopes.</summary>
[Collection(AppCollection.Name)]
public sealed class FhirApiTests(TalusApp app)
{
    [Fact]
    public async Task Metadata_Anonymous_ListsExactlyTheServedTypesAndValidates()
    {
        using var client = app.Anonymous();
        var capability = await FhirCalls.ReadAsync<CapabilityStatement>(client, "/fhir/metadata");
        var resources = capability.Rest.Single().Resource;
        Assert.Equal(FhirTypes.All.Select(t => t.Name).Union(FhirWrites.Creatable.Select(c => c.Name)).Order(), resources.Select(r => r.Type).Order());
        foreach (var type in FhirTypes.All)
        {
            var listed = resources.Single(r => r.Type == type.Name);
            Assert.Equal(type.Search.Select(p => p.Name).Prepend("_id").Order(), listed.SearchParam.Select(p => p.Name).Order());
        }
        Assert.Empty(R4Validator.Errors(capability));
    }

    [Fact]
    public async Task Read_ContentType_IsFhirJson()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var patient = await app.DemoPatientAsync();
        var (status, _, contentType) = await FhirCalls.GetAsync(client, $"/fhir/Patient/{patient.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(FhirJson.MediaType, contentType);
    }

    [Theory]
    [InlineData("/fhir/Patient?_format=xml", HttpStatusCode.NotAcceptable, OperationOutcome.IssueType.NotSupported)]
    [InlineData("/fhir/Patient/0198a000-0000-7000-8000-000000000001", HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound)]
    [InlineData("/fhir/Patient/not-an-id", HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound)]
    [InlineData("/fhir/Patient?birthdate=1961-13-45", HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid)]
    [InlineData("/fhir/Patient?birthdate=xx1961", HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid)]
    [InlineData("/fhir/Patient?_count=-1", HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid)]
    [InlineData("/fhir/Patient?_sort=name", HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid)]
    [InlineData("/fhir/Patient?name=", HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid)]
    [InlineData("/fhir/Patient?name=%00a", HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid)]
    [InlineData("/fhir/Nothing", HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound)]
    public async Task Errors_BadRequest_AnswerOperationOutcomeWithStatus(string url, HttpStatusCode expected, OperationOutcome.IssueType type)
    {
        using var client = app.ClientAs(Roles.Clinician);
        var (status, resource, _) = await FhirCalls.GetAsync(client, url);
        Assert.Equal(expected, status);
        Assert.Equal(type, Assert.IsType<OperationOutcome>(resource).Issue.Single().Code);
    }

    [Fact]
    public async Task Errors_Anonymous_401OperationOutcome()
    {
        using var client = app.Anonymous();
        var (status, resource, _) = await FhirCalls.GetAsync(client, "/fhir/Patient");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(OperationOutcome.IssueType.Login, Assert.IsType<OperationOutcome>(resource).Issue.Single().Code);
    }

    [Fact]
    public async Task Errors_RoleWithoutChartAccess_403OperationOutcome()
    {
        using var client = app.ClientAs(Roles.Outcomes);
        var (status, resource, _) = await FhirCalls.GetAsync(client, "/fhir/Patient");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, Assert.IsType<OperationOutcome>(resource).Issue.Single().Code);
    }

    [Fact]
    public async Task Search_UnknownParameterStrict_400()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var (status, resource, _) = await FhirCalls.GetAsync(client, "/fhir/Patient?colour=blue", "handling=strict");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("colour", Assert.IsType<OperationOutcome>(resource).Issue.Single().Diagnostics);
    }

    [Fact]
    public async Task Search_UnknownParameterLenient_ListedAsIgnoredInBundle()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var (status, resource, _) = await FhirCalls.GetAsync(client, "/fhir/Patient?colour=blue&_count=1", "handling=lenient");
        Assert.Equal(HttpStatusCode.OK, status);
        var outcome = Assert.Single(Assert.IsType<Bundle>(resource).Entry, e => e.Search.Mode == Bundle.SearchEntryMode.Outcome);
        Assert.Contains("colour", ((OperationOutcome)outcome.Resource).Issue.Single().Diagnostics);
    }

    [Fact]
    public async Task Search_CountAboveMaximum_CappedAndNextLinksReachEveryMatchOnce()
    {
        using var client = app.ClientAs(Roles.Admin);
        var expected = await app.WithDbAsync(db => db.Patients.CountAsync());
        var first = await FhirCalls.ReadAsync<Bundle>(client, "/fhir/Patient?_count=1000");
        Assert.True(first.Entry.Count <= FhirQuery.MaxCount);
        var paged = await FhirCalls.SearchAllAsync(client, "/fhir/Patient?_count=7");
        Assert.Equal(expected, paged.Count);
        Assert.Equal(expected, paged.Select(p => p.Id).Distinct().Count());
        var full = await FhirCalls.ReadAsync<Bundle>(client, $"/fhir/Patient?_count={FhirQuery.MaxCount}");
        Assert.Equal(Math.Min(expected, FhirQuery.MaxCount), full.Entry.Count);
        Assert.Equal(expected > FhirQuery.MaxCount, full.Link.Any(l => l.Relation == "next"));
    }

    [Fact]
    public async Task Scope_UserPatientOnly_ReadsPatientsButNotPractitioners()
    {
        using var client = await FhirCalls.ClientWithScopeAsync(app, Roles.Clinician, "openid user/Patient.rs");
        Assert.Equal(HttpStatusCode.OK, (await FhirCalls.GetAsync(client, "/fhir/Patient?_count=1")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(client, "/fhir/Practitioner")).Status);
    }

    [Fact]
    public async Task Scope_ReadWithoutSearch_SearchRefused()
    {
        var patient = await app.DemoPatientAsync();
        using var client = await FhirCalls.ClientWithScopeAsync(app, Roles.Clinician, "user/*.r");
        Assert.Equal(HttpStatusCode.OK, (await FhirCalls.GetAsync(client, $"/fhir/Patient/{patient.Id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(client, "/fhir/Patient")).Status);
    }

    [Fact]
    public async Task Scope_PatientAccountWithUserScope_Refused()
    {
        using var client = await FhirCalls.ClientWithScopeAsync(app, Roles.Patient, "user/*.rs");
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(client, "/fhir/Patient")).Status);
        using var own = await FhirCalls.ClientWithScopeAsync(app, Roles.Patient, "patient/*.rs");
        Assert.Equal(HttpStatusCode.OK, (await FhirCalls.GetAsync(own, "/fhir/Patient")).Status);
    }

    [Fact]
    public async Task Scope_Unknown_TokenRefused400()
    {
        using var anon = app.Anonymous();
        var email = DemoData.SignIns.Single(s => s.Role == Roles.Clinician).Email;
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(anon, "/api/auth/token",
            new { email, password = DemoData.Password, scope = "user/*.everything" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Scheduling;
using Patient = Hl7.Fhir.Model.Patient;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Tests.Fhir;

/// <summary>Backend clients (SMART Backend Services): registration, the client credentials grant, location scope, revocation, audit.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiClientTests(TalusApp app)
{
    private sealed record Registered(string ClientId, string ClientSecret);

    private async Task<Registered> RegisterAsync(string scope, params int[] locationIds)
    {
        using var admin = app.ClientAs(Roles.Admin);
        var response = await admin.PostAsJsonAsync("/api/admin/api-clients/", new { name = "Registry " + Guid.NewGuid().ToString("N")[..6], scope, locationIds });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Registered>())!;
    }

    private async Task<HttpResponseMessage> TokenAsync(string id, string secret, string scope = null, bool basic = true)
    {
        using var anon = app.Anonymous();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/client-token");
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        }
        else
        {
            form["client_id"] = id;
            form["client_secret"] = secret;
        }
        request.Content = new FormUrlEncodedContent(form);
        return await anon.SendAsync(request);
    }

    private async Task<HttpClient> ClientAsync(Registered c, bool basic = true)
    {
        using var response = await TokenAsync(c.ClientId, c.ClientSecret, basic: basic);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        return client;
    }

    private async Task<(Guid Inside, Guid Outside, int Location)> PatientsAsync()
    {
        var here = await TestClinic.CreateAsync(app);
        var there = await TestClinic.CreateAsync(app);
        var inside = await TestClinic.AddPatientAsync(app);
        var outside = await TestClinic.AddPatientAsync(app);
        await app.WithDbAsync(async db =>
        {
            await db.Patients.Where(p => p.Id == inside).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLocationId, here.LocationId));
            await db.Patients.Where(p => p.Id == outside).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLocationId, there.LocationId));
            return 0;
        });
        return (inside, outside, here.LocationId);
    }

    [Fact]
    public async Task SystemScope_ClientCredentials_ReadsAcrossItsLocationsOnly()
    {
        var (inside, outside, location) = await PatientsAsync();
        var registered = await RegisterAsync("system/*.rs", location);
        using var client = await ClientAsync(registered);

        Assert.Equal(HttpStatusCode.OK, (await FhirCalls.GetAsync(client, $"/fhir/Patient/{inside}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FhirCalls.GetAsync(client, $"/fhir/Patient/{outside}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(client, $"/fhir/Observation?patient={outside}")).Status);
        var all = await FhirCalls.SearchAllAsync(client, "/fhir/Patient?_count=100&birthdate=1958-03-04");
        Assert.Contains(all, p => p.Id == inside.ToString());
        Assert.DoesNotContain(all, p => p.Id == outside.ToString());

        await app.FlushAuditAsync();
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.UserId == registered.ClientId && a.PatientId == inside).ToListAsync());
        Assert.Contains(audited, a => a.Action == AuditAction.Read && a.UserName!.StartsWith("API client: Registry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientToken_WritesAndOtherApis_Refused()
    {
        var registered = await RegisterAsync("system/*.rs");
        using var client = await ClientAsync(registered, basic: false);
        var write = await FhirWriteTests.PostAsync(client, "/fhir/Patient", FhirWriteTests.NewPatient("Client" + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/patients/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(client, "/fhir/AuditEvent")).Status);
    }

    [Fact]
    public async Task RevokedClient_TokenAndNewTokens_Refused()
    {
        var (inside, _, location) = await PatientsAsync();
        var registered = await RegisterAsync("system/Patient.rs", location);
        using var client = await ClientAsync(registered);
        Assert.Equal(HttpStatusCode.OK, (await FhirCalls.GetAsync(client, $"/fhir/Patient/{inside}")).Status);
        using var admin = app.ClientAs(Roles.Admin);

        (await admin.PostAsync($"/api/admin/api-clients/{registered.ClientId}/revoke", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await FhirCalls.GetAsync(client, $"/fhir/Patient/{inside}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(registered.ClientId, registered.ClientSecret)).StatusCode);
    }

    [Fact]
    public async Task Token_WrongSecretUnknownClientOrUngrantedScope_Refused()
    {
        var registered = await RegisterAsync("system/Patient.rs");
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(registered.ClientId, registered.ClientSecret + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(Guid.NewGuid().ToString(), registered.ClientSecret)).StatusCode);
        using var wider = await TokenAsync(registered.ClientId, registered.ClientSecret, "system/*.rs");
        Assert.Equal(HttpStatusCode.BadRequest, wider.StatusCode);
        Assert.Equal("invalid_scope", (await wider.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var narrowed = await TokenAsync(registered.ClientId, registered.ClientSecret, "system/Patient.rs");
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
    }

    [Fact]
    public async Task NarrowScope_OtherTypes_403()
    {
        var registered = await RegisterAsync("system/Patient.rs");
        using var client = await ClientAsync(registered);
        Assert.Equal(HttpStatusCode.OK, (await FhirCalls.GetAsync(client, "/fhir/Patient?_count=1")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(client, "/fhir/Observation?_count=1")).Status);
    }

    [Theory]
    [InlineData("system/*.cruds")]
    [InlineData("user/*.rs")]
    [InlineData("system/*.")]
    [InlineData("")]
    public async Task Register_NotASystemReadScope_400(string scope)
    {
        using var admin = app.ClientAs(Roles.Admin);
        var response = await admin.PostAsJsonAsync("/api/admin/api-clients/", new { name = "Bad scope", scope });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SecretIsStoredHashedAndNeverListed()
    {
        var registered = await RegisterAsync("system/*.rs");
        var stored = await app.WithDbAsync(db => db.ApiClients.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(registered.ClientId)));
        Assert.NotEqual(registered.ClientSecret, stored.SecretHash);
        Assert.Equal(64, stored.SecretHash.Length);
        using var admin = app.ClientAs(Roles.Admin);
        var list = await admin.GetStringAsync("/api/admin/api-clients/");
        Assert.Contains(registered.ClientId, list, StringComparison.Ordinal);
        Assert.DoesNotContain(registered.ClientSecret, list, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.SecretHash, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPage_RegistersAClientAndShowsTheSecretOnce()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var page = await admin.GetStringAsync("/admin/api-clients");
        Assert.Contains("Register a client", page, StringComparison.Ordinal);
        Assert.Contains("/admin/api-clients", await admin.GetStringAsync("/admin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmartConfiguration_NamesTheTokenEndpoint()
    {
        using var anon = app.Anonymous();
        var config = await anon.GetFromJsonAsync<JsonElement>("/fhir/.well-known/smart-configuration");
        Assert.EndsWith("/api/auth/client-token", config.GetProperty("token_endpoint").GetString());
        Assert.Contains("client_credentials", config.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
    }
}

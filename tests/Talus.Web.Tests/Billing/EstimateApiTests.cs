using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Billing;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Billing;

/// <summary>Price-book versions, coverage, the episode estimate from a plan, immutability and payment plans, through the API.</summary>
[Collection(AppCollection.Name)]
public sealed class EstimateApiTests(TalusApp app)
{
    private async Task<Guid> NewPatientWithPlanAsync(string family, string product = "BoneMarrowAspirateConcentrate", int injections = 1)
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var created = await desk.PostAsJsonAsync("/api/patients", new { givenName = "Olga", familyName = family, birthDate = "1958-07-09", sex = "Female", preferredLanguage = "en", preferredLocationId = 1 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var patientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var clinician = app.ClientAs(Roles.Clinician);
        var plan = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/plans", new
        {
            joint = "Ankle", side = "Right", product, plannedInjections = injections, rationale = "Moderate OA, conservative care failed.",
        });
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync());
        return patientId;
    }

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<(Guid PatientId, JsonElement Estimate)> BuildAsync(HttpClient billing, string family, string product = "BoneMarrowAspirateConcentrate")
    {
        var patientId = await NewPatientWithPlanAsync(family, product);
        var planId = await app.WithDbAsync(db => db.TreatmentPlans.Where(p => p.PatientId == patientId).Select(p => p.Id).SingleAsync());
        var estimate = await OkJsonAsync(await billing.PostAsJsonAsync($"/api/billing/patients/{patientId}/estimates/from-plan", new { treatmentPlanId = planId, locationId = 1 }),
            HttpStatusCode.Created);
        return (patientId, estimate);
    }

    [Fact]
    public async Task BuildFromPlan_BmacUninsured_GroupsPerProviderWithCodesTotalsAndTheRepeatApart()
    {
        using var billing = app.ClientAs(Roles.Billing);
        var (patientId, e) = await BuildAsync(billing, "Estimatova");

        Assert.Equal(["M19.071"], e.GetProperty("diagnosisCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("USD", e.GetProperty("currency").GetString());
        Assert.Equal("Draft", e.GetProperty("status").GetString());
        var providers = e.GetProperty("providers").EnumerateArray().ToList();
        Assert.Equal(2, providers.Count);
        foreach (var p in providers)
        {
            Assert.Equal(10, p.GetProperty("npi").GetString()!.Length);
            Assert.True(BillingEntities.IsValidNpi(p.GetProperty("npi").GetString()!));
            Assert.Matches(@"^\d{2}-\d{7}$", p.GetProperty("tin").GetString()!);
            Assert.Equal(p.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("totalCents").GetInt64()), p.GetProperty("totalCents").GetInt64());
        }
        var total = e.GetProperty("totalCents").GetInt64();
        Assert.Equal(providers.Sum(p => p.GetProperty("totalCents").GetInt64()), total);
        // Uninsured: the patient pays every line of the episode.
        Assert.Equal(total, e.GetProperty("patientResponsibilityCents").GetInt64());
        var lines = providers.SelectMany(p => p.GetProperty("lines").EnumerateArray()).ToList();
        var injection = lines.Single(l => l.GetProperty("kind").GetString() == "IntermediateJointInjection");
        Assert.Equal("20999", injection.GetProperty("serviceCode").GetString());
        Assert.Equal("RT", injection.GetProperty("modifier").GetString());
        Assert.Contains(lines, l => l.GetProperty("kind").GetString() == "Consultation");
        Assert.Contains(lines, l => l.GetProperty("kind").GetString() == "FollowUpVisit" && l.GetProperty("quantity").GetInt32() == 5);
        var apart = e.GetProperty("separatelyScheduled").EnumerateArray().ToList();
        Assert.NotEmpty(apart);
        Assert.All(apart, l => Assert.True(l.GetProperty("separatelyScheduled").GetBoolean()));
        // A cell-based episode at demo prices lies within the SPEC §7.1 BMAC range for one joint ($3,000–$10,000) plus the visits.
        Assert.InRange(total, 3_000_00, 12_000_00);
        _ = patientId;
    }

    [Fact]
    public async Task Reprice_InsuredBillingMedicare_PatientPaysOnlyTheInvestigationalLines()
    {
        using var billing = app.ClientAs(Roles.Billing);
        var (patientId, e) = await BuildAsync(billing, "Medicarena");
        await OkJsonAsync(await billing.PostAsJsonAsync($"/api/billing/patients/{patientId}/coverage", new { status = "InsuredBilling", payerName = "Medicare" }), HttpStatusCode.Created);
        var repriced = await OkJsonAsync(await billing.PostAsync($"/api/billing/patients/{patientId}/estimates/{e.GetProperty("id").GetGuid()}/reprice", null), HttpStatusCode.OK);

        var lines = repriced.GetProperty("providers").EnumerateArray().SelectMany(p => p.GetProperty("lines").EnumerateArray()).ToList();
        foreach (var l in lines)
        {
            var kind = Enum.Parse<PriceItemKind>(l.GetProperty("kind").GetString()!);
            var investigational = Coverages.IsInvestigational(kind, l.GetProperty("serviceCode").GetString()!);
            Assert.Equal(investigational ? l.GetProperty("totalCents").GetInt64() : 0, l.GetProperty("patientCents").GetInt64());
        }
        Assert.InRange(repriced.GetProperty("patientResponsibilityCents").GetInt64(), 1, repriced.GetProperty("totalCents").GetInt64() - 1);
    }

    [Fact]
    public async Task Present_ThenChange_IsRefusedAndARevisionSupersedesIt()
    {
        using var billing = app.ClientAs(Roles.Billing);
        var (patientId, e) = await BuildAsync(billing, "Inmutable");
        var id = e.GetProperty("id").GetGuid();
        var root = $"/api/billing/patients/{patientId}/estimates";
        await OkJsonAsync(await billing.PostAsync($"{root}/{id}/present", null), HttpStatusCode.OK);
        var before = await app.WithDbAsync(db => db.EstimateLines.Where(l => l.EstimateId == id).CountAsync());

        var add = await billing.PostAsJsonAsync($"{root}/{id}/lines", new { description = "Extra visit", serviceCode = "99213", quantity = 1, unitCents = 15000, billingEntityId = 1 });
        Assert.Equal(HttpStatusCode.Conflict, add.StatusCode);
        var lineId = e.GetProperty("providers")[0].GetProperty("lines")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await billing.DeleteAsync($"{root}/{id}/lines/{lineId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await billing.PostAsync($"{root}/{id}/present", null)).StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.EstimateLines.Where(l => l.EstimateId == id).CountAsync()));

        var v2 = await OkJsonAsync(await billing.PostAsync($"{root}/{id}/revise", null), HttpStatusCode.Created);
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal(e.GetProperty("seriesId").GetGuid(), v2.GetProperty("seriesId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await billing.PostAsync($"{root}/{id}/revise", null)).StatusCode);
        var v2Id = v2.GetProperty("id").GetGuid();
        await OkJsonAsync(await billing.PostAsJsonAsync($"{root}/{v2Id}/lines", new { description = "Outside MRI, right ankle", serviceCode = "73721", modifier = "RT", quantity = 1,
            unitCents = 65000, billingEntityId = 1, separatelyScheduled = true }), HttpStatusCode.OK);
        await OkJsonAsync(await billing.PostAsync($"{root}/{v2Id}/present", null), HttpStatusCode.OK);

        var v1 = await OkJsonAsync(await billing.GetAsync($"{root}/{id}"), HttpStatusCode.OK);
        Assert.Equal("Superseded", v1.GetProperty("status").GetString());
        Assert.Equal(before, v1.GetProperty("providers").EnumerateArray().Sum(p => p.GetProperty("lines").GetArrayLength()) + v1.GetProperty("separatelyScheduled").GetArrayLength());
    }

    [Fact]
    public async Task ChoosePayment_SixInstalments_AddUpExactlyToTheResponsibility()
    {
        using var billing = app.ClientAs(Roles.Billing);
        var (patientId, e) = await BuildAsync(billing, "Plazos", "PlateletRichPlasma");
        var root = $"/api/billing/patients/{patientId}/estimates/{e.GetProperty("id").GetGuid()}";
        var chosen = await OkJsonAsync(await billing.PutAsJsonAsync($"{root}/payment", new { option = "Instalments", instalmentCount = 6, firstDueOn = "2027-01-15" }), HttpStatusCode.OK);
        var instalments = chosen.GetProperty("instalments").EnumerateArray().ToList();
        Assert.Equal(6, instalments.Count);
        Assert.Equal(chosen.GetProperty("patientResponsibilityCents").GetInt64(), instalments.Sum(i => i.GetProperty("cents").GetInt64()));
        Assert.Equal("2027-06-15", instalments[5].GetProperty("dueOn").GetString());

        var seven = await billing.PutAsJsonAsync($"{root}/payment", new { option = "Instalments", instalmentCount = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, seven.StatusCode);
        Assert.Contains("instalmentCount", await seven.Content.ReadAsStringAsync());
        var options = await OkJsonAsync(await billing.GetAsync($"{root}/payment-options"), HttpStatusCode.OK);
        Assert.All(options.GetProperty("plans").EnumerateArray(), p => Assert.Equal(options.GetProperty("responsibilityCents").GetInt64(), p.GetProperty("totalCents").GetInt64()));
    }

    [Fact]
    public async Task PriceBook_EditActiveBook_MakesADraftVersionThatAppliesOnlyFromItsActivationDate()
    {
        using var billing = app.ClientAs(Roles.Billing);
        const int location = 4;
        var v1 = await OkJsonAsync(await billing.GetAsync($"/api/billing/price-books/in-force?locationId={location}&date=2026-11-24"), HttpStatusCode.OK);
        Assert.Equal("Active", v1.GetProperty("status").GetString());
        var item = v1.GetProperty("items").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "Consultation");
        var changed = await OkJsonAsync(await billing.PutAsJsonAsync($"/api/billing/price-books/{v1.GetProperty("id").GetInt32()}/items/{item.GetProperty("id").GetInt32()}", new
        {
            kind = "Consultation", description = "New patient consultation", serviceCode = "99204", unitCents = 41000, currency = "USD",
            billingEntityId = item.GetProperty("billingEntityId").GetInt32(),
        }), HttpStatusCode.OK);
        Assert.Equal("Draft", changed.GetProperty("status").GetString());
        Assert.Equal(v1.GetProperty("version").GetInt32() + 1, changed.GetProperty("version").GetInt32());
        Assert.Equal(v1.GetProperty("items").GetArrayLength(), changed.GetProperty("items").GetArrayLength());
        var draftId = changed.GetProperty("id").GetInt32();

        // The active book is unchanged and still applies; a second draft for the location is refused.
        var still = await OkJsonAsync(await billing.GetAsync($"/api/billing/price-books/{v1.GetProperty("id").GetInt32()}"), HttpStatusCode.OK);
        Assert.Equal(item.GetProperty("unitCents").GetInt64(), still.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == item.GetProperty("id").GetInt32()).GetProperty("unitCents").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await billing.PostAsJsonAsync("/api/billing/price-books", new { locationId = location, effectiveFrom = "2027-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await billing.PostAsJsonAsync($"/api/billing/price-books/{draftId}/activate", new { effectiveFrom = "2026-01-01" })).StatusCode);

        await OkJsonAsync(await billing.PostAsJsonAsync($"/api/billing/price-books/{draftId}/activate", new { effectiveFrom = "2026-12-01" }), HttpStatusCode.OK);
        var nov30 = await OkJsonAsync(await billing.GetAsync($"/api/billing/price-books/in-force?locationId={location}&date=2026-11-30"), HttpStatusCode.OK);
        var dec1 = await OkJsonAsync(await billing.GetAsync($"/api/billing/price-books/in-force?locationId={location}&date=2026-12-01"), HttpStatusCode.OK);
        Assert.Equal(v1.GetProperty("id").GetInt32(), nov30.GetProperty("id").GetInt32());
        Assert.Equal("2026-11-30", nov30.GetProperty("effectiveTo").GetString());
        Assert.Equal(draftId, dec1.GetProperty("id").GetInt32());
        Assert.Equal(41000, dec1.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "Consultation").GetProperty("unitCents").GetInt64());
        await app.FlushAuditAsync();
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Resource == nameof(PriceItem) && a.PatientId == null)));
    }

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        { "POST", "/api/billing/price-books/1/items", """{"kind":"Consultation","description":"Visit","serviceCode":"ABC","unitCents":100,"billingEntityId":1}""", "serviceCode" },
        { "POST", "/api/billing/price-books/1/items", """{"kind":"Consultation","description":"Visit","serviceCode":"99213","unitCents":100,"currency":"EUR","billingEntityId":1}""", "currency" },
        { "POST", "/api/billing/price-books/1/items", """{"kind":"Consultation","description":"Visit","serviceCode":"99213","unitCents":-5,"billingEntityId":1}""", "unitCents" },
        { "POST", "/api/billing/price-books/1/items", """{"kind":"CellProcessing","description":"Processing","serviceCode":"20999","unitCents":100,"billingEntityId":1}""", "product" },
        { "POST", "/api/billing/entities", """{"locationId":1,"kind":"Provider","name":"Dr X","npi":"1234567890","tin":"95-1234567","addressLine":"1 Main St","city":"Irvine","state":"CA","postalCode":"92618"}""", "npi" },
        { "POST", "/api/billing/price-books", """{"locationId":9999,"effectiveFrom":"2027-01-01"}""", "locationId" },
        { "PUT", "/api/billing/payer-rules", """{"payerName":"Medicare","kind":"Consultation","serviceCode":"99204","decision":"Covered"}""", "kind" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BillingApi_BadInput_Answers400NamingTheField(string method, string path, string json, string field)
    {
        using var billing = app.ClientAs(Roles.Billing);
        var response = await billing.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Contains($"\"{field}\"", body);
    }

    [Fact]
    public async Task EstimateApi_UnknownOrForeign_Answers404Or400()
    {
        using var billing = app.ClientAs(Roles.Billing);
        var patient = await app.DemoPatientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await billing.GetAsync($"/api/billing/patients/{patient.Id}/estimates/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await billing.PostAsync($"/api/billing/patients/{patient.Id}/estimates/{Guid.NewGuid()}/present", null)).StatusCode);
        var foreignPlan = await billing.PostAsJsonAsync($"/api/billing/patients/{patient.Id}/estimates/from-plan", new { treatmentPlanId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, foreignPlan.StatusCode);
        var noPayer = await billing.PostAsJsonAsync($"/api/billing/patients/{patient.Id}/coverage", new { status = "InsuredBilling" });
        Assert.Equal(HttpStatusCode.BadRequest, noPayer.StatusCode);
    }

    [Fact]
    public async Task PortalEstimates_DemoPatient_SeesHerPresentedEstimateWithThePaymentPlan()
    {
        using var patient = app.ClientAs(Roles.Patient);
        var estimates = await OkJsonAsync(await patient.GetAsync("/api/portal/estimates"), HttpStatusCode.OK);
        var mine = Assert.Single(estimates.EnumerateArray());
        Assert.Equal("Presented", mine.GetProperty("status").GetString());
        Assert.Equal(6, mine.GetProperty("instalments").GetArrayLength());
        Assert.Equal(mine.GetProperty("patientResponsibilityCents").GetInt64(), mine.GetProperty("instalments").EnumerateArray().Sum(i => i.GetProperty("cents").GetInt64()));
    }
}

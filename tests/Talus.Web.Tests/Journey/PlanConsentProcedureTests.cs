using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed partial class PlanConsentProcedureTests(TalusApp app)
{
    private const string Today = "2026-11-24";

    private async Task<Guid> NewPatientAsync(string family)
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var created = await desk.PostAsJsonAsync("/api/patients", new { givenName = "Ines", familyName = family, birthDate = "1959-03-02", sex = "Female", preferredLanguage = "en" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static object Plan(string product = "BoneMarrowAspirateConcentrate", int? basedOn = null, int injections = 1, string joint = "Ankle") => new
    {
        joint, side = "Right", product, plannedInjections = injections, basedOnVersion = basedOn,
        rationale = "Moderate OA, six months of conservative care without relief.", physicalTherapy = "PT twice weekly",
    };

    private static async Task<JsonElement> PostPlanAsync(HttpClient clinician, Guid patientId, object plan)
    {
        var response = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/plans", plan);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan");
    }

    private static async Task<JsonElement> PrepareAsync(HttpClient clinician, Guid patientId, Guid planId)
    {
        var response = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/consents", new { planId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Signature(JsonElement consent, string initials = "IT") => new
    {
        fullName = "Ines Tester",
        agree = true,
        initials = consent.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, _ => initials),
        signatureStrokes = new[] { new[] { new[] { 10.0, 20.0 }, new[] { 200.0, 150.0 }, new[] { 400.0, 60.0 } } },
    };

    private static async Task<JsonElement> SignAsync(HttpClient clinician, Guid patientId, JsonElement consent)
    {
        var response = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/consents/{consent.GetProperty("id").GetGuid()}/signature", Signature(consent));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<object> ProcedureAsync(Guid planId, string harvestSite = "PosteriorIliacCrest", bool isolatedCellFraction = false)
    {
        var (clinician, location) = await app.WithDbAsync(async db => (
            await db.Staff.Where(s => s.Role == Roles.Clinician).Select(s => s.Id).FirstAsync(),
            await db.Locations.Select(l => l.Id).FirstAsync()));
        return new
        {
            planId, performedOn = Today, locationId = location, operatorId = clinician, harvestSite, processingSystem = "Marrow concentration system",
            processingSettings = "Dual spin", harvestVolumeMl = 60, injectateVolumeMl = 3, nucleatedCellsMillions = 240, imageGuidance = "Ultrasound",
            anesthesia = "Local", durationMinutes = 55, isolatedCellFraction,
        };
    }

    private Task<int> ProceduresAsync(Guid patientId) => app.WithDbAsync(db => db.Procedures.CountAsync(p => p.PatientId == patientId));

    [Fact]
    public async Task RecordProcedure_RedProduct_Answers409WithTheReasonAndWritesNothing()
    {
        var patientId = await NewPatientAsync("Rojo");
        using var clinician = app.ClientAs(Roles.Clinician);
        var plan = await PostPlanAsync(clinician, patientId, Plan("StromalVascularFraction"));

        var consent = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/consents", new { planId = plan.GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.Conflict, consent.StatusCode);

        var response = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures",
            await ProcedureAsync(plan.GetProperty("id").GetGuid(), "AbdominalFat", isolatedCellFraction: true));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("RED", problem.GetProperty("detail").GetString());
        Assert.Contains("more than minimally manipulated", problem.GetProperty("detail").GetString());
        Assert.Contains(problem.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "REG-351");
        Assert.Equal(0, await ProceduresAsync(patientId));
        Assert.Equal(0, await app.WithDbAsync(db => db.ConsentPackets.CountAsync(c => c.PatientId == patientId)));
    }

    [Fact]
    public async Task RecordProcedure_WithoutSignedConsent_IsRefused()
    {
        var patientId = await NewPatientAsync("Sinfirma");
        await ProcedureReady.AssessedAsync(app, patientId);
        using var clinician = app.ClientAs(Roles.Clinician);
        var plan = await PostPlanAsync(clinician, patientId, Plan());
        var planId = plan.GetProperty("id").GetGuid();

        var none = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Contains("No signed consent", (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        await PrepareAsync(clinician, patientId, planId);
        var unsigned = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
        Assert.Equal(HttpStatusCode.Conflict, unsigned.StatusCode);
        Assert.Equal(0, await ProceduresAsync(patientId));
    }

    [Fact]
    public async Task RecordProcedure_SignedConsent_StoresRecordWithAfterCareAndTakesAdverseEvents()
    {
        var patientId = await NewPatientAsync("Tratada");
        await ProcedureReady.AssessedAsync(app, patientId);
        using var clinician = app.ClientAs(Roles.Clinician);
        var planId = (await PostPlanAsync(clinician, patientId, Plan())).GetProperty("id").GetGuid();
        await SignAsync(clinician, patientId, await PrepareAsync(clinician, patientId, planId));

        var response = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var procedure = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Amber", procedure.GetProperty("flag").GetString());
        var afterCare = procedure.GetProperty("afterCare").EnumerateArray().ToList();
        Assert.Contains(afterCare, a => a.GetProperty("code").GetString() == "AC-HARVEST-SITE");
        // SPEC §4.7: no impact until week 6 → the last day is procedure date + 41 days.
        Assert.Equal("2027-01-04", afterCare.Single(a => a.GetProperty("code").GetString() == "AC-NO-IMPACT").GetProperty("end").GetString());

        var procedureId = procedure.GetProperty("id").GetGuid();
        var ae = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures/{procedureId}/adverse-events", new
        {
            type = "PostInjectionFlare", severity = "Mild", onsetOn = Today, outcome = "Resolving", relatedToProcedure = "Related",
        });
        Assert.Equal(HttpStatusCode.Created, ae.StatusCode);
        var badAe = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures/{procedureId}/adverse-events", new
        {
            type = "Infection", severity = "Severe", onsetOn = "2026-01-01", outcome = "Resolved", relatedToProcedure = "Related",
        });
        Assert.Equal(HttpStatusCode.BadRequest, badAe.StatusCode);
        var errors = (await badAe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("onsetOn", out _) && errors.TryGetProperty("resolvedOn", out _), errors.ToString());
        Assert.Equal(1, await app.WithDbAsync(db => db.AdverseEvents.CountAsync(a => a.PatientId == patientId)));
    }

    [Fact]
    public async Task ChangePlan_AfterSigning_SupersedesConsentAndBlocksTheProcedureUntilReconsent()
    {
        var patientId = await NewPatientAsync("Cambio");
        await ProcedureReady.AssessedAsync(app, patientId);
        using var clinician = app.ClientAs(Roles.Clinician);
        var v1 = await PostPlanAsync(clinician, patientId, Plan());
        var consent = await PrepareAsync(clinician, patientId, v1.GetProperty("id").GetGuid());
        await SignAsync(clinician, patientId, consent);

        var stale = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/plans", Plan(injections: 2));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var changed = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/plans", Plan(injections: 2, basedOn: 1));
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        var body = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("consentsSuperseded").GetInt32());
        var v2 = body.GetProperty("plan");
        Assert.Equal(2, v2.GetProperty("version").GetInt32());

        var old = await clinician.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}/consents/{consent.GetProperty("id").GetGuid()}");
        Assert.Equal("Superseded", old.GetProperty("status").GetString());
        Assert.NotNull(old.GetProperty("signature").GetProperty("pdfSha256").GetString());
        var history = await clinician.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}/plans");
        Assert.Equal(2, history.GetArrayLength());

        foreach (var planId in new[] { v1.GetProperty("id").GetGuid(), v2.GetProperty("id").GetGuid() })
        {
            var refused = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }
        await SignAsync(clinician, patientId, await PrepareAsync(clinician, patientId, v2.GetProperty("id").GetGuid()));
        var done = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(v2.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
    }

    [Fact]
    public async Task SignedConsent_CannotBeChangedAndStoredHashesMatchTheDocuments()
    {
        var patientId = await NewPatientAsync("Inmutable");
        using var clinician = app.ClientAs(Roles.Clinician);
        var planId = (await PostPlanAsync(clinician, patientId, Plan())).GetProperty("id").GetGuid();
        var consent = await PrepareAsync(clinician, patientId, planId);
        var consentId = consent.GetProperty("id").GetGuid();
        var signature = await SignAsync(clinician, patientId, consent);

        var again = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/consents/{consentId}/signature", Signature(consent, "XX"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var pdf = await clinician.GetByteArrayAsync($"/api/patients/{patientId}/consents/{consentId}/pdf");
        var html = await clinician.GetByteArrayAsync($"/api/patients/{patientId}/consents/{consentId}/html");
        Assert.Equal(signature.GetProperty("pdfSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(pdf)));
        Assert.Equal(signature.GetProperty("htmlSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(html)));
        Assert.Contains("Initialled: IT", Encoding.UTF8.GetString(html));

        // No endpoint changes or deletes a consent: only GETs and the one-time signature POST exist.
        var writes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("consents", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Where(m => m is "PUT" or "PATCH" or "DELETE").ToList();
        Assert.Empty(writes);
        var put = await clinician.PutAsJsonAsync($"/api/patients/{patientId}/consents/{consentId}", new { status = "AwaitingSignature" });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);

        // And the data layer refuses a change by any other path.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var stored = await db.SignedConsents.SingleAsync(s => s.ConsentPacketId == consentId);
            stored.SignedName = "Someone Else";
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("cannot be changed", refused.Message);
        Assert.Equal("Ines Tester", await app.WithDbAsync(db => db.SignedConsents.Where(s => s.ConsentPacketId == consentId).Select(s => s.SignedName).SingleAsync()));
    }

    [Fact]
    public async Task ConsentPdf_BmacPlan_IsAPdfWithTheCalifornia684Notice()
    {
        var patientId = await NewPatientAsync("Aviso");
        using var clinician = app.ClientAs(Roles.Clinician);
        var planId = (await PostPlanAsync(clinician, patientId, Plan())).GetProperty("id").GetGuid();
        var consent = await PrepareAsync(clinician, patientId, planId);
        Assert.Equal("Mandatory", consent.GetProperty("californiaNotice").GetString());
        Assert.Equal("No estimate issued yet", consent.GetProperty("estimateText").GetString());
        await SignAsync(clinician, patientId, consent);

        var pdf = await clinician.GetByteArrayAsync($"/api/patients/{patientId}/consents/{consent.GetProperty("id").GetGuid()}/pdf");
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var text = string.Join(' ', PdfText.Words(pdf).Select(w => w.Word));
        Assert.Contains(ProductClassification.CaliforniaNoticeText, text);
        Assert.Contains("No estimate issued yet", text);
    }

    [Fact]
    public async Task ConsentPdf_Patient_GetsOnlyTheirOwn()
    {
        var demo = await app.DemoPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);
        var consents = await clinician.GetFromJsonAsync<JsonElement>($"/api/patients/{demo.Id}/consents");
        var own = consents.EnumerateArray().First(c => c.GetProperty("status").GetString() != "Superseded");
        if (own.GetProperty("status").GetString() == "AwaitingSignature")
        {
            await SignAsync(clinician, demo.Id, own);
        }

        var otherId = await NewPatientAsync("Ajena");
        var otherPlan = (await PostPlanAsync(clinician, otherId, Plan("PlateletRichPlasma"))).GetProperty("id").GetGuid();
        var other = await PrepareAsync(clinician, otherId, otherPlan);
        await SignAsync(clinician, otherId, other);

        using var patient = app.ClientAs(Roles.Patient);
        var mine = await patient.GetAsync($"/api/portal/consents/{own.GetProperty("id").GetGuid()}/pdf");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(await mine.Content.ReadAsByteArrayAsync(), 0, 4));
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/portal/consents/{other.GetProperty("id").GetGuid()}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await patient.GetAsync($"/api/patients/{otherId}/consents/{other.GetProperty("id").GetGuid()}/pdf")).StatusCode);
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "plan", """{"side":"Right","product":"PlateletRichPlasma","plannedInjections":1,"rationale":"Pain"}""", "joint" },
        { "plan", """{"joint":"Ankle","side":"Right","product":"PlateletRichPlasma","plannedInjections":5,"rationale":"Pain"}""", "plannedInjections" },
        { "plan", """{"joint":"Ankle","side":"Right","plannedInjections":0,"rationale":"Pain"}""", "product" },
        { "plan", """{"joint":"Knee","side":"Right","product":"PlateletRichPlasma","plannedInjections":1,"rationale":"Pain"}""", "joint" },
        { "plan", """{"joint":"Ankle","side":"Right","product":"PlateletRichPlasma","plannedInjections":1,"rationale":""}""", "rationale" },
        { "procedure", """{"performedOn":"2026-11-24","imageGuidance":"Ultrasound","anesthesia":"Local","injectateVolumeMl":3}""", "planId" },
        { "procedure", """{"planId":"{plan}","performedOn":"2026-11-24","locationId":1,"operatorId":{op},"imageGuidance":"Ultrasound","anesthesia":"Local","injectateVolumeMl":0}""", "injectateVolumeMl" },
        { "procedure", """{"planId":"{plan}","performedOn":"2026-11-24","locationId":1,"operatorId":{op},"anesthesia":"Local","injectateVolumeMl":3}""", "imageGuidance" },
        { "procedure", """{"planId":"{plan}","performedOn":"2026-11-24","locationId":1,"operatorId":{op},"imageGuidance":"Ultrasound","anesthesia":"Local","injectateVolumeMl":3}""", "harvestSite" },
        { "procedure", """{"planId":"{plan}","performedOn":"2027-01-10","locationId":1,"operatorId":{op},"harvestSite":"PosteriorIliacCrest","imageGuidance":"Ultrasound","anesthesia":"Local","injectateVolumeMl":3}""", "performedOn" },
        { "procedure", """{"planId":"{plan}","performedOn":"2026-11-24","locationId":1,"operatorId":999,"harvestSite":"PosteriorIliacCrest","imageGuidance":"Ultrasound","anesthesia":"Local","injectateVolumeMl":3}""", "operatorId" },
        { "signature", """{"fullName":"Ines Tester","agree":true,"initials":{}}""", "initials[IC-01]" },
        { "signature", """{"fullName":"Ines Tester","agree":false,"initials":"{all}"}""", "agree" },
        { "signature", """{"fullName":"Ines Tester","agree":true,"initials":"{all}","signatureStrokes":[[[10,20],[900,20]]]}""", "signatureStrokes" },
        { "signature", """{"fullName":"","agree":true,"initials":"{all}"}""", "fullName" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Journey_BadInput_Answers400NamingTheFieldAndWritesNothing(string target, string json, string field)
    {
        var patientId = await NewPatientAsync("Erroneo");
        using var clinician = app.ClientAs(Roles.Clinician);
        var planId = (await PostPlanAsync(clinician, patientId, Plan())).GetProperty("id").GetGuid();
        var consent = await PrepareAsync(clinician, patientId, planId);
        var op = await app.WithDbAsync(db => db.Staff.Where(s => s.Role == Roles.Clinician).Select(s => s.Id).FirstAsync());
        var all = JsonSerializer.Serialize(consent.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, _ => "IT"));
        json = json.Replace("{plan}", planId.ToString(), StringComparison.Ordinal).Replace("{op}", op.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("\"{all}\"", all, StringComparison.Ordinal);
        var url = target switch
        {
            "plan" => $"/api/patients/{patientId}/plans",
            "procedure" => $"/api/patients/{patientId}/procedures",
            _ => $"/api/patients/{patientId}/consents/{consent.GetProperty("id").GetGuid()}/signature",
        };
        if (target == "procedure")
        {
            await SignAsync(clinician, patientId, consent);
        }
        async Task<(int, int, int)> CountAsync() => await app.WithDbAsync(async db => (
            await db.TreatmentPlans.CountAsync(p => p.PatientId == patientId),
            await db.Procedures.CountAsync(p => p.PatientId == patientId),
            await db.SignedConsents.CountAsync(p => p.PatientId == patientId)));
        var before = await CountAsync();

        var response = await clinician.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ConsentTemplate_MissingSectionOrAlteredNotice_Answers400AndWritesNothing()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var active = (await admin.GetFromJsonAsync<JsonElement>("/api/consent-templates")).EnumerateArray().First(t => t.GetProperty("status").GetString() == "Active");
        var sections = active.GetProperty("sections").EnumerateArray()
            .Select(s => new { id = s.GetProperty("id").GetString()!, title = s.GetProperty("title").GetString()!, text = s.GetProperty("text").GetString()! }).ToList();
        var before = await app.WithDbAsync(db => db.ConsentTemplates.CountAsync());

        var missing = await admin.PostAsJsonAsync("/api/consent-templates", new { title = "Without IC-05", sections = sections.Where(s => s.id != "IC-05") });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("IC-05", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("sections")[0].GetString());

        var altered = await admin.PostAsJsonAsync("/api/consent-templates", new
        {
            title = "Softer notice", sections = sections.Select(s => s.id == "IC-03" ? s with { text = "Stem cell therapy is great." } : s),
        });
        Assert.Equal(HttpStatusCode.BadRequest, altered.StatusCode);
        Assert.True((await altered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty($"sections[{sections.FindIndex(s => s.id == "IC-03")}].text", out _));
        Assert.Equal(before, await app.WithDbAsync(db => db.ConsentTemplates.CountAsync()));

        var draft = await admin.PostAsJsonAsync("/api/consent-templates", new { title = "Next edition", sections });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        Assert.Equal("Draft", (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Language;

/// <summary>
/// Issue 12, Spanish consent (SPEC §9.1 IC-17): a patient who prefers Spanish is given, signs and keeps the Spanish text;
/// English with a visible note when the practice has no Spanish version active.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SpanishConsentTests(TalusApp app)
{
    [Fact]
    public async Task Consent_PatientPrefersSpanish_IsPreparedSignedAndPrintedInSpanish()
    {
        var (patientId, _) = await SpanishPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);
        var consent = await PrepareAsync(clinician, patientId);

        Assert.Equal("es", consent.GetProperty("language").GetString());
        var sections = consent.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s);
        Assert.Equal(ConsentTexts.Spanish.Single(s => s.Id == "IC-02").Title, sections["IC-02"].GetProperty("title").GetString());
        Assert.Contains("tobillo (lado derecho)", sections["IC-01"].GetProperty("text").GetString());
        // Cal. B&P §684: the notice stays English word for word (SPEC §6.4).
        Assert.Equal(ProductClassification.CaliforniaNoticeText, sections["IC-03"].GetProperty("text").GetString());

        var signed = await SignAsync(clinician, patientId, consent);
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var id = consent.GetProperty("id").GetGuid();
        var view = await clinician.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}/consents/{id}");
        Assert.Equal("es", view.GetProperty("signature").GetProperty("language").GetString());
        Assert.Equal(consent.GetProperty("templateVersion").GetInt32(), view.GetProperty("signature").GetProperty("templateVersion").GetInt32());

        var text = PdfText.Of(await clinician.GetByteArrayAsync($"/api/patients/{patientId}/consents/{id}/pdf"));
        Assert.Contains("Consentimiento informado", text);
        Assert.Contains("Iniciales: IT", text);
        Assert.Contains("2 de marzo de 1959", text);
        Assert.Contains("La ley de California pide dar este aviso en inglés", text);
        Assert.DoesNotContain("Initialled", text);
        Assert.DoesNotContain("Signed by", text);
    }

    [Fact]
    public async Task Consent_NoSpanishVersionActive_FallsBackToEnglishWithAVisibleNote()
    {
        var (patientId, email) = await SpanishPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);
        var spanish = await app.WithDbAsync(db => db.ConsentTemplates.Where(t => t.Language == "es" && t.Status == TemplateStatus.Active).Select(t => t.Id).ToListAsync());
        await SetStatusAsync(spanish, TemplateStatus.Retired);
        JsonElement consent;
        try
        {
            consent = await PrepareAsync(clinician, patientId);
        }
        finally
        {
            await SetStatusAsync(spanish, TemplateStatus.Active);
        }

        Assert.Equal("en", consent.GetProperty("language").GetString());
        using var patient = app.ClientAsUser(email, DemoData.Password);
        var page = WebUtility.HtmlDecode(await patient.GetStringAsync($"/portal/consents/{consent.GetProperty("id").GetGuid()}"));
        Assert.Contains(SpanishTests.Read("PatientText.es.resx")["ConsentInEnglish"], page);
        Assert.Contains("lang=\"en\"", page);
    }

    private Task<int> SetStatusAsync(List<int> ids, TemplateStatus status) => app.WithDbAsync(async db =>
        await db.ConsentTemplates.Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, status)));

    private async Task<(Guid Id, string Email)> SpanishPatientAsync()
    {
        var email = await SpanishTests.NewPortalPatientAsync(app, "es");
        var id = await app.WithDbAsync(db => db.Patients.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());
        await app.WithDbAsync(db => db.Patients.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.BirthDate, new DateOnly(1959, 3, 2))));
        return (id, email);
    }

    private static async Task<JsonElement> PrepareAsync(HttpClient clinician, Guid patientId)
    {
        var plan = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/plans", new
        {
            joint = "Ankle", side = "Right", product = "BoneMarrowAspirateConcentrate", plannedInjections = 1,
            rationale = "Moderate OA, six months of conservative care without relief.", physicalTherapy = "PT twice weekly",
        });
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync());
        var planId = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetProperty("id").GetGuid();
        var response = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/consents", new { planId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> SignAsync(HttpClient clinician, Guid patientId, JsonElement consent) =>
        clinician.PostAsJsonAsync($"/api/patients/{patientId}/consents/{consent.GetProperty("id").GetGuid()}/signature", new
        {
            fullName = "Lucia Idioma",
            agree = true,
            initials = consent.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, _ => "IT"),
        });
}

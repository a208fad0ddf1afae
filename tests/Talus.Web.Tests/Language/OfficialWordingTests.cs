using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Language;

/// <summary>Issue 12: validated instruments are never home-translated; the practice loads the official wording (SPEC §3.1, §3.8).</summary>
[Collection(AppCollection.Name)]
public sealed class OfficialWordingTests(TalusApp app)
{
    /// <summary>A file that fits the definition: every item with words for each of its answer values.</summary>
    private static Dictionary<string, object?> File(InstrumentId id, string language, string prefix) => new()
    {
        ["instrument"] = id.ToString(),
        ["language"] = language,
        ["source"] = $"Official {id} ({language}), licence 2026",
        ["instructions"] = $"{prefix} instructions for {id}.",
        ["items"] = InstrumentScoring.DefinitionOf(id)!.Items.Select(i => new Dictionary<string, object?>
        {
            ["key"] = i.Key,
            ["text"] = $"{prefix} question {i.Key}",
            ["anchors"] = i.Anchors.Select(a => new { value = a.Value, text = $"{prefix} answer {a.Value}" }).ToList(),
            ["notApplicableText"] = i.AllowsNotApplicable ? $"{prefix} not applicable" : null,
        }).ToList(),
    };

    [Fact]
    public async Task Import_FittingWording_IsStoredListedAndAudited()
    {
        using var admin = app.ClientAs(Roles.Admin);

        var response = await admin.PutAsJsonAsync("/api/instrument-wording", File(InstrumentId.NrsPain, "en", "Official"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/instrument-wording");
        Assert.Contains(list.EnumerateArray(), w => w.GetProperty("instrument").GetString() == "NrsPain" && w.GetProperty("language").GetString() == "en");
        var wording = await admin.GetFromJsonAsync<JsonElement>("/api/instrument-wording/NrsPain/en");
        Assert.Equal("Official question NrsPain", wording.GetProperty("items")[0].GetProperty("text").GetString());
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Resource == "OfficialInstrumentWording" && a.RecordId == "NrsPain/en").ToListAsync());
        Assert.Contains(audit, a => a.UserName == "admin@talus.example" && a.Action is AuditAction.Create or AuditAction.Update);
    }

    public static TheoryData<string, string> Mismatches => new()
    {
        { "missing", "items" },
        { "unknown", "items[0].key" },
        { "twice", "items[8].key" },
        { "anchors", "items[0].anchors" },
        { "anchorText", "items[0].anchors[0].text" },
        { "notApplicable", "items[0].notApplicableText" },
        { "language", "language" },
        { "json", "file" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task Import_MismatchWithTheDefinition_IsRefusedNamingTheFieldAndStoresNothing(string kind, string field)
    {
        using var admin = app.ClientAs(Roles.Admin);
        var file = File(InstrumentId.FaamSports, "es", "Oficial");
        var items = (List<Dictionary<string, object?>>)file["items"]!;
        switch (kind)
        {
            case "missing": items.RemoveAt(3); break;
            case "unknown": items[0]["key"] = "Z9"; break;
            case "twice": items.Add(items[0]); break;
            case "anchors": items[0]["anchors"] = new[] { new { value = 0, text = "a" }, new { value = 1, text = "b" } }; break;
            case "anchorText": items[0]["anchors"] = new[] { 0, 1, 2, 3, 4 }.Select(v => new { value = v, text = v == 0 ? " " : "w" }).ToList(); break;
            case "notApplicable": items[0]["notApplicableText"] = null; break;
            case "language": file["language"] = "fr"; break;
        }

        HttpResponseMessage response;
        if (kind == "json")
        {
            // The admin page reads the file itself; the same messages come back by field.
            var parsed = Talus.Web.Features.Instruments.OfficialWordingFile.Parse("{ \"instrument\": \"FaamSports\", \"items\": [ }");
            Assert.Contains(field, parsed.Errors.Keys);
            return;
        }
        response = await admin.PutAsJsonAsync("/api/instrument-wording", file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/instrument-wording/FaamSports/es")).StatusCode);
    }

    [Fact]
    public async Task Import_NotAnAdministrator_IsRefused()
    {
        using var clinician = app.ClientAs(Roles.Clinician);

        var response = await clinician.PutAsJsonAsync("/api/instrument-wording", File(InstrumentId.NrsPain, "es", "Oficial"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task QuestionnaireForm_OfficialSpanishLoaded_ShowsTheOfficialTextInsteadOfTheShortLabels()
    {
        await LoadAsync(InstrumentId.PatientGlobalAssessment, "es", "Oficial");
        using var patient = SpanishPatient();

        var page = WebUtility.HtmlDecode(await patient.GetStringAsync("/portal/questionnaires/PatientGlobalAssessment"));

        Assert.Contains("Oficial instructions for PatientGlobalAssessment.", page);
        Assert.Contains("Oficial answer 0", page);
        Assert.DoesNotContain("not-official", page);
    }

    [Fact]
    public async Task QuestionnaireForm_NoOfficialWordingInTheLanguage_SaysSoAndOffersTheLoadedLanguage()
    {
        await LoadAsync(InstrumentId.FaamAdl, "en", "Official");
        using var patient = SpanishPatient();

        var page = WebUtility.HtmlDecode(await patient.GetStringAsync("/portal/questionnaires/FaamAdl"));

        Assert.Contains("No son las palabras oficiales del cuestionario.", page);
        Assert.Contains("/language?c=en&returnUrl=%2Fportal%2Fquestionnaires%2FFaamAdl", page);
        Assert.Contains("Contestarlo en inglés", page);

        using var clinician = app.ClientAs(Roles.Clinician);
        var demo = await app.DemoPatientAsync();
        var staff = WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{demo.Id}/questionnaires/FaamSports"));
        Assert.Contains("not the official wording", staff);
    }

    private async Task LoadAsync(InstrumentId id, string language, string prefix)
    {
        using var admin = app.ClientAs(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/instrument-wording", File(id, language, prefix))).StatusCode);
    }

    private HttpClient SpanishPatient()
    {
        var patient = app.ClientAs(Roles.Patient);
        patient.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Des%7Cuic%3Des");
        return patient;
    }
}

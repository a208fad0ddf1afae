using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.ClinicalRules;

/// <summary>Practice settings: read, change, refuse, reset, audit, and the rules answering with the practice's values.</summary>
[Collection(AppCollection.Name)]
public sealed class PracticeSettingsTests(TalusApp app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task List_NamesEverySettingWithValueAndSpecDefault()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var list = (await admin.GetFromJsonAsync<JsonElement>("/api/settings")).EnumerateArray().ToList();
        string[] names =
        [
            "CandidacySettings", "GradeBandSettings", "InstrumentSettings", "McidSettings", "FollowUpSettings", "RepeatInjectionSettings",
            "AfterCareSettings", "ExpectedOutcomeSettings", "RegulationSettings", "MarketingClaimSettings", "GoodFaithEstimateSettings", "ProcedureCodingSettings", "PortalBookingRules", "BillingSettings",
            "FollowUpContactSettings", "RegistrySettings", "PracticeIdentity", "FhirSettings", "FhirWriteSettings",
            "BulkExportSettings",
        ];
        Assert.Equal(names.Order(), list.Select(s => s.Str("name")).Order());
        var candidacy = Assert.Single(list, s => s.Str("name") == "CandidacySettings");
        Assert.Equal(84, candidacy.GetProperty("default").GetProperty("intraArticularSteroidWashoutDays").GetInt32());
        Assert.False(candidacy.GetProperty("value").TryGetProperty("bands", out _));
    }

    [Fact]
    public async Task ChangeThreshold_RoundTrips_IsAudited_ChangesTheRuleAnswer_AndResetRestoresIt()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var clinician = app.ClientAs(Roles.Clinician);
        var mcid = new { measure = "NrsPain", baseline = 7, followUp = 5 };
        var auditedBefore = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Resource == "PracticeSetting" && a.RecordId == "McidSettings"));
        Assert.True((await Api.OkAsync(clinician, "/api/clinical/outcomes/mcid", mcid)).GetProperty("met").GetBoolean());
        try
        {
            using var put = await admin.PutAsync("/api/settings/mcidsettings", Json("""{"nrsPainPoints": 3, "nrsPainRelative": 0.5}"""));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var saved = await admin.GetFromJsonAsync<JsonElement>("/api/settings/McidSettings");
            Assert.False(saved.GetProperty("isDefault").GetBoolean());
            Assert.Equal(3m, saved.GetProperty("value").GetProperty("nrsPainPoints").GetDecimal());
            Assert.Equal(10m, saved.GetProperty("value").GetProperty("faosPain").GetDecimal());
            Assert.Equal(2m, saved.GetProperty("default").GetProperty("nrsPainPoints").GetDecimal());
            Assert.Equal("admin@talus.example", saved.Str("updatedBy"));

            // 7 → 5 is 2 points and 29%: below the practice's 3 points / 50%.
            var verdict = await Api.OkAsync(clinician, "/api/clinical/outcomes/mcid", mcid);
            Assert.False(verdict.GetProperty("met").GetBoolean());
            Assert.Equal(3m, verdict.GetProperty("threshold").GetDecimal());

            var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Resource == "PracticeSetting" && a.RecordId == "McidSettings")
                .OrderByDescending(a => a.Id).FirstAsync());
            Assert.Equal(AuditAction.Update, audit.Action);
            Assert.Equal("admin@talus.example", audit.UserName);
            Assert.Equal(Roles.Admin, audit.Role);
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, audit.At);
            Assert.Null(audit.PatientId);
        }
        finally
        {
            using var reset = await admin.DeleteAsync("/api/settings/McidSettings");
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }
        Assert.True((await Api.OkAsync(clinician, "/api/clinical/outcomes/mcid", mcid)).GetProperty("met").GetBoolean());
        Assert.Equal(auditedBefore + 2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Resource == "PracticeSetting" && a.RecordId == "McidSettings")));
        Assert.False(await app.WithDbAsync(db => db.Settings.AnyAsync(s => s.Name == "McidSettings")));
    }

    [Fact]
    public async Task GradeBands_Changed_ChangeTheCandidacyBand()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var clinician = app.ClientAs(Roles.Clinician);
        var today = new DateOnly(2026, 11, 24);
        try
        {
            using var put = await admin.PutAsync("/api/settings/GradeBandSettings", Json("""{"kellgrenLawrenceGuardedFrom": 2}"""));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var body = await Api.OkAsync(clinician, "/api/clinical/candidacy/assess", ClinicalRulesApiTests.Candidate(today));
            Assert.Equal("Guarded", body.Str("band"));
        }
        finally
        {
            await admin.DeleteAsync("/api/settings/GradeBandSettings");
        }
        Assert.Equal("Favorable", (await Api.OkAsync(clinician, "/api/clinical/candidacy/assess", ClinicalRulesApiTests.Candidate(today))).Str("band"));
    }

    [Fact]
    public async Task MoxfqLicence_Configured_ListsAndScoresMoxfq_UntilReset()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var clinician = app.ClientAs(Roles.Clinician);
        var domains = Enumerable.Repeat("WalkingStanding", 7).Concat(Enumerable.Repeat("Pain", 5)).Concat(Enumerable.Repeat("SocialInteraction", 4));
        var licence = new { moxfq = new { licenceReference = "OUI-2026-001", items = domains.Select((d, i) => new { key = $"M{i + 1}", text = $"Licensed item {i + 1}", domain = d }) } };
        try
        {
            using var put = await admin.PutAsync("/api/settings/InstrumentSettings", Json(JsonSerializer.Serialize(licence)));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(16, (await clinician.GetFromJsonAsync<JsonElement>("/api/clinical/instruments/moxfq")).Array("items").Length);
            var score = await Api.OkAsync(clinician, "/api/clinical/instruments/Moxfq/score", new { answers = Enumerable.Repeat(2, 16) });
            Assert.Equal(50m, Assert.Single(score.Array("subscales"), s => s.Str("subscale") == "Index").GetProperty("score").GetDecimal());
        }
        finally
        {
            await admin.DeleteAsync("/api/settings/InstrumentSettings");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/api/clinical/instruments/moxfq")).StatusCode);
    }

    [Theory]
    [InlineData("McidSettings", """{"nrsPainPoints": -1}""", "nrsPainPoints")]
    [InlineData("McidSettings", """{"nrsPainPointz": 3}""", "nrsPainPointz")]
    [InlineData("McidSettings", """{"nrsPainPoints": null}""", "nrsPainPoints")]
    [InlineData("McidSettings", """{"nrsPainRelative": 1.5}""", "nrsPainRelative")]
    [InlineData("McidSettings", """{"faosPain": "ten"}""", "faosPain")]
    [InlineData("CandidacySettings", """{"minAge": 80}""", "maxAge")]
    [InlineData("CandidacySettings", """{"bands": {}}""", "bands")]
    [InlineData("CandidacySettings", """{"intraArticularSteroidWashoutDays": -84}""", "intraArticularSteroidWashoutDays")]
    [InlineData("GradeBandSettings", """{"takakuraGuardedFrom": "3c"}""", "takakuraGuardedFrom")]
    [InlineData("FollowUpSettings", """{"visits":[{"visit":"V1","targetDay":14,"windowStartDay":15,"windowEndDay":18,"instruments":["NrsPain"],"tasks":[]}]}""", "visits[0].targetDay")]
    [InlineData("FollowUpSettings", """{"visits":[{"visit":"V1","targetDay":14}]}""", "visits[0].windowStartDay")]
    [InlineData("RegulationSettings", """{"microfragmentedAdiposeFlag": "Green"}""", "microfragmentedAdiposeFlag")]
    [InlineData("GoodFaithEstimateSettings", """{"disputeThresholdCents": -40000}""", "disputeThresholdCents")]
    [InlineData("ExpectedOutcomeSettings", """{"lowerPercentile": 0.95}""", "lowerPercentile")]
    [InlineData("MarketingClaimSettings", """{"claimTerms": ["cure", ""]}""", "claimTerms[1]")]
    [InlineData("InstrumentSettings", """{"moxfq": {"licenceReference": "OUI-1", "items": []}}""", "moxfq.items")]
    [InlineData("FhirSettings", """{"systemBase": "ftp://clinic.example.org/fhir?x=1"}""", "systemBase")]
    [InlineData("FhirSettings", """{"maxPageSize": 0}""", "maxPageSize")]
    [InlineData("McidSettings", """[1, 2]""", "body")]
    public async Task Put_BadValue_Answers400NamingTheField_AndStoresNothing(string name, string json, string field)
    {
        using var admin = app.ClientAs(Roles.Admin);
        // The demo practice stores its RegulationSettings (counsel sign-off); the others are SPEC defaults (no row).
        Task<string?> StoredAsync() => app.WithDbAsync(db => db.Settings.AsNoTracking().Where(s => s.Name == name).Select(s => s.Json).FirstOrDefaultAsync());
        var before = await StoredAsync();
        await Api.BadAsync(admin, $"/api/settings/{name}", json, field, HttpMethod.Put);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Put_NotJson_Answers400()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var response = await admin.PutAsync("/api/settings/McidSettings", Json("{ nrsPainPoints: 3 "));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownSetting_Is404()
    {
        using var admin = app.ClientAs(Roles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/settings/NoSuchSettings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/api/settings/NoSuchSettings", Json("{}"))).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Billing)]
    [InlineData(Roles.Outcomes)]
    public async Task NonAdmin_Is403OnSettings_AndNothingChanges(string role)
    {
        using var client = app.ClientAs(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/settings/McidSettings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync("/api/settings/McidSettings", Json("""{"nrsPainPoints": 9}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("/api/settings/McidSettings")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Settings.AnyAsync(s => s.Name == "McidSettings")));
    }

    [Fact]
    public async Task AdminPage_EditsWithClearErrorOnBadJson_HighlightsChanges_AndResets()
    {
        using var admin = app.ClientAs(Roles.Admin);
        try
        {
            var page = await admin.GetStringAsync("/admin/settings/RepeatInjectionSettings");
            Assert.Contains("cellMinimumIntervalDays", page);

            var bad = await PostFormAsync(admin, "/admin/settings/RepeatInjectionSettings", "edit-setting", "Input.Json", """{"cellMinimumIntervalDays": 120,}""");
            Assert.Contains("Not saved", bad);
            Assert.Contains("not valid near line", bad);
            Assert.False(await app.WithDbAsync(db => db.Settings.AnyAsync(s => s.Name == "RepeatInjectionSettings")));

            var good = await PostFormAsync(admin, "/admin/settings/RepeatInjectionSettings", "edit-setting", "Input.Json", """{"cellMinimumIntervalDays": 120}""");
            Assert.Contains("RepeatInjectionSettings saved", good);
            var list = await admin.GetStringAsync("/admin/settings");
            Assert.Matches(new Regex(@"<tr class=""changed""><td>Cell minimum interval days</td>\s*<td>120 days"), list);
            var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Resource == "PracticeSetting" && a.RecordId == "RepeatInjectionSettings").OrderByDescending(a => a.Id).FirstAsync());
            Assert.Equal("admin@talus.example", audit.UserName);
            Assert.EndsWith(" /admin/settings/{Name}", audit.Endpoint, StringComparison.Ordinal);

            var reset = await PostFormAsync(admin, "/admin/settings/RepeatInjectionSettings", "reset-setting", "reset", "1");
            Assert.Contains("reset to the SPEC default", reset);
            Assert.False(await app.WithDbAsync(db => db.Settings.AnyAsync(s => s.Name == "RepeatInjectionSettings")));
        }
        finally
        {
            await admin.DeleteAsync("/api/settings/RepeatInjectionSettings");
        }
    }

    private static async Task<string> PostFormAsync(HttpClient client, string url, string form, string field, string value)
    {
        var page = await client.GetStringAsync(url);
        var input = Regex.Match(page, @"<input[^>]*__RequestVerificationToken[^>]*>").Value;
        var token = Regex.Match(input, @"value=""([^""]+)""").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the form should carry an antiforgery token: " + page[..Math.Min(page.Length, 3000)]);
        using var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = form, ["__RequestVerificationToken"] = token, [field] = value,
        }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {url} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 2000)]}");
        return System.Net.WebUtility.HtmlDecode(text);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed class CandidacyTests(TalusApp app)
{
    private static async Task<JsonElement> RunAsync(HttpClient client, Guid id, object? body = null)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{id}/candidacy", body ?? new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Run_SteroidInjection40DaysAgo_CandidateWithConditionsUntilTheWashoutDate()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "Washout", kl: 2, steroidDaysAgo: 40);

        var report = await RunAsync(client, id);

        // SPEC §2.4: IA steroid 30–83 days before → relative; washout complete 84 days after the injection.
        var expected = JourneyRecord.Today(app).AddDays(-40 + 84);
        Assert.Equal("CandidateWithConditions", report.GetProperty("verdict").GetString());
        Assert.Equal(expected.ToString("yyyy-MM-dd"), report.GetProperty("earliestEligibleDate").GetString());
        Assert.Equal("Favorable", report.GetProperty("band").GetString());
        var findings = report.GetProperty("result").GetProperty("findings").EnumerateArray().ToList();
        var w1 = Assert.Single(findings, f => f.GetProperty("reason").GetProperty("code").GetString() == "W1");
        Assert.False(string.IsNullOrWhiteSpace(w1.GetProperty("reason").GetProperty("patientText").GetString()));
        Assert.StartsWith("SPEC §2.4", w1.GetProperty("reason").GetProperty("source").GetString());
        Assert.Empty(report.GetProperty("missing").EnumerateArray());
        Assert.Equal("talus-candidacy-2025.1 (SPEC v0.1)", report.GetProperty("rulesVersion").GetString());

        // Reproducible: the stored input replays to the same verdict.
        var stored = await app.WithDbAsync(db => db.CandidacyAssessments.SingleAsync(a => a.PatientId == id));
        var input = JsonSerializer.Deserialize<Talus.Clinical.CandidacyInput>(stored.InputJson, Talus.Web.Features.Candidacy.AssessCandidacy.Json)!;
        var replay = Talus.Clinical.Candidacy.Assess(input, new Talus.Clinical.CandidacySettings(), stored.AssessedOn);
        Assert.Equal(stored.Verdict, replay.Verdict);
        Assert.Equal(stored.EarliestEligibleDate, replay.EarliestEligibleDate);
    }

    [Fact]
    public async Task Run_Twice_KeepsBothAssessmentsInHistory()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "Rerun", kl: 2);
        var first = await RunAsync(client, id);
        Assert.Equal("Candidate", first.GetProperty("verdict").GetString());
        await JourneyRecord.AddKlAsync(client, app, id, 4);
        var second = await RunAsync(client, id);
        Assert.Equal("NotRecommended", second.GetProperty("verdict").GetString());

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/patients/{id}/candidacy");
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal(second.GetProperty("id").GetGuid(), history[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Run_WithoutIntakeOrLabs_NamesEachMissingItemWithWhereToEnterIt()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(client, "Missing");
        await JourneyRecord.AddExamAsync(client, app, id);

        var report = await RunAsync(client, id);

        Assert.Equal("NeedsMoreInformation", report.GetProperty("verdict").GetString());
        var missing = report.GetProperty("missing").EnumerateArray()
            .ToDictionary(m => m.GetProperty("item").GetString()!, m => m.GetProperty("href").GetString()!);
        Assert.Equal($"/patients/{id}/evaluations/labs/new", missing["platelet count"]);
        Assert.Equal($"/patients/{id}/evaluations/imaging/new", missing["imaging grade of target joint"]);
        Assert.True(missing.ContainsKey("symptom duration"));
        Assert.True(missing.ContainsKey("BMI"));

        var page = await client.GetStringAsync($"/patients/{id}/candidacy");
        Assert.Contains("Missing information", page);
        Assert.Contains("platelet count", page);
    }

    [Fact]
    public async Task Run_NoTargetJointAnywhere_Answers400NamingJointAndWritesNothing()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(client, "NoJoint");
        var response = await client.PostAsJsonAsync($"/api/patients/{id}/candidacy", new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("joint", out _), problem.ToString());
        Assert.Equal(0, await app.WithDbAsync(db => db.CandidacyAssessments.CountAsync(a => a.PatientId == id)));
    }

    [Fact]
    public async Task Override_WithoutReason_Answers400AndChangesNothing()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "NoReason", kl: 4);
        var report = await RunAsync(client, id);
        var assessmentId = report.GetProperty("id").GetGuid();

        foreach (var body in new object[] { new { }, new { reason = "" } })
        {
            var response = await client.PostAsJsonAsync($"/api/patients/{id}/candidacy/{assessmentId}/override", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _), problem.ToString());
        }
        var stored = await app.WithDbAsync(db => db.CandidacyAssessments.SingleAsync(a => a.Id == assessmentId));
        Assert.Null(stored.OverrideVerdict);
        Assert.Null(stored.OverrideReason);
        Assert.Null(stored.OverriddenAt);
    }

    [Fact]
    public async Task Override_WithReason_KeepsWhatItOverrodeAndIsAudited()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "Overridden", kl: 4);
        var report = await RunAsync(client, id);
        Assert.Equal("NotRecommended", report.GetProperty("verdict").GetString());
        var assessmentId = report.GetProperty("id").GetGuid();

        var response = await client.PostAsJsonAsync($"/api/patients/{id}/candidacy/{assessmentId}/override",
            new { reason = "Declines fusion; informed of lower expected benefit (shared decision documented)." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("NotRecommended", body.GetProperty("verdict").GetString());
        Assert.Equal("Candidate", body.GetProperty("effectiveVerdict").GetString());
        Assert.Equal("clinician@talus.example", body.GetProperty("overriddenBy").GetString());
        Assert.Contains(body.GetProperty("overridden").EnumerateArray(), f => f.GetProperty("reason").GetProperty("code").GetString() == "B4");

        var stored = await app.WithDbAsync(db => db.CandidacyAssessments.SingleAsync(a => a.Id == assessmentId));
        Assert.Equal(Talus.Clinical.CandidacyVerdict.NotRecommended, stored.Verdict);
        Assert.Equal(Talus.Clinical.CandidacyVerdict.Candidate, stored.OverrideVerdict);
        Assert.StartsWith("Declines fusion", stored.OverrideReason);
        Assert.Contains("\"B4\"", stored.ResultJson);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.PatientId == id && a.Resource == nameof(CandidacyAssessment)
            && a.Action == AuditAction.Update && a.RecordId == assessmentId.ToString()).ToListAsync());
        Assert.Contains(audit, a => a.UserName == "clinician@talus.example");

        var again = await client.PostAsJsonAsync($"/api/patients/{id}/candidacy/{assessmentId}/override", new { reason = "Second try" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Override_AbsoluteContraindication_IsRefused()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "Absolute", kl: 2);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/patients/{id}/labs", new { loinc = "777-3", value = 40, collectedOn = JourneyRecord.Today(app) })).StatusCode);
        var report = await RunAsync(client, id);
        Assert.Equal("NotCandidate", report.GetProperty("verdict").GetString());
        var response = await client.PostAsJsonAsync($"/api/patients/{id}/candidacy/{report.GetProperty("id").GetGuid()}/override", new { reason = "Wants it anyway" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.CandidacyAssessments.Where(a => a.Id == report.GetProperty("id").GetGuid()).Select(a => a.OverrideVerdict).SingleAsync()));
    }

    [Fact]
    public async Task ReportPage_ShowsVerdictReasonsRulesVersionAndInputs()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "ReportPage", kl: 2, steroidDaysAgo: 40);
        await RunAsync(client, id);
        var page = await client.GetStringAsync($"/patients/{id}/candidacy");
        Assert.Contains("Candidate with conditions", page);
        Assert.Contains("W1", page);
        Assert.Contains("talus-candidacy-2025.1", page);
        Assert.Contains("Inputs used", page);
        Assert.Contains(JourneyRecord.Today(app).AddDays(44).ToString("yyyy-MM-dd"), page);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed class QuestionnaireTests(TalusApp app)
{
    /// <summary>SPEC §3.1 worked example in the Pain subscale; the other subscales chosen to give round numbers.</summary>
    private static Dictionary<string, int?> FaosWorkedExample()
    {
        var answers = new Dictionary<string, int?>();
        for (var i = 1; i <= 7; i++) answers[$"S{i}"] = 0;
        int[] pain = [1, 2, 2, 3, 1, 0, 2, 1, 2];
        for (var i = 1; i <= 9; i++) answers[$"P{i}"] = pain[i - 1];
        for (var i = 1; i <= 17; i++) answers[$"A{i}"] = 1;
        for (var i = 1; i <= 5; i++) answers[$"SP{i}"] = 3;
        for (var i = 1; i <= 4; i++) answers[$"Q{i}"] = 4;
        return answers;
    }

    [Fact]
    public async Task Faos_PartialSaveThenSubmit_ScoresTheWorkedExampleUnrounded()
    {
        var patientId = await IntakeApiTests.NewPatientAsync(app, "Faos");
        using var client = app.ClientAs(Roles.FrontDesk);
        var all = FaosWorkedExample();
        var first = all.Take(10).ToDictionary();
        var created = await client.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires", new { instrument = "Faos", answers = first });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var early = await client.PostAsync($"/api/patients/{patientId}/questionnaires/{id}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Function in daily living", await early.Content.ReadAsStringAsync());
        Assert.Equal(RecordStatus.Draft, await app.WithDbAsync(db => db.QuestionnaireResponses.Where(q => q.Id == id).Select(q => q.Status).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/patients/{patientId}/questionnaires/{id}", new { answers = all })).StatusCode);
        var submitted = await client.PostAsync($"/api/patients/{patientId}/questionnaires/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var scores = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scores");
        Assert.Equal(100m, scores.GetProperty("Symptoms").GetDecimal());
        Assert.Equal(61.1111m, Math.Round(scores.GetProperty("Pain").GetDecimal(), 4));
        Assert.NotEqual(61.1m, scores.GetProperty("Pain").GetDecimal());
        Assert.Equal(75m, scores.GetProperty("Adl").GetDecimal());
        Assert.Equal(25m, scores.GetProperty("SportRec").GetDecimal());
        Assert.Equal(0m, scores.GetProperty("Qol").GetDecimal());

        var stored = await app.WithDbAsync(db => db.QuestionnaireResponses.SingleAsync(q => q.Id == id));
        Assert.Equal("Faos HundredMinusTwentyFiveTimesMean Koos2012HalfAnswered", stored.ScoringVersion);
        Assert.Equal(new DateOnly(2026, 11, 24), stored.CompletedOn);
        Assert.Contains("61.111111", stored.ScoresJson);
    }

    [Fact]
    public async Task FaamAdl_NotApplicableExcluded_AndNrsSingleValue()
    {
        var patientId = await IntakeApiTests.NewPatientAsync(app, "Faam");
        using var client = app.ClientAs(Roles.Clinician);
        var answers = Enumerable.Range(1, 21).ToDictionary(i => $"ADL{i}", i => (int?)(i <= 2 ? -1 : 3));
        var faam = await client.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true", new { instrument = "FaamAdl", answers });
        Assert.Equal(HttpStatusCode.Created, faam.StatusCode);
        Assert.Equal(75m, (await faam.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scores").GetProperty("Adl").GetDecimal());

        var nrs = await client.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true", new { instrument = "NrsPain", answers = new { NrsPain = 7 } });
        Assert.Equal(HttpStatusCode.Created, nrs.StatusCode);
        Assert.Equal(7m, (await nrs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scores").GetProperty("Score").GetDecimal());
    }

    public static TheoryData<string, string> BadResponses() => new()
    {
        { """{"instrument":"Faos","answers":{"Z9":1}}""", "answers.Z9" },
        { """{"instrument":"Faos","answers":{"P1":5}}""", "answers.P1" },
        { """{"instrument":"Faos","answers":{"P1":-1}}""", "answers.P1" },
        { """{"instrument":"Moxfq","answers":{}}""", "instrument" },
        { """{"instrument":"Nope","answers":{}}""", "instrument" },
        { """{"instrument":"NrsPain","answers":{"NrsPain":11}}""", "answers.NrsPain" },
        { """{"answers":{}}""", "instrument" },
    };

    [Theory]
    [MemberData(nameof(BadResponses))]
    public async Task Start_BadInput_Answers400NamingTheFieldAndWritesNothing(string json, string field)
    {
        var patient = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Patient);
        var before = await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync());
        var response = await client.PostAsync($"/api/patients/{patient.Id}/questionnaires", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)), $"errors should name {field}: {errors}");
        Assert.Equal(before, await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync()));
    }

    [Fact]
    public async Task SubmitAtOnce_TooFewAnswers_Answers400AndWritesNothing()
    {
        var patient = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Patient);
        var before = await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync());
        var response = await client.PostAsJsonAsync($"/api/patients/{patient.Id}/questionnaires?submit=true", new { instrument = "Faos", answers = new { P1 = 2 } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync()));
    }

    [Fact]
    public async Task Update_OutOfRange_Answers400AndKeepsTheDraft()
    {
        var patientId = await IntakeApiTests.NewPatientAsync(app, "Draft");
        using var client = app.ClientAs(Roles.FrontDesk);
        var id = (await (await client.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires", new { instrument = "Faos", answers = new { P1 = 2 } })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var bad = await client.PutAsJsonAsync($"/api/patients/{patientId}/questionnaires/{id}", new { answers = new { P1 = 9 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"P1\":2", await app.WithDbAsync(db => db.QuestionnaireResponses.Where(q => q.Id == id).Select(q => q.AnswersJson).SingleAsync()));
    }

    [Fact]
    public async Task Portal_PatientSeesOwnFormsAndScores()
    {
        using var patient = app.ClientAs(Roles.Patient);
        var html = await patient.GetStringAsync("/portal");
        Assert.Contains("Your forms", html);
        Assert.Contains("Daily activities (FAAM)", html);
        Assert.Contains("Your scores", html);
        Assert.Matches(@"<td class=""num"">\d+\.\d</td>", html);
    }
}

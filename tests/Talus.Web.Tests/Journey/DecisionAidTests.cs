using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.DecisionAid;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed class DecisionAidTests(TalusApp app)
{
    private static JsonElement Option(JsonElement aid, string key) =>
        aid.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("key").GetString() == key);

    [Fact]
    public async Task DecisionAid_EndStageJoint_GivesNoNumberWhereTheModelHasNoPrior()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "EndStage", kl: 4);

        var aid = await client.GetFromJsonAsync<JsonElement>($"/api/patients/{id}/decision-aid?joint=Ankle&side=Right");

        Assert.Equal("Unfavorable", aid.GetProperty("band").GetString());
        // SPEC §5.3 has no PRP / steroid / HA row for the Unfavorable band: no number, a reason instead.
        foreach (var key in new[] { "prp", "steroid", "ha" })
        {
            var o = Option(aid, key);
            Assert.False(o.GetProperty("modelled").GetBoolean());
            Assert.Empty(o.GetProperty("outcomes").EnumerateArray());
            Assert.Contains("we do not give a number", o.GetProperty("noEstimateReason").GetString());
        }
        foreach (var key in new[] { "pt", "orthotics", "surgery" })
        {
            Assert.Contains("Not modeled", Option(aid, key).GetProperty("noEstimateReason").GetString());
        }
        // Cell-based Unfavorable has a prior: 0.35 / 0.30 / 0.25 with the saline reference.
        var bmac = Option(aid, "bmac");
        Assert.True(bmac.GetProperty("modelled").GetBoolean());
        var m12 = bmac.GetProperty("outcomes").EnumerateArray().Single(p => p.GetProperty("months").GetInt32() == 12);
        Assert.Equal(0.25m, m12.GetProperty("mean").GetDecimal());
        Assert.True(m12.GetProperty("low").GetDecimal() < 0.25m && m12.GetProperty("high").GetDecimal() > 0.25m);
        Assert.Equal(0.30m, m12.GetProperty("salineMean").GetDecimal());
        Assert.Equal("Randomized trials have not shown cell injections to be better than a steroid or saline injection.", aid.GetProperty("evidenceStatement").GetString());
        Assert.Equal("Amber", bmac.GetProperty("flag").GetString());
        Assert.Contains("The FDA has not approved any stem cell product", bmac.GetProperty("regulatoryStatus").GetString());

        var page = await client.GetStringAsync($"/patients/{id}/decision-aid?joint=Ankle&side=Right&option=prp");
        Assert.Contains("we do not give a number", page);
        Assert.Contains("so no picture is shown", page);
    }

    [Fact]
    public async Task DecisionAid_NoGradeYet_GivesNoNumberForAnyOption()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(client, "NoGrade");
        await JourneyRecord.AddExamAsync(client, app, id);
        var aid = await client.GetFromJsonAsync<JsonElement>($"/api/patients/{id}/decision-aid");
        Assert.All(aid.GetProperty("options").EnumerateArray(), o => Assert.Empty(o.GetProperty("outcomes").EnumerateArray()));
    }

    [Fact]
    public async Task MarkShown_StoresContentVersionOptionsAndChoice_AndThePortalShowsIt()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "Shown", kl: 2);

        var response = await client.PostAsJsonAsync($"/api/patients/{id}/decision-aid/records", new { joint = "Ankle", side = "Right", chosenOption = "prp" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = await app.WithDbAsync(db => db.DecisionAids.SingleAsync(r => r.PatientId == id));
        Assert.Equal(BuildDecisionAid.ContentVersion, record.ContentVersion);
        Assert.Equal("prp", record.ChosenOption);
        Assert.Equal("clinician@talus.example", record.ShownBy);
        var stored = JsonDocument.Parse(record.OptionsJson).RootElement;
        Assert.Equal(8, stored.GetProperty("options").GetArrayLength());
        // The numbers shown are stored: the SPEC §5.3 prior updated with the demo registry's local follow-ups.
        var shown = await client.GetFromJsonAsync<JsonElement>($"/api/patients/{id}/decision-aid?joint=Ankle&side=Right");
        Assert.Equal(Option(shown, "bmac").GetProperty("outcomes").GetRawText(), Option(stored, "bmac").GetProperty("outcomes").GetRawText());
        Assert.True(Option(stored, "bmac").GetProperty("outcomes")[0].GetProperty("localPatients").GetInt32() > 0);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/patients/{id}/decision-aid/records");
        Assert.Equal(1, list.GetArrayLength());
    }

    [Fact]
    public async Task MarkShown_UnknownOption_Answers400AndWritesNothing()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(client, app, "BadChoice", kl: 2);
        var response = await client.PostAsJsonAsync($"/api/patients/{id}/decision-aid/records", new { joint = "Ankle", side = "Right", chosenOption = "miracle" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("chosenOption", out _), problem.ToString());
        Assert.Equal(0, await app.WithDbAsync(db => db.DecisionAids.CountAsync(r => r.PatientId == id)));
    }

    [Fact]
    public async Task Portal_DemoPatient_SeesTheDecisionAidShownToHer()
    {
        using var client = app.ClientAs(Roles.Patient);
        var page = await client.GetStringAsync("/portal/decision-aid");
        Assert.Contains("Your treatment options", page);
        Assert.Contains("Randomized trials have not shown cell injections to be better than a steroid or saline injection.", page);
        Assert.Contains("Out of 100 people like you", page);
        Assert.Contains("typical US self-pay range", page);
    }

    [Fact]
    public async Task Demo_PortalPatient_HasEvaluationCandidacyWithWashoutAndDecisionAid()
    {
        var patient = await app.DemoPatientAsync();
        var first = await app.WithDbAsync(db => db.CandidacyAssessments.Where(a => a.PatientId == patient.Id).OrderBy(a => a.At).FirstAsync());
        Assert.Equal(Talus.Clinical.CandidacyVerdict.CandidateWithConditions, first.Verdict);
        Assert.NotNull(first.EarliestEligibleDate);
        Assert.True(await app.WithDbAsync(db => db.Evaluations.AnyAsync(e => e.PatientId == patient.Id)));
        Assert.True(await app.WithDbAsync(db => db.DecisionAids.AnyAsync(e => e.PatientId == patient.Id)));
        var assessedPatients = await app.WithDbAsync(db => db.CandidacyAssessments.Select(a => a.PatientId).Distinct().CountAsync());
        Assert.True(assessedPatients > 100, $"only {assessedPatients} demo patients assessed");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.ClinicalRules;

/// <summary>
/// Every /api/clinical endpoint through HTTP: a worked example of the SPEC and at least one refused input
/// (400 naming the field). The test clock's practice date is Tuesday 24 November 2026.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ClinicalRulesApiTests(TalusApp app)
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private readonly HttpClient client = app.ClientAs(Roles.Clinician);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    // ------------------------------------------------------------ instruments

    [Fact]
    public async Task Instruments_List_GivesDefinitionsWithItemsAnchorsAndLicence_WithoutUnlicensedMoxfq()
    {
        var list = (await client.GetFromJsonAsync<JsonElement>("/api/clinical/instruments")).EnumerateArray().ToList();
        var faos = Assert.Single(list, i => i.Str("id") == "Faos");
        Assert.Equal(42, faos.Array("items").Length);
        Assert.Equal("P1", faos.Array("items")[7].Str("key"));
        Assert.Equal(5, faos.Array("items")[7].Array("anchors").Length);
        Assert.Equal(5, faos.Array("subscales").Length);
        Assert.Equal("Free", Assert.Single(list, i => i.Str("id") == "FaamAdl").Str("licence"));
        Assert.DoesNotContain(list, i => i.Str("id") == "Moxfq");
    }

    [Fact]
    public async Task Instrument_ReadOne_CaseInsensitive_UnknownAndUnlicensedAre404()
    {
        var faam = await client.GetFromJsonAsync<JsonElement>("/api/clinical/instruments/faamsports");
        Assert.Equal(8, faam.Array("items").Length);
        Assert.True(faam.Array("items")[0].GetProperty("allowsNotApplicable").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/clinical/instruments/koos")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/clinical/instruments/Moxfq")).StatusCode);
    }

    [Fact]
    public async Task ScoreFaos_PainWorkedExample_Gives61Point1DisplayedAndUnroundedScore()
    {
        // SPEC §3.1: Pain {1,2,2,3,1,0,2,1,2} → mean 1.5556 → 61.1.
        var body = await Api.OkAsync(client, "/api/clinical/instruments/Faos/score", new
        {
            answersByKey = new Dictionary<string, int> { ["P1"] = 1, ["P2"] = 2, ["P3"] = 2, ["P4"] = 3, ["P5"] = 1, ["P6"] = 0, ["P7"] = 2, ["P8"] = 1, ["P9"] = 2 },
        });
        var pain = Assert.Single(body.Array("subscales"), s => s.Str("subscale") == "Pain");
        Assert.Equal(61.1m, pain.GetProperty("display").GetDecimal());
        Assert.StartsWith("61.111", pain.GetProperty("score").GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var symptoms = Assert.Single(body.Array("subscales"), s => s.Str("subscale") == "Symptoms");
        Assert.Equal(JsonValueKind.Null, symptoms.GetProperty("score").ValueKind);
        Assert.Equal("PROM-TOO-FEW-ANSWERED", symptoms.GetProperty("reason").Str("code"));
    }

    [Fact]
    public async Task ScoreFaos_AllAnswersTwo_GivesFiftyInEverySubscale()
    {
        var body = await Api.OkAsync(client, "/api/clinical/instruments/faos/score", new { answers = Enumerable.Repeat(2, 42) });
        Assert.All(body.Array("subscales"), s => Assert.Equal(50m, s.GetProperty("score").GetDecimal()));
    }

    [Fact]
    public async Task ScoreFaam_AdlAllFourAndSportsWithNotApplicable_GiveHundred()
    {
        var adl = await Api.OkAsync(client, "/api/clinical/instruments/FaamAdl/score", new { answers = Enumerable.Repeat(4, 21) });
        Assert.Equal(100m, adl.Array("subscales")[0].GetProperty("score").GetDecimal());
        var sports = await Api.OkAsync(client, "/api/clinical/instruments/FaamSports/score", new { answers = new[] { 4, 4, 4, 4, 4, 4, 4, -1 } });
        Assert.Equal(100m, sports.Array("subscales")[0].GetProperty("score").GetDecimal());
        Assert.Equal(7, sports.Array("subscales")[0].GetProperty("answered").GetInt32());
    }

    [Theory]
    [InlineData("NrsPain", "7")]
    [InlineData("VasPain", "35.5")]
    [InlineData("PatientGlobalAssessment", "40")]
    [InlineData("PromisPhysicalFunction", "42.3")]
    [InlineData("Sane", "80")]
    public async Task ScoreSingleValue_InRange_ReturnsTheValue(string instrument, string value)
    {
        var body = await Api.OkAsync(client, $"/api/clinical/instruments/{instrument}/score", new { value = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), body.Array("subscales")[0].GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task ScoreAofas_Components_GiveTotalAndLegacyReason()
    {
        var body = await Api.OkAsync(client, "/api/clinical/instruments/AofasAnkleHindfoot/score", new
        {
            aofas = new { pain = 30, activityLimitation = 7, maximumWalkingDistance = 4, walkingSurfaces = 3, gaitAbnormality = 8, sagittalMotion = 4, hindfootMotion = 3, ankleHindfootStability = 8, alignment = 10 },
        });
        Assert.Equal(77m, Assert.Single(body.Array("subscales"), s => s.Str("subscale") == "Total").GetProperty("score").GetDecimal());
        Assert.Equal("AOFAS-LEGACY", body.Array("reasons")[0].Str("code"));
    }

    [Theory]
    [InlineData("Faos", """{"answersByKey":{"P1":5}}""", "answers.P1")]
    [InlineData("Faos", """{"answersByKey":{"Z9":1}}""", "answers.Z9")]
    [InlineData("Faos", """{"answers":[1,2,3]}""", "answers")]
    [InlineData("Faos", """{"value":3}""", "answers")]
    [InlineData("Faos", """{"answers":"many"}""", "answers")]
    [InlineData("FaamAdl", """{"answers":[4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,9]}""", "answers.ADL21")]
    [InlineData("NrsPain", """{"value":11}""", "value")]
    [InlineData("NrsPain", """{"value":2.5}""", "value")]
    [InlineData("PromisPhysicalFunction", """{"value":95}""", "value")]
    [InlineData("AofasAnkleHindfoot", """{"aofas":{"pain":45,"activityLimitation":7,"maximumWalkingDistance":4,"walkingSurfaces":3,"gaitAbnormality":8,"sagittalMotion":4,"hindfootMotion":3,"ankleHindfootStability":8,"alignment":10}}""", "aofas.pain")]
    [InlineData("AofasAnkleHindfoot", """{"aofas":{"pain":30}}""", "aofas.activityLimitation")]
    [InlineData("Moxfq", """{"answers":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}""", "settings.moxfq")]
    public async Task Score_BadInput_Answers400NamingTheField(string instrument, string json, string field) =>
        await Api.BadAsync(client, $"/api/clinical/instruments/{instrument}/score", json, field);

    [Fact]
    public async Task Score_UnknownInstrument_Is404()
    {
        using var response = await client.PostAsync("/api/clinical/instruments/Womac/score", new StringContent("""{"answers":[1]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // ------------------------------------------------------------ grading

    [Fact]
    public async Task Grade_TakakuraThreeA_IsGuarded()
    {
        var body = await Api.OkAsync(client, "/api/clinical/grading/grade", new { system = "Takakura", value = "3a", joint = "Ankle", side = "Left", reader = "Dr Lee", readOn = "2026-11-01" });
        Assert.Equal("Guarded", body.Str("band"));
        Assert.Equal("Takakura1995-Tanaka2006", body.GetProperty("grade").Str("definitionVersion"));
    }

    [Theory]
    [InlineData("""{"system":"Takakura","value":"2","joint":"Subtalar","side":"Left","reader":"Dr Lee","readOn":"2026-11-01"}""", "system")]
    [InlineData("""{"system":"CoughlinShurnas","value":"2","joint":"Ankle","side":"Left","reader":"Dr Lee","readOn":"2026-11-01"}""", "system")]
    [InlineData("""{"system":"KellgrenLawrence","value":"5","joint":"Ankle","side":"Left","reader":"Dr Lee","readOn":"2026-11-01"}""", "value")]
    [InlineData("""{"system":"KellgrenLawrence","value":"2","joint":"Ankle","side":"Left","reader":" ","readOn":"2026-11-01"}""", "reader")]
    [InlineData("""{"system":"KellgrenLawrence","value":"2","joint":"Ankle","side":"Left","reader":"Dr Lee","readOn":"2027-01-01"}""", "readOn")]
    [InlineData("""{"system":"KellgrenLawrence","value":"2","joint":"Ankle","side":"Left","reader":"Dr Lee","readOn":"2026-02-30"}""", "readOn")]
    [InlineData("""{"system":"KellgrenLawrence","value":"2","joint":"Knee","side":"Left","reader":"Dr Lee","readOn":"2026-11-01"}""", "joint")]
    [InlineData("""{"system":"KellgrenLawrence","value":"2","side":"Left","reader":"Dr Lee","readOn":"2026-11-01"}""", "joint")]
    public async Task Grade_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/grading/grade", json, field);

    [Fact]
    public async Task TargetJointBand_WorstGradeOfTheTargetJointWins()
    {
        var body = await Api.OkAsync(client, "/api/clinical/grading/target-joint-band", new
        {
            joint = "Ankle", side = "Right",
            grades = new object[]
            {
                new { system = "KellgrenLawrence", value = "2", joint = "Ankle", side = "Right", reader = "Dr Lee", readOn = "2026-10-01" },
                new { system = "Takakura", value = "3b", joint = "Ankle", side = "Right", reader = "Dr Kim", readOn = "2026-10-02" },
                new { system = "KellgrenLawrence", value = "4", joint = "Ankle", side = "Left", reader = "Dr Lee", readOn = "2026-10-01" },
            },
        });
        Assert.Equal("Unfavorable", body.Str("band"));
        Assert.Equal("3b", body.GetProperty("decidingGrade").Str("value"));
    }

    [Fact]
    public async Task TargetJointBand_InvalidSecondGrade_Answers400NamingIt() =>
        await Api.BadAsync(client, "/api/clinical/grading/target-joint-band", """
            {"joint":"Ankle","side":"Right","grades":[
              {"system":"KellgrenLawrence","value":"2","joint":"Ankle","side":"Right","reader":"Dr Lee","readOn":"2026-10-01"},
              {"system":"Takakura","value":"3c","joint":"Ankle","side":"Right","reader":"Dr Lee","readOn":"2026-10-01"}]}
            """, "grades[1].value");

    [Fact]
    public async Task TargetJointBand_NullGrade_Answers400NamingTheEntry() =>
        await Api.BadAsync(client, "/api/clinical/grading/target-joint-band", """{"joint":"Ankle","side":"Right","grades":[null]}""", "grades[0]");

    [Fact]
    public async Task CoughlinShurnas_DorsiflexionTwentyFive_IsGradeTwo()
    {
        var body = await Api.OkAsync(client, "/api/clinical/grading/coughlin-shurnas", new
        {
            radiograph = "OsteophytesUpToQuarterDorsalSpace", clinical = "MildPainAtExtremes", dorsiflexionDegrees = 25,
        });
        Assert.Equal(2, body.GetProperty("grade").GetInt32());
    }

    [Theory]
    [InlineData("""{"radiograph":"Normal","clinical":"MildPainAtExtremes"}""", "dorsiflexionDegrees")]
    [InlineData("""{"radiograph":"Normal","clinical":"MildPainAtExtremes","motionLossPercent":140}""", "motionLossPercent")]
    [InlineData("""{"radiograph":7,"clinical":"MildPainAtExtremes","dorsiflexionDegrees":20}""", "radiograph")]
    [InlineData("""{"clinical":"MildPainAtExtremes","dorsiflexionDegrees":20}""", "radiograph")]
    public async Task CoughlinShurnas_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/grading/coughlin-shurnas", json, field);

    // ------------------------------------------------------------ candidacy

    internal static Dictionary<string, object?> Candidate(DateOnly today) => new()
    {
        ["targetJoint"] = "Ankle", ["targetSide"] = "Right", ["product"] = "BoneMarrowAspirateConcentrate",
        ["grades"] = new[] { new { system = "KellgrenLawrence", value = "2", joint = "Ankle", side = "Right", reader = "Dr Reader", readOn = Iso(today.AddDays(-30)), definitionVersion = "KL1957-original" } },
        ["dateOfBirth"] = "1970-01-01", ["symptomDurationMonths"] = 12, ["conservativeCareMonths"] = 6,
        ["conservativeModalities"] = new[] { "PhysicalTherapy", "Orthotics" }, ["painNrs"] = 6,
        ["canGiveInformedConsent"] = true, ["canCompleteFollowUp"] = true, ["activeInfection"] = false, ["hemodynamicInstability"] = false,
        ["plateletDysfunction"] = false, ["activeMalignancy"] = false, ["hematologicOrBoneMalignancy"] = false, ["pregnantOrBreastfeeding"] = false,
        ["diabetic"] = false, ["knownCoagulopathy"] = false, ["inflammatoryArthritis"] = false, ["currentSmoker"] = false,
        ["instabilityOrMechanicalSymptoms"] = false, ["malalignmentDegrees"] = 3, ["malignancyHistory"] = false,
        ["history"] = Array.Empty<object>(), ["bmi"] = 27, ["hemoglobinGramsPerDeciliter"] = 13.5, ["platelets"] = 250, ["inr"] = 1.0,
        ["creatinineMgPerDeciliter"] = 0.9, ["altUnitsPerLiter"] = 25, ["astUnitsPerLiter"] = 22,
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> input, string key, object? value) => new(input) { [key] = value };

    [Fact]
    public async Task Candidacy_SteroidInjectionFortyDaysAgo_IsCandidateWithConditionsAndTheWashoutDate()
    {
        var steroidOn = Today.AddDays(-40);
        var body = await Api.OkAsync(client, "/api/clinical/candidacy/assess",
            With(Candidate(Today), "history", new[] { new { kind = "IntraArticularSteroidTargetJoint", lastOn = Iso(steroidOn) } }));
        Assert.Equal("CandidateWithConditions", body.Str("verdict"));
        Assert.Equal(Iso(steroidOn.AddDays(84)), body.Str("earliestEligibleDate"));
        var w1 = Assert.Single(body.Array("findings"), f => f.GetProperty("reason").Str("code") == "W1");
        Assert.Equal(Iso(steroidOn.AddDays(84)), w1.Str("clearsOn"));
        Assert.Equal("Favorable", body.Str("band"));
    }

    [Fact]
    public async Task Candidacy_EveryCriterionMet_IsCandidate()
    {
        var body = await Api.OkAsync(client, "/api/clinical/candidacy/assess", Candidate(Today));
        Assert.Equal("Candidate", body.Str("verdict"));
        Assert.Equal(Iso(Today), body.Str("assessedFor"));
    }

    public static TheoryData<string, object?, string> BadCandidacy() => new()
    {
        { "targetSide", null, "targetSide" },
        { "product", "Stemcells", "product" },
        { "plannedProcedureDate", "2026-01-05", "plannedProcedureDate" },
        { "painNrs", 14, "painNrs" },
        { "dateOfBirth", "1970-13-01", "dateOfBirth" },
        { "grades", new object?[] { null }, "grades[0]" },
        { "grades", null, "grades" },
        { "grades", new[] { new { system = "CoughlinShurnas", value = "2", joint = "Ankle", side = "Right", reader = "Dr R", readOn = "2026-10-01", definitionVersion = "CS2003" } }, "grades[0].system" },
        { "history", new[] { new { kind = "Nsaid", lastOn = "2027-05-01" } }, "history[0].lastOn" },
    };

    [Theory]
    [MemberData(nameof(BadCandidacy))]
    public async Task Candidacy_BadInput_Answers400NamingTheField(string key, object? value, string field)
    {
        var input = key == "targetSide" ? Candidate(Today).Where(p => p.Key != key).ToDictionary() : With(Candidate(Today), key, value);
        await Api.BadAsync(client, "/api/clinical/candidacy/assess", JsonSerializer.Serialize(input), field);
    }

    [Fact]
    public async Task CandidacyOverride_RelativeBmi_WithReason_GivesCandidate()
    {
        var body = await Api.OkAsync(client, "/api/clinical/candidacy/override", new
        {
            assessment = With(Candidate(Today), "bmi", 36), clinician = "Dr Reader", reason = "Weight-loss programme; higher risk explained.",
        });
        Assert.Equal("Candidate", body.Str("verdict"));
        Assert.Contains(body.Array("overridden"), f => f.GetProperty("reason").Str("code") == "R2");
    }

    [Fact]
    public async Task CandidacyOverride_WithoutReason_Answers400NamingReason() =>
        await Api.BadAsync(client, "/api/clinical/candidacy/override",
            JsonSerializer.Serialize(new { assessment = With(Candidate(Today), "bmi", 36), clinician = "Dr Reader", reason = " " }), "reason");

    [Fact]
    public async Task CandidacyOverride_AbsoluteContraindication_Answers400NamingVerdict() =>
        await Api.BadAsync(client, "/api/clinical/candidacy/override",
            JsonSerializer.Serialize(new { assessment = With(Candidate(Today), "activeInfection", true), clinician = "Dr Reader", reason = "Because." }), "verdict");

    // ------------------------------------------------------------ outcomes

    [Fact]
    public async Task Mcid_NrsSevenToFive_IsMet()
    {
        var body = await Api.OkAsync(client, "/api/clinical/outcomes/mcid", new { measure = "NrsPain", baseline = 7, followUp = 5 });
        Assert.True(body.GetProperty("met").GetBoolean());
        Assert.Equal(2m, body.GetProperty("improvement").GetDecimal());
    }

    [Theory]
    [InlineData("""{"measure":"FaosPain","baseline":120,"followUp":60}""", "baseline")]
    [InlineData("""{"measure":"NrsPain","baseline":7,"followUp":-1}""", "followUp")]
    [InlineData("""{"measure":"FaosPainz","baseline":50,"followUp":60}""", "measure")]
    [InlineData("""{"measure":"FaosPain","baseline":50}""", "followUp")]
    public async Task Mcid_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/outcomes/mcid", json, field);

    [Fact]
    public async Task OmeractOarsi_HighPainImprovement_IsResponderNotWorsened()
    {
        var body = await Api.OkAsync(client, "/api/clinical/outcomes/omeract-oarsi", new
        {
            baseline = new { pain = 60, function = 50, patientGlobal = 70 }, followUp = new { pain = 25, function = 45, patientGlobal = 50 },
        });
        Assert.True(body.GetProperty("responder").GetProperty("met").GetBoolean());
        Assert.True(body.GetProperty("responder").GetProperty("highChange").GetBoolean());
        Assert.False(body.GetProperty("worsened").GetProperty("met").GetBoolean());
    }

    [Fact]
    public async Task OmeractOarsi_PainOutOfRange_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/outcomes/omeract-oarsi", """{"baseline":{"pain":150},"followUp":{"pain":20}}""", "baseline.pain");

    [Fact]
    public async Task Response_ResponderAtV3_IsResponder()
    {
        var body = await Api.OkAsync(client, "/api/clinical/outcomes/response", new
        {
            baseline = new { nrsPain = 7, faosPain = 40, faosAdl = 50, patientGlobal = 70 },
            visits = new[] { new { visit = "V3", date = "2026-09-01", scores = new { nrsPain = 3, faosPain = 70, faosAdl = 65, patientGlobal = 40 } } },
        });
        Assert.Equal("Responder", body.Str("category"));
        Assert.Equal("V3", body.Str("decidedAt"));
    }

    [Theory]
    [InlineData("""{"baseline":{"nrsPain":7},"visits":[{"visit":"V3","date":"2026-09-01","scores":{"nrsPain":12}}]}""", "visits[0].scores.nrsPain")]
    [InlineData("""{"baseline":{"nrsPain":7}}""", "visits")]
    [InlineData("""{"baseline":{"nrsPain":7},"visits":[{"visit":"V9","date":"2026-09-01","scores":{}}]}""", "visits[0].visit")]
    public async Task Response_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/outcomes/response", json, field);

    // ------------------------------------------------------------ follow-up, repeat, after-care, expected outcome

    private static readonly string[] Completed = ["SafetyCall", "V1"];

    [Fact]
    public async Task FollowUp_IndexInjectionFiftyFourDaysAgo_ListsOverdueVisitsAndV3Next()
    {
        var index = Today.AddDays(-54);
        var body = await Api.OkAsync(client, "/api/clinical/follow-up/schedule", new
        {
            indexInjectionDate = Iso(index), completed = Completed, visitDates = new[] { new { visit = "V1", date = Iso(index.AddDays(20)) } },
        });
        Assert.Equal(7, body.Array("schedule").Length);
        Assert.Equal(Iso(index.AddDays(42)), body.Array("schedule")[2].Str("targetDate"));
        Assert.DoesNotContain("FaamSports", body.Array("schedule")[2].Array("instruments").Select(i => i.GetString()));
        Assert.Equal("V2", Assert.Single(body.Array("overdue")).Str("visit"));
        Assert.Equal("V3", body.GetProperty("nextDue").Str("visit"));
        Assert.Equal(2, Assert.Single(body.Array("windowChecks")).GetProperty("daysLate").GetInt32());
    }

    [Theory]
    [InlineData("""{"indexInjectionDate":"2026-02-30"}""", "indexInjectionDate")]
    [InlineData("""{"indexInjectionDate":"9999-12-31"}""", "indexInjectionDate")]
    [InlineData("""{"sportsActive":true}""", "indexInjectionDate")]
    [InlineData("""{"indexInjectionDate":"2026-10-01","completed":["V7"]}""", "completed[0]")]
    public async Task FollowUp_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/follow-up/schedule", json, field);

    [Fact]
    public async Task RepeatCell_LossOfResponseEightMonthsAfter_IsEligible()
    {
        var body = await Api.OkAsync(client, "/api/clinical/repeat/cell-based", new
        {
            joint = "Ankle", side = "Right", priorCellInjectionDates = new[] { Iso(Today.AddMonths(-8)) }, response = "LossOfResponse",
            hasUnresolvedAdverseEvent = false, candidacyRecheckPassed = true, lastImagingDate = Iso(Today.AddMonths(-1)),
        });
        Assert.True(body.GetProperty("eligible").GetBoolean());
        Assert.Equal(Iso(Today.AddMonths(-8).AddDays(90)), body.Str("earliestDate"));
    }

    [Theory]
    [InlineData("""{"joint":"Ankle","side":"Right","priorCellInjectionDates":["2027-01-01"],"response":"LossOfResponse","hasUnresolvedAdverseEvent":false,"candidacyRecheckPassed":true,"lastImagingDate":null}""", "priorCellInjectionDates[0]")]
    [InlineData("""{"joint":"Ankle","side":"Right","priorCellInjectionDates":["2026-01-01"],"hasUnresolvedAdverseEvent":false,"candidacyRecheckPassed":true,"lastImagingDate":null}""", "response")]
    [InlineData("""{"joint":"Ankle","side":"Right","priorCellInjectionDates":["2026-01-01"],"response":"LossOfResponse","hasUnresolvedAdverseEvent":false,"candidacyRecheckPassed":true,"lastImagingDate":"2027-01-01"}""", "lastImagingDate")]
    public async Task RepeatCell_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/repeat/cell-based", json, field);

    [Fact]
    public async Task RepeatSteroid_SixtyDaysAgo_NotYetAndEarliestInThirtyDays()
    {
        var body = await Api.OkAsync(client, "/api/clinical/repeat/corticosteroid", new { priorInjectionDates = new[] { Iso(Today.AddDays(-60)) } });
        Assert.False(body.GetProperty("eligible").GetBoolean());
        Assert.Equal(Iso(Today.AddDays(30)), body.Str("earliestDate"));
    }

    [Fact]
    public async Task RepeatSteroid_FutureDate_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/repeat/corticosteroid", """{"priorInjectionDates":["2026-11-20","2026-12-20"]}""", "priorInjectionDates[1]");

    [Fact]
    public async Task AfterCare_FirstMtpWithoutHarvest_StiffShoeNoHarvestLineNsaidFourteenDays()
    {
        var plan = (await Api.OkAsync(client, "/api/clinical/after-care/plan", new { procedureDate = Iso(Today), joint = "FirstMtp" })).EnumerateArray().ToList();
        Assert.Contains(plan, i => i.Str("code") == "AC-SUPPORT-SHOE");
        Assert.DoesNotContain(plan, i => i.Str("code") == "AC-HARVEST-SITE");
        // Day 0 = procedure day: avoid for 14 days = days 0–13 (end, inclusive); resume on day 14 (SPEC §2.4, §4.7).
        var nsaid = Assert.Single(plan, i => i.Str("code") == "AC-NO-NSAID");
        Assert.Equal(Iso(Today.AddDays(13)), nsaid.Str("end"));
        Assert.Equal(Iso(Today.AddDays(14)), nsaid.Str("resumeOn"));
    }

    [Fact]
    public async Task AfterCare_UnknownJoint_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/after-care/plan", """{"procedureDate":"2026-11-24","joint":"Knee"}""", "joint");

    [Fact]
    public async Task ExpectedOutcome_CellBasedFavorableSixMonths_NoLocalData_IsThePriorWithInterval()
    {
        var body = await Api.OkAsync(client, "/api/clinical/expected-outcome", new { product = "CellBased", band = "Favorable", timePoint = "Month6", localSuccesses = 0, localFailures = 0 });
        Assert.True(body.GetProperty("priorAvailable").GetBoolean());
        Assert.Equal(0.55m, body.GetProperty("estimate").GetProperty("mean").GetDecimal());
        Assert.True(body.GetProperty("estimate").GetProperty("lower").GetDecimal() < 0.55m);
        Assert.Contains("Randomized trials", body.Str("evidenceStatement"));
    }

    [Theory]
    [InlineData("""{"product":"CellBased","band":"Favorable","timePoint":"Month6","localSuccesses":-1,"localFailures":0}""", "localSuccesses")]
    [InlineData("""{"product":"CellBased","band":"Favorable","timePoint":"Month9","localSuccesses":1,"localFailures":0}""", "timePoint")]
    [InlineData("""{"product":"CellBased","band":"Favorable","timePoint":9,"localSuccesses":1,"localFailures":0}""", "timePoint")]
    [InlineData("""{"product":"CellBased","band":"Favorable","timePoint":"Month6","localSuccesses":1}""", "localFailures")]
    public async Task ExpectedOutcome_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/expected-outcome", json, field);

    // ------------------------------------------------------------ regulation

    [Fact]
    public async Task ClassifyProduct_SameProcedureBmac_IsAmberBlockedWithoutCounselWithMandatoryNotice()
    {
        // The practice's RegulationSettings (the demo practice records a counsel sign-off): blocked only while none is recorded.
        using var admin = app.ClientAs(Roles.Admin);
        var original = (await admin.GetFromJsonAsync<JsonElement>("/api/settings/RegulationSettings")).GetProperty("value").GetRawText();
        async Task<JsonElement> ClassifyAsync() => (await Api.OkAsync(client, "/api/clinical/regulation/classify-product",
            new { type = "BoneMarrowAspirateConcentrate", sameDay = true, sameProcedure = true })).GetProperty("classification");
        Assert.True((await ClassifyAsync()).GetProperty("mayProceed").GetBoolean());
        try
        {
            using var put = await admin.PutAsync("/api/settings/RegulationSettings",
                new StringContent("""{"counselSignOffRecorded": false}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var body = await Api.OkAsync(client, "/api/clinical/regulation/classify-product", new { type = "BoneMarrowAspirateConcentrate", sameDay = true, sameProcedure = true });
            var c = body.GetProperty("classification");
            Assert.Equal("Amber", c.Str("flag"));
            Assert.False(c.GetProperty("mayProceed").GetBoolean());
            Assert.Equal("Mandatory", c.Str("californiaNotice"));
            Assert.StartsWith("THIS NOTICE MUST BE PROVIDED TO YOU UNDER CALIFORNIA LAW", body.Str("californiaNoticeText"));
        }
        finally
        {
            using var restore = await admin.PutAsync("/api/settings/RegulationSettings", new StringContent(original, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        }
    }

    [Fact]
    public async Task ClassifyProduct_Prp_IsGreenWithoutNotice()
    {
        var body = await Api.OkAsync(client, "/api/clinical/regulation/classify-product", new { type = "PlateletRichPlasma" });
        Assert.Equal("Green", body.GetProperty("classification").Str("flag"));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("californiaNoticeText").ValueKind);
    }

    [Theory]
    [InlineData("""{"sameDay":true}""", "type")]
    [InlineData("""{"type":"Exosomes"}""", "type")]
    [InlineData("""{"type":"StromalVascularFraction","source":"Donor"}""", "source")]
    public async Task ClassifyProduct_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/regulation/classify-product", json, field);

    [Fact]
    public async Task MarketingClaims_RegenerationAndDiseaseList_AreBlocked()
    {
        var body = await Api.OkAsync(client, "/api/clinical/regulation/marketing-claims", new { text = "Our injection can regenerate cartilage and treat arthritis, diabetes and neuropathy." });
        Assert.True(body.GetProperty("blocked").GetBoolean());
        Assert.Contains(body.Array("findings"), f => f.Str("kind") == "CureOrRegeneration");
        Assert.Contains(body.Array("findings"), f => f.Str("kind") == "DiseaseList");
    }

    [Fact]
    public async Task MarketingClaims_MissingText_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/regulation/marketing-claims", """{"txt":"hello"}""", "text");

    // ------------------------------------------------------------ Good Faith Estimate and estimates

    [Fact]
    public async Task GfeAfterScheduling_WedFifthMarchForMonSeventeenth_IsDueThursdaySixth()
    {
        // SPEC §7.2: 12 calendar days ahead is 8 business days → 1 business day → due Thu 6 Mar 2025.
        var body = await Api.OkAsync(client, "/api/clinical/gfe/deadline/after-scheduling", new { scheduledOn = "2025-03-05", serviceOn = "2025-03-17" });
        Assert.True(body.GetProperty("required").GetBoolean());
        Assert.Equal(8, body.GetProperty("leadBusinessDays").GetInt32());
        Assert.Equal("2025-03-06", body.Str("dueBy"));
    }

    [Theory]
    [InlineData("""{"scheduledOn":"2025-03-05","serviceOn":"2025-03-01"}""", "serviceOn")]
    [InlineData("""{"scheduledOn":"2025-03-05"}""", "serviceOn")]
    [InlineData("""{"scheduledOn":"5 March 2025","serviceOn":"2025-03-17"}""", "scheduledOn")]
    public async Task GfeAfterScheduling_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/gfe/deadline/after-scheduling", json, field);

    [Fact]
    public async Task GfeAfterRequest_WednesdayRequest_IsDueMonday()
    {
        var body = await Api.OkAsync(client, "/api/clinical/gfe/deadline/after-request", new { requestedOn = "2025-03-05" });
        Assert.Equal("2025-03-10", body.Str("dueBy"));
    }

    [Fact]
    public async Task GfeAfterRequest_MissingDate_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/gfe/deadline/after-request", "{}", "requestedOn");

    internal static object Gfe(long price = 450_000, int quantity = 1, bool notAContract = true) => new
    {
        patientName = "Rosa Delgado", patientDateOfBirth = "1962-05-14", primaryServiceDescription = "Bone-marrow concentrate injection, right ankle",
        scheduledServiceDate = "2025-03-17",
        items = new[] { new { providerId = "dpm-1", serviceCode = "20999", description = "Harvest, processing and injection", unitPriceCents = price, quantity, diagnosisCodes = new[] { "M19.071" } } },
        providers = new[] { new { id = "dpm-1", name = "Talus Foot & Ankle", npi = "1234567893", tin = "12-3456789", state = "CA", location = "Irvine" } },
        separatelyScheduledItems = Array.Empty<string>(), additionalItemsDisclaimer = true, estimateOnlyDisclaimer = true,
        disputeRightsDisclaimer = true, notAContractDisclaimer = notAContract,
    };

    [Fact]
    public async Task GfeReissue_ChargeChanged_IsRequiredByTheBusinessDayBefore()
    {
        var body = await Api.OkAsync(client, "/api/clinical/gfe/reissue", new { issued = Gfe(), current = Gfe(480_000), serviceOn = "2025-03-17" });
        Assert.True(body.GetProperty("required").GetBoolean());
        Assert.Equal("2025-03-14", body.Str("issueBy"));
        Assert.Equal("GFE-RE-CHARGE", Assert.Single(body.Array("changes")).Str("code"));
    }

    [Fact]
    public async Task GfeReissue_ZeroQuantity_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/gfe/reissue", JsonSerializer.Serialize(new { issued = Gfe(), current = Gfe(quantity: 0), serviceOn = "2025-03-17" }), "current.items[0].quantity");

    [Fact]
    public async Task GfeValidate_CompleteAndMissingDisclaimer()
    {
        Assert.True((await Api.OkAsync(client, "/api/clinical/gfe/validate", Gfe())).GetProperty("complete").GetBoolean());
        var missing = await Api.OkAsync(client, "/api/clinical/gfe/validate", Gfe(notAContract: false));
        Assert.False(missing.GetProperty("complete").GetBoolean());
        Assert.Equal(10, Assert.Single(missing.Array("missing")).GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task GfeValidate_NullItem_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/gfe/validate", """{"items":[null]}""", "items[0]");

    [Fact]
    public async Task GfeDispute_BilledFiveHundredOver_IsEligibleWithinTheWindow()
    {
        var body = await Api.OkAsync(client, "/api/clinical/gfe/dispute-eligibility", new
        {
            gfe = Gfe(), billed = new[] { new { providerId = "dpm-1", cents = 500_000 } }, initialBillOn = Iso(Today.AddDays(-10)),
        });
        Assert.True(body.GetProperty("eligible").GetBoolean());
        Assert.Equal(Iso(Today.AddDays(110)), body.Str("initiateBy"));
        Assert.Equal(2_500, body.GetProperty("feeCents").GetInt64());
    }

    [Fact]
    public async Task GfeDispute_BillDatedInTheFuture_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/gfe/dispute-eligibility",
            JsonSerializer.Serialize(new { gfe = Gfe(), billed = new[] { new { providerId = "dpm-1", cents = 500_000 } }, initialBillOn = "2027-01-01" }), "initialBillOn");

    [Fact]
    public async Task BusinessDays_AddAndCount_SkipWeekendsAndHolidays()
    {
        var body = await Api.OkAsync(client, "/api/clinical/business-days", new { from = "2025-03-05", addDays = 3, countThrough = "2025-03-17" });
        Assert.True(body.GetProperty("isBusinessDay").GetBoolean());
        Assert.Equal("2025-03-10", body.Str("result"));
        Assert.Equal(8, body.GetProperty("count").GetInt32());
        var july = await Api.OkAsync(client, "/api/clinical/business-days", new { from = "2025-07-04" });
        Assert.False(july.GetProperty("isBusinessDay").GetBoolean());
    }

    [Theory]
    [InlineData("""{"from":"2025-03-05","addDays":5000}""", "addDays")]
    [InlineData("""{"from":"2025-03-05","countThrough":"2025-03-01"}""", "countThrough")]
    public async Task BusinessDays_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/business-days", json, field);

    [Fact]
    public async Task Episode_TwoProviders_TotalsInCents()
    {
        var body = await Api.OkAsync(client, "/api/clinical/estimates/episode", new
        {
            lines = new object[]
            {
                new { providerId = "dpm-1", serviceCode = "20999", description = "Harvest and injection", unitPriceCents = 450_000 },
                new { providerId = "img-1", serviceCode = "73610", description = "Ankle radiographs", unitPriceCents = 12_500, quantity = 2 },
            },
        });
        Assert.Equal(475_000, body.GetProperty("totalCents").GetInt64());
        Assert.Equal(2, body.Array("perProvider").Length);
    }

    [Theory]
    [InlineData("""{"lines":[{"providerId":"a","serviceCode":"x","description":"d","unitPriceCents":100,"quantity":0}]}""", "lines[0].quantity")]
    [InlineData("""{"lines":[{"providerId":"a","serviceCode":"x","description":"d","unitPriceCents":9000000000000000000,"quantity":2}]}""", "lines[0].unitPriceCents")]
    [InlineData("""{"lines":[{"providerId":"a","description":"d","unitPriceCents":100}]}""", "lines[0].serviceCode")]
    [InlineData("""{"lines":[]}""", "lines")]
    public async Task Episode_BadInput_Answers400NamingTheField(string json, string field) =>
        await Api.BadAsync(client, "/api/clinical/estimates/episode", json, field);

    [Fact]
    public async Task PaymentPlan_OddCentsGoToTheFirstInstalment()
    {
        var plan = (await Api.OkAsync(client, "/api/clinical/estimates/payment-plan", new { totalCents = 100_000, instalments = 3, firstDueOn = "2026-12-01" })).EnumerateArray().ToList();
        Assert.Equal([33_334L, 33_333L, 33_333L], plan.Select(p => p.GetProperty("cents").GetInt64()));
        Assert.Equal("2027-02-01", plan[2].Str("dueOn"));
    }

    [Fact]
    public async Task PaymentPlan_ZeroInstalments_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/estimates/payment-plan", """{"totalCents":1000,"instalments":0,"firstDueOn":"2026-12-01"}""", "instalments");

    // ------------------------------------------------------------ coding

    [Fact]
    public async Task DiagnosisCoding_PostTraumaticBilateralAnkle_IsRightAndLeftCodes()
    {
        var body = await Api.OkAsync(client, "/api/clinical/coding/diagnosis", new { joint = "Ankle", type = "PostTraumatic", laterality = "Bilateral" });
        Assert.Equal(["M19.171", "M19.172"], body.Array("codes").Select(c => c.Str("code")));
        var toe = await Api.OkAsync(client, "/api/clinical/coding/diagnosis", new { joint = "FirstMtp", type = "Primary", laterality = "Right" });
        Assert.Equal("M20.21", toe.Array("codes")[0].Str("code"));
    }

    [Fact]
    public async Task DiagnosisCoding_UnknownLaterality_Answers400() =>
        await Api.BadAsync(client, "/api/clinical/coding/diagnosis", """{"joint":"Ankle","type":"Primary","laterality":"Both"}""", "laterality");

    [Fact]
    public async Task ProcedureCoding_AnkleSteroidUltrasoundRight_Is20606WithRt()
    {
        var body = await Api.OkAsync(client, "/api/clinical/coding/procedure", new { joint = "Ankle", product = "Corticosteroid", guidance = "Ultrasound", laterality = "Right",
            drug = new { drug = "TriamcinoloneAcetonide", doseMg = 40 } });
        var code = body.Array("codes")[0];
        Assert.Equal("20606", code.Str("code"));
        Assert.Equal("RT", code.Str("modifier"));
        Assert.Empty(body.Array("problems"));
    }

    [Fact]
    public async Task ProcedureCoding_SteroidWithDrug_NamesJCodeAndUnits()
    {
        var body = await Api.OkAsync(client, "/api/clinical/coding/procedure", new { joint = "Ankle", product = "Corticosteroid", guidance = "Ultrasound", laterality = "Right",
            drug = new { drug = "MethylprednisoloneAcetate", doseMg = 120 } });

        Assert.Equal(["20606:1", "J1040:1", "J1030:1"], body.Array("codes").Select(c => $"{c.Str("code")}:{c.GetProperty("units").GetInt32()}"));
        Assert.Equal("HCPCS", body.Array("codes")[1].Str("system"));
    }

    [Fact]
    public async Task ProcedureCoding_SteroidWithoutDrug_Answers400NamingDrug() =>
        await Api.BadAsync(client, "/api/clinical/coding/procedure", """{"joint":"Ankle","product":"Corticosteroid","guidance":"Ultrasound","laterality":"Right"}""", "drug");

    [Fact]
    public async Task ProcedureCoding_PartialUnit_Answers400NamingDose() =>
        await Api.BadAsync(client, "/api/clinical/coding/procedure",
            """{"joint":"Ankle","product":"Corticosteroid","guidance":"Ultrasound","laterality":"Right","drug":{"drug":"TriamcinoloneAcetonide","doseMg":15}}""", "drug.doseMg");

    [Fact]
    public async Task ProcedureCoding_UnknownSide_Answers400NamingLaterality() =>
        await Api.BadAsync(client, "/api/clinical/coding/procedure", """{"joint":"Ankle","product":"Corticosteroid","guidance":"Ultrasound","laterality":"Unknown"}""", "laterality");
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed class EvaluationTests(TalusApp app)
{
    [Fact]
    public async Task RecordEvaluation_Twice_AddsASecondAndKeepsBothReadable()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(client, "Twice");
        await JourneyRecord.AddExamAsync(client, app, id, nrs: 7);
        await JourneyRecord.AddExamAsync(client, app, id, nrs: 4);

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/patients/{id}/evaluations");
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal([4, 7], list.EnumerateArray().Select(e => e.GetProperty("painNrs").GetInt32()).Order().ToArray());
        Assert.Equal(2, await app.WithDbAsync(db => db.Evaluations.CountAsync(e => e.PatientId == id)));

        var page = await client.GetStringAsync($"/patients/{id}/evaluations");
        Assert.Contains("current", page);
        Assert.Contains("earlier", page);
    }

    public static TheoryData<string, string> BadImaging() => new()
    {
        // Takakura is for the ankle only (SPEC §1.2).
        { """{"modality":"WeightBearingRadiograph","performedOn":"2026-11-01","joint":"FirstMtp","side":"Left","grades":[{"system":"Takakura","value":"2","reader":"Dr. A"}]}""", "grades[0].system" },
        // Coughlin–Shurnas is for the first MTP only (SPEC §1.3).
        { """{"modality":"WeightBearingRadiograph","performedOn":"2026-11-01","joint":"Ankle","side":"Left","grades":[{"system":"CoughlinShurnas","value":"2","reader":"Dr. A"}]}""", "grades[0].system" },
        { """{"modality":"WeightBearingRadiograph","performedOn":"2026-11-01","joint":"Ankle","side":"Left","grades":[{"system":"KellgrenLawrence","value":"5","reader":"Dr. A"}]}""", "grades[0].value" },
        { """{"modality":"WeightBearingRadiograph","performedOn":"2030-01-01","joint":"Ankle","side":"Left","grades":[{"system":"KellgrenLawrence","value":"2","reader":"Dr. A"}]}""", "performedOn" },
        { """{"modality":"Xray","performedOn":"2026-11-01","joint":"Ankle","side":"Left"}""", "modality" },
        { """{"performedOn":"2026-11-01","joint":"Ankle","side":"Left"}""", "modality" },
    };

    [Theory]
    [MemberData(nameof(BadImaging))]
    public async Task RecordImaging_BadInput_Answers400NamingTheFieldAndWritesNothing(string json, string field)
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(client, "BadImaging");
        var response = await client.PostAsync($"/api/patients/{id}/imaging", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(0, await app.WithDbAsync(db => db.ImagingStudies.CountAsync(s => s.PatientId == id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ImagingGrades.CountAsync(s => s.PatientId == id)));
    }

    [Fact]
    public async Task RecordImaging_TakakuraOnAnkleAndKl_StoresBothSystemsWithReaderAndDefinition()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(client, "TwoSystems");
        var response = await client.PostAsJsonAsync($"/api/patients/{id}/imaging", new
        {
            modality = "WeightBearingRadiograph", performedOn = JourneyRecord.Today(app), joint = "Ankle", side = "Left",
            grades = new object[] { new { system = "KellgrenLawrence", value = "3", reader = "Dr. A" }, new { system = "Takakura", value = "3A", reader = "Dr. B" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var study = await response.Content.ReadFromJsonAsync<JsonElement>();
        var grades = study.GetProperty("grades").EnumerateArray().ToList();
        Assert.Equal("KL1957-original", grades.Single(g => g.GetProperty("system").GetString() == "KellgrenLawrence").GetProperty("definitionVersion").GetString());
        var takakura = grades.Single(g => g.GetProperty("system").GetString() == "Takakura");
        Assert.Equal("3a", takakura.GetProperty("value").GetString());
        Assert.Equal("Dr. B", takakura.GetProperty("reader").GetString());
        Assert.Equal("Guarded", takakura.GetProperty("band").GetString());
    }

    public static TheoryData<string, string> BadLabs() => new()
    {
        { """{"value":80,"collectedOn":"2026-11-01"}""", "loinc" },
        { """{"loinc":"platelets","value":80,"collectedOn":"2026-11-01"}""", "loinc" },
        { """{"loinc":"777-3","collectedOn":"2026-11-01"}""", "value" },
        { """{"loinc":"777-3","value":-3,"collectedOn":"2026-11-01"}""", "value" },
        { """{"loinc":"777-3","value":80,"collectedOn":"2030-01-01"}""", "collectedOn" },
        { """{"loinc":"777-3","value":80,"collectedOn":"2026-11-01","referenceLow":450,"referenceHigh":150}""", "referenceHigh" },
        { """{"loinc":"777-3","value":80,"unit":"g/dL","collectedOn":"2026-11-01"}""", "unit" },
        { """{"loinc":"12345-6","value":80,"collectedOn":"2026-11-01"}""", "name" },
        { """{"loinc":"777-3","value":"lots","collectedOn":"2026-11-01"}""", "value" },
    };

    [Theory]
    [MemberData(nameof(BadLabs))]
    public async Task RecordLab_BadInput_Answers400NamingTheFieldAndWritesNothing(string json, string field)
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(client, "BadLab");
        var response = await client.PostAsync($"/api/patients/{id}/labs", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(0, await app.WithDbAsync(db => db.LabResults.CountAsync(l => l.PatientId == id)));
    }

    [Fact]
    public async Task RecordLab_LowPlatelets_StoresPanelUnitAndRangeAndFlagsLow()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(client, "LowPlatelets");
        var response = await client.PostAsJsonAsync($"/api/patients/{id}/labs", new { loinc = "777-3", value = 80, collectedOn = JourneyRecord.Today(app) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lab = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("10*3/uL", lab.GetProperty("unit").GetString());
        Assert.Equal(150m, lab.GetProperty("referenceLow").GetDecimal());
        Assert.Equal("low", lab.GetProperty("flag").GetString());
        var normal = await (await client.PostAsJsonAsync($"/api/patients/{id}/labs", new { loinc = "718-7", value = 13.2, collectedOn = JourneyRecord.Today(app) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, normal.GetProperty("flag").ValueKind);
    }

    [Fact]
    public async Task RecordEvaluation_AsFrontDesk_IsRefused()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(clinician, "FrontDeskExam");
        using var frontDesk = app.ClientAs(Roles.FrontDesk);
        var response = await frontDesk.PostAsJsonAsync($"/api/patients/{id}/evaluations", new { examinedOn = JourneyRecord.Today(app), joint = "Ankle", side = "Right" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Evaluations.CountAsync(e => e.PatientId == id)));
    }
}

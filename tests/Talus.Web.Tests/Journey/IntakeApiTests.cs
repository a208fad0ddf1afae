using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed class IntakeApiTests(TalusApp app)
{
    /// <summary>A registered patient of the Irvine office with no intake yet.</summary>
    internal static async Task<Guid> NewPatientAsync(TalusApp app, string family)
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var created = await desk.PostAsJsonAsync("/api/patients", new { givenName = "Iris", familyName = family, birthDate = "1960-02-03", sex = "Female", preferredLanguage = "en", preferredLocationId = 1 });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static object Complete => new
    {
        targetJoint = "Ankle", targetSide = "Right", symptomDurationMonths = 18, conservativeCareMonths = 6, painNrsAverage = 6, painNrsWorst = 8,
        goals = "Walk to work", activityLevel = "Moderate", sportsActive = false, smoking = "Current", heightCm = 165, weightKg = 80,
        diabetic = true, knownCoagulopathy = false, plateletDysfunction = false, inflammatoryArthritis = false, activeMalignancy = false,
        hematologicOrBoneMalignancy = false, malignancyHistory = true, malignancyLastActiveOn = "2022-05-01", pregnantOrBreastfeeding = false,
        recentFeverOrIllness = false, canCompleteFollowUp = true,
        medications = new object[]
        {
            new { name = "Apixaban", @class = "Anticoagulant", dose = "5 mg", ongoing = true },
            new { name = "Ibuprofen", @class = "Nsaid", ongoing = false, lastDoseOn = "2026-11-20" },
        },
        priorTreatments = new object[]
        {
            new { kind = "CorticosteroidInjection", joint = "Ankle", side = "Right", startedOn = "2026-03-01", lastOn = "2026-09-01", helped = true },
            new { kind = "PhysicalTherapy", startedOn = "2025-10-01", helped = false },
        },
        allergies = new object[] { new { substance = "Penicillin", reaction = "Hives" } },
    };

    [Fact]
    public async Task PartialSave_ThenSubmit_RefusesUntilComplete_ThenSubmits()
    {
        var patientId = await NewPatientAsync(app, "Partial");
        using var desk = app.ClientAs(Roles.Clinician);
        var draft = await desk.PostAsJsonAsync($"/api/patients/{patientId}/intakes", new { targetJoint = "Ankle", painNrsAverage = 5 });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var body = await draft.Content.ReadFromJsonAsync<JsonElement>();
        var intakeId = body.GetProperty("id").GetGuid();
        Assert.Equal("Draft", body.GetProperty("status").GetString());

        var early = await desk.PostAsync($"/api/patients/{patientId}/intakes/{intakeId}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var errors = (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("targetSide", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("diabetic", out _), errors.ToString());
        Assert.Equal(RecordStatus.Draft, await app.WithDbAsync(db => db.Intakes.Where(i => i.Id == intakeId).Select(i => i.Status).SingleAsync()));

        var saved = await desk.PutAsJsonAsync($"/api/patients/{patientId}/intakes/{intakeId}?version={body.GetProperty("version").GetGuid()}", Complete);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var submitted = await desk.PostAsync($"/api/patients/{patientId}/intakes/{intakeId}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var read = await desk.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}/intakes/{intakeId}");
        Assert.Equal("Submitted", read.GetProperty("status").GetString());
        var answers = read.GetProperty("answers");
        Assert.Equal(["Anticoagulant", "Nsaid"], answers.GetProperty("medications").EnumerateArray().Select(m => m.GetProperty("class").GetString()).Order());
        var steroid = answers.GetProperty("priorTreatments").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "CorticosteroidInjection");
        Assert.Equal("2026-09-01", steroid.GetProperty("lastOn").GetString());
        Assert.Equal(29.4m, read.GetProperty("bmi").GetDecimal());

        var change = await desk.PutAsJsonAsync($"/api/patients/{patientId}/intakes/{intakeId}", Complete);
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
    }

    [Fact]
    public async Task Update_WithStaleVersion_Answers409()
    {
        var patientId = await NewPatientAsync(app, "Stale");
        using var desk = app.ClientAs(Roles.FrontDesk);
        var body = await (await desk.PostAsJsonAsync($"/api/patients/{patientId}/intakes", new { goals = "one" })).Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/patients/{patientId}/intakes/{body.GetProperty("id").GetGuid()}?version={body.GetProperty("version").GetGuid()}";
        Assert.Equal(HttpStatusCode.OK, (await desk.PutAsJsonAsync(url, new { goals = "two" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await desk.PutAsJsonAsync(url, new { goals = "three" })).StatusCode);
    }

    public static TheoryData<string, string> BadIntakes() => new()
    {
        { """{"targetJoint":"Knee"}""", "targetJoint" },
        { """{"painNrsAverage":11}""", "painNrsAverage" },
        { """{"heightCm":20}""", "heightCm" },
        { """{"recentFeverOrIllness":true,"recentFeverOrIllnessOn":"2027-01-01"}""", "recentFeverOrIllnessOn" },
        { """{"medications":[{"class":"Nsaid","ongoing":true}]}""", "medications[0].name" },
        { """{"medications":[{"name":"X","class":"Vitamin"}]}""", "medications[0].class" },
        { """{"priorTreatments":[{"kind":"Surgery","startedOn":"2025-05-01","lastOn":"2025-01-01"}]}""", "priorTreatments[0].lastOn" },
        { """{"allergies":[{"reaction":"Hives"}]}""", "allergies[0].substance" },
    };

    [Theory]
    [MemberData(nameof(BadIntakes))]
    public async Task Start_BadInput_Answers400NamingTheFieldAndWritesNothing(string json, string field)
    {
        var patient = await app.DemoPatientAsync();
        using var desk = app.ClientAs(Roles.FrontDesk);
        var before = await app.WithDbAsync(db => db.Intakes.CountAsync());
        var response = await desk.PostAsync($"/api/patients/{patient.Id}/intakes", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)), $"errors should name {field}: {errors}");
        Assert.Equal(before, await app.WithDbAsync(db => db.Intakes.CountAsync()));
    }

    [Fact]
    public async Task Update_BadInput_Answers400AndKeepsTheDraft()
    {
        var patientId = await NewPatientAsync(app, "Keep");
        using var desk = app.ClientAs(Roles.FrontDesk);
        var body = await (await desk.PostAsJsonAsync($"/api/patients/{patientId}/intakes", new { goals = "keep me", medications = new[] { new { name = "Aspirin", @class = "LowDoseAspirin", ongoing = true } } })).Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        var bad = await desk.PutAsJsonAsync($"/api/patients/{patientId}/intakes/{id}", new { goals = "changed", medications = new[] { new { name = "", @class = "Nsaid", ongoing = true } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var stored = await app.WithDbAsync(db => db.Intakes.Include(i => i.Medications).SingleAsync(i => i.Id == id));
        Assert.Equal("keep me", stored.Goals);
        Assert.Equal("Aspirin", Assert.Single(stored.Medications).Name);
    }

    [Fact]
    public async Task Patient_OwnIntake_Allowed_AnotherPatientsIntake_NotFound()
    {
        var own = await app.DemoPatientAsync();
        var otherId = await NewPatientAsync(app, "Private");
        using var desk = app.ClientAs(Roles.FrontDesk);
        var otherIntake = (await (await desk.PostAsJsonAsync($"/api/patients/{otherId}/intakes", new { goals = "secret" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var patient = app.ClientAs(Roles.Patient);
        var mine = await patient.GetAsync($"/api/patients/{own.Id}/intakes");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Submitted", await mine.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/patients/{otherId}/intakes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/patients/{otherId}/intakes/{otherIntake}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/patients/{own.Id}/intakes/{otherIntake}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.PostAsJsonAsync($"/api/patients/{otherId}/intakes", new { goals = "x" })).StatusCode);
    }

    [Fact]
    public async Task Chart_ShowsIntakeSummaryWithFlagsAndScores()
    {
        var patient = await app.DemoPatientAsync();
        using var desk = app.ClientAs(Roles.Clinician);
        var html = await desk.GetStringAsync($"/patients/{patient.Id}");
        Assert.Contains("Intake", html);
        Assert.Contains("NSAID", html);
        Assert.Contains("Corticosteroid injection", html);
        Assert.Contains("Email intake link", html);
        Assert.Matches(@"<td class=""num"">\d+\.\d</td>", html);
    }
}

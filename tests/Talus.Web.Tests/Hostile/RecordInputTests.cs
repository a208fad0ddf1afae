using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Journey;

namespace Talus.Web.Tests.Hostile;

/// <summary>
/// Bad input to the clinical record (evaluations, imaging, plans, the decision aid) and to enum fields anywhere: each
/// case once was stored or answered with a C# property name instead of the JSON field.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class RecordInputTests(TalusApp app)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("\"Female, Male\"")]
    [InlineData("\"Female,Male\"")]
    [InlineData("\"1\"")]
    public async Task RegisterPatient_SexNotExactlyOneName_IsRefused(string sex)
    {
        using var frontDesk = app.ClientAs(Roles.FrontDesk);
        var family = "Flags" + Guid.NewGuid().ToString("N")[..8];

        using var response = await frontDesk.PostAsync("/api/patients",
            Json($$"""{"givenName":"Ana","familyName":"{{family}}","birthDate":"1960-02-03","sex":{{sex}},"preferredLanguage":"en"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sex", out _));
        Assert.False(await app.WithDbAsync(db => db.Patients.AnyAsync(p => p.FamilyName == family)));
    }

    [Fact]
    public async Task RecordEvaluation_JointTwoNames_IsRefusedAndWritesNothing()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(clinician, "TwoJoints");

        using var response = await clinician.PostAsync($"/api/patients/{id}/evaluations",
            Json($$"""{"examinedOn":"{{JourneyRecord.Today(app):yyyy-MM-dd}}","joint":"Ankle, Midfoot","side":"Right"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Evaluations.CountAsync(e => e.PatientId == id)));
    }

    [Fact]
    public async Task EnumName_AnyLetterCase_IsReadAndWrittenBackAsTheName()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(clinician, "Case");

        using var response = await clinician.PostAsync($"/api/patients/{id}/evaluations",
            Json($$"""{"examinedOn":"{{JourneyRecord.Today(app):yyyy-MM-dd}}","joint":"ankle","side":"RIGHT"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ankle", view.GetProperty("joint").GetString());
        Assert.Equal("Right", view.GetProperty("side").GetString());
    }

    [Fact]
    public async Task OpenApi_EnumFields_ListTheirNames()
    {
        using var anon = app.Anonymous();
        var doc = await anon.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var body = doc.GetProperty("paths").GetProperty("/api/patients/{patientId}/evaluations").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");

        var joint = Resolve(doc, Resolve(doc, body).GetProperty("properties").GetProperty("joint"));

        Assert.Equal(Enum.GetNames<Talus.Clinical.Joint>(), joint.GetProperty("enum").EnumerateArray()
            .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("/api/patients/{patientId}/evaluations", "painNrs", 0, 10)]
    [InlineData("/api/patients/{patientId}/plans", "basedOnVersion", 1, 2147483647)]
    [InlineData("/api/clinical/estimates/payment-plan", "instalments", 1, 120)]
    [InlineData("/api/clinical/outcomes/omeract-oarsi", "baseline.pain", 0, 100)]
    public async Task OpenApi_NumberFields_DocumentTheirRange(string path, string field, long minimum, long maximum)
    {
        using var anon = app.Anonymous();
        var doc = await anon.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schema = doc.GetProperty("paths").GetProperty(path).GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        foreach (var part in field.Split('.'))
        {
            schema = Resolve(doc, Resolve(doc, schema).GetProperty("properties").GetProperty(part));
        }

        Assert.Equal(minimum, schema.GetProperty("minimum").GetInt64());
        Assert.Equal(maximum, schema.GetProperty("maximum").GetInt64());
    }

    [Theory]
    [InlineData("painNrs", "11")]
    [InlineData("dorsiflexionDegrees", "-1")]
    [InlineData("malalignmentDegrees", "46")]
    public async Task RecordEvaluation_NumberOutOfRange_Answers400NamingTheJsonField(string field, string value)
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(clinician, "Range");

        using var response = await clinician.PostAsync($"/api/patients/{id}/evaluations",
            Json($$"""{"examinedOn":"{{JourneyRecord.Today(app):yyyy-MM-dd}}","joint":"Ankle","side":"Right","{{field}}":{{value}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Evaluations.CountAsync(e => e.PatientId == id)));
    }

    [Fact]
    public async Task RecordImaging_NoGrade_IsRefused()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(clinician, "NoGrade");

        using var response = await clinician.PostAsync($"/api/patients/{id}/imaging",
            Json($$"""{"modality":"WeightBearingRadiograph","performedOn":"{{JourneyRecord.Today(app):yyyy-MM-dd}}","joint":"Ankle","side":"Left","grades":[]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("grades", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.ImagingStudies.CountAsync(s => s.PatientId == id)));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("miracle")]
    public async Task MarkShownForm_OptionTheAidDidNotShow_IsRefusedAndWritesNothing(string option)
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(clinician, app, "FormChoice", kl: 2);
        var url = $"/patients/{id}/decision-aid?joint=Ankle&side=Right";
        var page = await clinician.GetStringAsync(url);
        var token = Regex.Match(Token().Match(page).Value, @"value=""([^""]+)""").Groups[1].Value;

        using var response = await clinician.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "mark-shown", ["__RequestVerificationToken"] = token,
            ["Shown.Joint"] = "Ankle", ["Shown.Side"] = "Right", ["Shown.ChosenOption"] = option,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose one of the options shown", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.DecisionAids.CountAsync(r => r.PatientId == id)));
    }

    [Fact]
    public async Task MarkShownForm_OptionShown_IsStored()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(clinician, app, "FormChoiceOk", kl: 2);
        var url = $"/patients/{id}/decision-aid?joint=Ankle&side=Right";
        var page = await clinician.GetStringAsync(url);
        var token = Regex.Match(Token().Match(page).Value, @"value=""([^""]+)""").Groups[1].Value;

        using var response = await clinician.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "mark-shown", ["__RequestVerificationToken"] = token,
            ["Shown.Joint"] = "Ankle", ["Shown.Side"] = "Right", ["Shown.ChosenOption"] = "prp",
        }));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found, response.StatusCode.ToString());
        Assert.Equal(["prp"], await app.WithDbAsync(db => db.DecisionAids.Where(r => r.PatientId == id).Select(r => r.ChosenOption).ToListAsync()));
    }

    [Theory]
    [InlineData("joint=999&side=Right", "joint")]
    [InlineData("joint=Ankle&side=Left,Right", "side")]
    public async Task DecisionAid_QueryChoiceNotOneName_Answers400(string query, string field)
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(clinician, "AidQuery");

        using var response = await clinician.GetAsync($"/api/patients/{id}/decision-aid?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData(Roles.FrontDesk, "/api/patients?q=a&take=abc", "take")]
    [InlineData(Roles.Admin, "/api/audit?from=notadate", "From")]
    [InlineData(Roles.Admin, "/api/audit?take=abc", "take")]
    [InlineData(Roles.Admin, "/api/audit?patientId=xyz", "PatientId")]
    [InlineData(Roles.Admin, "/api/audit?action=Nope", "Action")]
    [InlineData(Roles.FrontDesk, "/api/consultation-requests?includeClosed=maybe", "includeClosed")]
    public async Task QueryValueThatDoesNotParse_Answers400NamingTheParameter(string role, string url, string parameter)
    {
        using var client = app.ClientAs(role);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains($" {parameter}\"", detail);
    }

    [Fact]
    public async Task SavePlan_BasedOnVersionZero_IsRefused()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.NewPatientAsync(clinician, "VersionZero");

        using var response = await clinician.PostAsJsonAsync($"/api/patients/{id}/plans", new
        {
            joint = "Ankle", side = "Right", product = "PlateletRichPlasma", plannedInjections = 1, rationale = "Moderate OA, wants to avoid surgery.", basedOnVersion = 0,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("basedOnVersion", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.TreatmentPlans.CountAsync(p => p.PatientId == id)));
    }

    private static JsonElement Resolve(JsonElement doc, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var r))
        {
            return Resolve(doc, doc.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/')[^1]));
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                return options.EnumerateArray().Select(o => Resolve(doc, o)).First(o => o.TryGetProperty("enum", out _) || o.TryGetProperty("properties", out _));
            }
        }
        return schema;
    }

    [GeneratedRegex(@"<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex Token();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Shared;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Journey;

namespace Talus.Web.Tests.Hostile;

/// <summary>The bad inputs issue 8 names, one test each: each once answered 500 or was stored.</summary>
[Collection(AppCollection.Name)]
public sealed class InputDefectTests(TalusApp app)
{
    [Fact]
    public async Task UpdateStaff_WithoutRole_IsRefusedAndKeepsTheRole()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            displayName = "Dr Role Kept", email = $"role-{Guid.NewGuid():N}@talus.example", role = Roles.Clinician, locationIds = Array.Empty<int>(), isActive = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var response = await admin.PutAsJsonAsync($"/api/staff/{id}", new { displayName = "Dr Role Kept", email = "x@talus.example", locationIds = Array.Empty<int>(), isActive = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Roles.Clinician, await app.WithDbAsync(db => db.Staff.Where(s => s.Id == id).Select(s => s.Role).SingleAsync()));
    }

    [Fact]
    public async Task ReminderPreferences_WithoutOptedIn_IsRefused()
    {
        var patient = await app.DemoPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);
        var before = await app.WithDbAsync(db => db.ReminderPreferences.AsNoTracking().Where(p => p.PatientId == patient.Id).ToListAsync());

        using var response = await clinician.PutAsJsonAsync($"/api/scheduling/patients/{patient.Id}/reminder-preferences", new { channel = "Email" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await app.WithDbAsync(db => db.ReminderPreferences.AsNoTracking().Where(p => p.PatientId == patient.Id).ToListAsync());
        Assert.Equal(before.Select(p => (p.Channel, p.OptedIn)), after.Select(p => (p.Channel, p.OptedIn)));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("1")]
    [InlineData("\"NotASex\"")]
    public async Task RegisterPatient_SexNotAChoice_IsRefused(string sex)
    {
        using var frontDesk = app.ClientAs(Roles.FrontDesk);
        var family = "Enum" + Guid.NewGuid().ToString("N")[..8];
        var body = $$"""{"givenName":"Ana","familyName":"{{family}}","birthDate":"1960-02-03","sex":{{sex}},"preferredLanguage":"en"}""";

        using var response = await frontDesk.PostAsync("/api/patients", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Patients.AnyAsync(p => p.FamilyName == family)));
    }

    [Theory]
    [InlineData("joint", "999")]
    [InlineData("side", "999")]
    [InlineData("joint", "0")]
    public async Task StartQuestionnaire_JointOrSideNotAChoice_IsRefused(string field, string value)
    {
        var patient = await app.DemoPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);
        var count = await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(q => q.PatientId == patient.Id));
        var body = $$"""{"instrument":"NrsPain","context":"Baseline","joint":"Ankle","side":"Left","answers":{"P":4},"{{field}}":{{value}}}""";

        using var response = await clinician.PostAsync($"/api/patients/{patient.Id}/questionnaires", new StringContent(body.Replace($"\"{field}\":\"", $"\"x{field}\":\"", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(count, await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(q => q.PatientId == patient.Id)));
    }

    [Theory]
    [InlineData("rooms", "Exam")]
    [InlineData("equipment", "Ultrasound")]
    public async Task RenameRoomOrEquipment_ToANameTaken_Is409AndKeepsTheName(string what, string kind)
    {
        using var admin = app.ClientAs(Roles.Admin);
        var location = await app.WithDbAsync(db => db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());
        var taken = $"Taken {Guid.NewGuid():N}"[..30];
        var other = $"Other {Guid.NewGuid():N}"[..30];
        using var first = await admin.PostAsJsonAsync($"/api/locations/{location}/{what}", new { name = taken, kind, isActive = true });
        using var second = await admin.PostAsJsonAsync($"/api/locations/{location}/{what}", new { name = other, kind, isActive = true });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var id = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var rename = await admin.PutAsJsonAsync($"/api/{what}/{id}", new { name = taken, kind, isActive = true });

        Assert.Equal(HttpStatusCode.Conflict, rename.StatusCode);
        using var again = await admin.PostAsJsonAsync($"/api/locations/{location}/{what}", new { name = taken, kind, isActive = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var name = await app.WithDbAsync(db => what == "rooms" ? db.Rooms.Where(r => r.Id == id).Select(r => r.Name).SingleAsync() : db.Equipment.Where(r => r.Id == id).Select(r => r.Name).SingleAsync());
        Assert.Equal(other, name);
    }

    [Fact]
    public async Task AddClosure_FarDate_IsRefused()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var location = await app.WithDbAsync(db => db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());

        using var response = await admin.PostAsJsonAsync($"/api/locations/{location}/closures", new { date = "9999-12-31", reason = "Far away" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Closures.AnyAsync(c => c.Reason == "Far away")));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    public async Task AssessCandidacy_NoBody_Is400NamingBodyAndWritesNothing(string body)
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(clinician, app, "NoBody", kl: 2);

        using var response = await clinician.PostAsync($"/api/patients/{id}/candidacy", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("body", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.CandidacyAssessments.CountAsync(a => a.PatientId == id)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-1)]
    [InlineData(366)]
    public async Task AssessCandidacy_PlannedDateOutsideTheWindow_Is400AndWritesNothing(int? daysAhead)
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(clinician, app, "FarPlan", kl: 2);
        var planned = daysAhead is { } d ? PracticeClock.Today(app.Clock).AddDays(d).ToString("yyyy-MM-dd") : "9999-12-31";

        using var response = await clinician.PostAsJsonAsync($"/api/patients/{id}/candidacy", new { plannedProcedureDate = planned });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("plannedProcedureDate", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.CandidacyAssessments.CountAsync(a => a.PatientId == id)));

        // The last day of the window is accepted.
        var last = PracticeClock.Today(app.Clock).AddDays(Talus.Web.Features.Candidacy.AssessCandidacy.PlannedDateHorizonDays);
        using var accepted = await clinician.PostAsJsonAsync($"/api/patients/{id}/candidacy", new { plannedProcedureDate = last.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Theory]
    [InlineData("Run.Joint", "999", "not one of the choices")]
    [InlineData("Run.Side", "999", "not one of the choices")]
    [InlineData("Run.Product", "999", "not one of the choices")]
    [InlineData("Run.PlannedProcedureDate", "9999-12-31", "The date must be between")]
    public async Task CandidacyForm_ValueNotAChoiceOrFarDate_ShowsTheMessageAndWritesNothing(string field, string value, string message)
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var id = await JourneyRecord.CompletePatientAsync(clinician, app, "FormRun", kl: 2);
        var url = $"/patients/{id}/candidacy";
        var fields = new Dictionary<string, string>
        {
            ["Run.Joint"] = "Ankle", ["Run.Side"] = "Right", ["Run.Product"] = "BoneMarrowAspirateConcentrate", ["Run.PlannedProcedureDate"] = "",
        };
        fields[field] = value;

        using var response = await PostFormAsync(clinician, url, "run-candidacy", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CandidacyAssessments.CountAsync(a => a.PatientId == id)));
    }

    [Theory]
    [InlineData("portal")]
    [InlineData("tablet")]
    public async Task SigningForm_InitialsRowsLeftOut_ShowsTheMessageAndSignsNothing(string via)
    {
        var patientId = via == "portal"
            ? (await app.DemoPatientAsync()).Id
            : await JourneyRecord.NewPatientAsync(app.ClientAs(Roles.Clinician), "RowsLeftOut");
        var packet = new ConsentPacket
        {
            PatientId = patientId, Joint = Talus.Clinical.Joint.Ankle, Side = Talus.Clinical.Side.Right, PlanId = Guid.NewGuid(), PlanVersion = 1,
            Product = Talus.Clinical.InjectionProduct.PlateletRichPlasma, Source = Talus.Clinical.TissueSource.Autologous, TemplateId = 1, TemplateVersion = 1,
            SectionsJson = JsonSerializer.Serialize(ConsentTexts.Default), Status = ConsentStatus.AwaitingSignature, PreparedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(db => { db.ConsentPackets.Add(packet); return db.SaveChangesAsync(); });
        using var client = app.ClientAs(via == "portal" ? Roles.Patient : Roles.Clinician);
        var url = via == "portal" ? $"/portal/consents/{packet.Id}" : $"/patients/{patientId}/consents/{packet.Id}/sign";

        using var response = await PostFormAsync(client, url, $"{via}-sign", new() { ["Input.FullName"] = "Rosa Delgado", ["Input.Agree"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your initials for section 1 ", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.SignedConsents.AnyAsync(s => s.ConsentPacketId == packet.Id)));
        Assert.Equal(ConsentStatus.AwaitingSignature, await app.WithDbAsync(db => db.ConsentPackets.Where(c => c.Id == packet.Id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task ConsentTemplateForm_SectionRowsLeftOut_ShowsTheMessageAndSavesNothing()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var before = await app.WithDbAsync(db => db.ConsentTemplates.CountAsync());

        using var response = await PostFormAsync(admin, "/admin/consent-templates", "template", new() { ["Input.Title"] = "Rows left out" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A template needs its sections.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.ConsentTemplates.CountAsync()));
    }

    /// <summary>Posts a page's form as the browser would: the page's antiforgery token, the form's handler name and the given fields.</summary>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        var token = Regex.Match(Regex.Match(page, @"<input[^>]*__RequestVerificationToken[^>]*>").Value, @"value=""([^""]+)""").Groups[1].Value;
        Assert.NotEmpty(token);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}

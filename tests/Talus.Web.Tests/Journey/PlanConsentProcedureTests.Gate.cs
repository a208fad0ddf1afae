using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Scheduling;

namespace Talus.Web.Tests.Journey;

/// <summary>
/// The procedure gate where the action happens (booking and recording), the one settings source, the booked appointment a
/// recorded procedure completes, and the after-care day convention. Patients are built through the API (intake via the database).
/// </summary>
public sealed partial class PlanConsentProcedureTests
{
    private static string TodayIso(TalusApp app) => JourneyRecord.Today(app).ToString("yyyy-MM-dd");

    /// <summary>A patient with a complete record for the right ankle, assessed through the API.</summary>
    private async Task<(Guid Id, JsonElement Assessment)> AssessedPatientAsync(HttpClient clinician, string family, int? steroidDaysAgo = null,
        int? nsaidDaysAgo = null, bool infection = false)
    {
        var id = await JourneyRecord.CompletePatientAsync(clinician, app, family, kl: 2, steroidDaysAgo, nsaidDaysAgo, infection);
        var response = await clinician.PostAsJsonAsync($"/api/patients/{id}/candidacy", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (id, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>A BMAC plan for the right ankle with its consent signed.</summary>
    private static async Task<Guid> PlanWithSignedConsentAsync(HttpClient clinician, Guid patientId, string product = "BoneMarrowAspirateConcentrate")
    {
        var planId = (await PostPlanAsync(clinician, patientId, Plan(product))).GetProperty("id").GetGuid();
        await SignAsync(clinician, patientId, await PrepareAsync(clinician, patientId, planId));
        return planId;
    }

    private static async Task<IReadOnlyList<string>> RefusedCodesAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];
    }

    private Task<int> AppointmentsAsync(Guid patientId) => app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PatientId == patientId));

    [Fact]
    public async Task RecordProcedure_InsideNsaidWashout_Answers409AndWritesNothing()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var (patientId, assessment) = await AssessedPatientAsync(clinician, "Ibuprofeno", nsaidDaysAgo: 2);
        Assert.Equal("CandidateWithConditions", assessment.GetProperty("verdict").GetString());
        var planId = await PlanWithSignedConsentAsync(clinician, patientId);

        // SPEC §2.4: NSAIDs stop ≥ 7 days before; the last dose was 2 days ago.
        var codes = await RefusedCodesAsync(await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId)));

        Assert.Contains("W4", codes);
        Assert.Equal(0, await ProceduresAsync(patientId));
    }

    [Fact]
    public async Task BookProcedure_AbsoluteContraindication_Answers409WithReasonsAndWritesNothing()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var (patientId, assessment) = await AssessedPatientAsync(clinician, "Infectada", infection: true);
        Assert.Equal("NotCandidate", assessment.GetProperty("verdict").GetString());
        await PostPlanAsync(clinician, patientId, Plan());
        var clinic = await TestClinic.CreateAsync(app);
        using var desk = app.ClientAs(Roles.FrontDesk);

        var response = await desk.PostAsJsonAsync($"/api/scheduling/patients/{patientId}/appointments",
            new { type = "procedure", locationId = clinic.LocationId, start = TestClinic.La(2026, 12, 3, 9) });

        // SPEC §2.2: an absolute contraindication blocks scheduling, whatever else is recorded.
        var codes = await RefusedCodesAsync(response);
        Assert.Contains("A1", codes);
        Assert.Contains("V-NOT-CANDIDATE", codes);
        Assert.Equal(0, await AppointmentsAsync(patientId));
    }

    [Fact]
    public async Task BookProcedure_NoAssessmentOrNoPlan_IsRefusedOrAsksForTheJoint()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var desk = app.ClientAs(Roles.FrontDesk);
        var url = $"/api/scheduling/patients/{clinic.PatientId}/appointments";
        var start = TestClinic.La(2026, 12, 3, 9);

        var noPlan = await desk.PostAsJsonAsync(url, new { type = "procedure", locationId = clinic.LocationId, start });
        Assert.Equal(HttpStatusCode.BadRequest, noPlan.StatusCode);
        Assert.True((await noPlan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("joint", out _));

        var named = await desk.PostAsJsonAsync(url, new { type = "procedure", locationId = clinic.LocationId, start, joint = "Ankle", side = "Right" });
        var codes = await RefusedCodesAsync(named);
        Assert.Contains("GATE-NO-ASSESSMENT", codes);
        Assert.Contains("GATE-NO-PRODUCT", codes);

        // Other appointment types are not gated.
        var consultation = await desk.PostAsJsonAsync(url, new { type = "consultation", locationId = clinic.LocationId, start });
        Assert.Equal(HttpStatusCode.Created, consultation.StatusCode);
        Assert.Equal(1, await AppointmentsAsync(clinic.PatientId));
    }

    [Fact]
    public async Task RecordProcedure_StaleAssessment_IsRefusedUntilAssessedAgain()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var (patientId, assessment) = await AssessedPatientAsync(clinician, "Antigua");
        Assert.Equal("Candidate", assessment.GetProperty("verdict").GetString());
        var planId = await PlanWithSignedConsentAsync(clinician, patientId);
        var assessmentId = assessment.GetProperty("id").GetGuid();
        await app.WithDbAsync(async db =>
        {
            var stored = await db.CandidacyAssessments.SingleAsync(a => a.Id == assessmentId);
            stored.AssessedOn = JourneyRecord.Today(app).AddDays(-91);
            stored.At = stored.At.AddDays(-91);
            return await db.SaveChangesAsync();
        });

        var codes = await RefusedCodesAsync(await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId)));
        Assert.Contains("GATE-ASSESSMENT-STALE", codes);
        Assert.Equal(0, await ProceduresAsync(patientId));

        Assert.Equal(HttpStatusCode.Created, (await clinician.PostAsJsonAsync($"/api/patients/{patientId}/candidacy", new { })).StatusCode);
        var done = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
        Assert.True(done.StatusCode == HttpStatusCode.Created, await done.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RecordProcedure_RelativeFinding_RefusedWithoutOverrideAndAllowedWithIt()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        // SPEC §2.4: IA steroid 40 days before → relative (30–83 days): needs the physician's override (§2.3).
        var (patientId, assessment) = await AssessedPatientAsync(clinician, "Relativa", steroidDaysAgo: 40);
        var planId = await PlanWithSignedConsentAsync(clinician, patientId);

        var codes = await RefusedCodesAsync(await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId)));
        Assert.Contains("GATE-NO-OVERRIDE", codes);
        Assert.Contains("W1", codes);
        Assert.Equal(0, await ProceduresAsync(patientId));

        var overridden = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/candidacy/{assessment.GetProperty("id").GetGuid()}/override",
            new { reason = "Steroid was a single low dose; symptoms justify proceeding now. Discussed with the patient." });
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        var done = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
        Assert.True(done.StatusCode == HttpStatusCode.Created, await done.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Settings_ChangedThroughTheAdminApi_AreSeenByEveryReader()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var clinician = app.ClientAs(Roles.Clinician);
        var original = (await admin.GetFromJsonAsync<JsonElement>("/api/settings/RegulationSettings")).GetProperty("value").GetRawText();
        // The demo practice's counsel sign-off lives in the one row the admin API shows; no second "Regulation" row exists.
        Assert.True(JsonDocument.Parse(original).RootElement.GetProperty("counselSignOffRecorded").GetBoolean());
        Assert.False(await app.WithDbAsync(db => db.Settings.AnyAsync(s => s.Name == "Regulation")));
        async Task PutAsync(string name, string json)
        {
            using var put = await admin.PutAsync($"/api/settings/{name}", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }
        try
        {
            var patientId = await NewPatientAsync("Ajustes");
            await ProcedureReady.AssessedAsync(app, patientId);
            var planId = await PlanWithSignedConsentAsync(clinician, patientId);

            // Regulation: AMBER (BMAC) without counsel sign-off → recording refused (SPEC §6.2, §6.3).
            await PutAsync("RegulationSettings", """{"counselSignOffRecorded": false}""");
            var codes = await RefusedCodesAsync(await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId)));
            Assert.Contains("GATE-REGULATORY", codes);
            Assert.Contains("REG-COUNSEL", codes);
            Assert.Equal(0, await ProceduresAsync(patientId));

            // Regulation read by consent preparation: micro-fragmented adipose RED by default, AMBER when the practice says so.
            var mfat = await NewPatientAsync("Adiposo");
            var mfatPlan = (await PostPlanAsync(clinician, mfat, Plan("MicrofragmentedAdipose"))).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.Conflict, (await clinician.PostAsJsonAsync($"/api/patients/{mfat}/consents", new { planId = mfatPlan })).StatusCode);
            await PutAsync("RegulationSettings", """{"counselSignOffRecorded": true, "counselSignOffReference": "Test memo", "microfragmentedAdiposeFlag": "Amber"}""");
            Assert.Equal(HttpStatusCode.Created, (await clinician.PostAsJsonAsync($"/api/patients/{mfat}/consents", new { planId = mfatPlan })).StatusCode);

            // Candidacy: the practice's assessment age limit is read by the gate (the assessment is from today: 0 days old).
            await PutAsync("CandidacySettings", """{"maxAssessmentAgeDays": 1}""");
            await app.WithDbAsync(async db =>
            {
                var stored = await db.CandidacyAssessments.SingleAsync(a => a.PatientId == patientId);
                stored.AssessedOn = JourneyRecord.Today(app).AddDays(-2);
                return await db.SaveChangesAsync();
            });
            Assert.Contains("GATE-ASSESSMENT-STALE",
                await RefusedCodesAsync(await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId))));
            await PutAsync("CandidacySettings", """{"maxAssessmentAgeDays": 30}""");

            // After-care: the practice's NSAID days shape the stored plan (day 0 = procedure day: 21 days = days 0–20).
            await PutAsync("AfterCareSettings", """{"nsaidAvoidanceDaysAfter": 21}""");
            var recorded = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
            Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
            var nsaid = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("afterCare").EnumerateArray()
                .Single(a => a.GetProperty("code").GetString() == "AC-NO-NSAID");
            Assert.Equal(JourneyRecord.Today(app).AddDays(20).ToString("yyyy-MM-dd"), nsaid.GetProperty("end").GetString());
            Assert.Equal(JourneyRecord.Today(app).AddDays(21).ToString("yyyy-MM-dd"), nsaid.GetProperty("resumeOn").GetString());
        }
        finally
        {
            await PutAsync("RegulationSettings", original);
            Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/api/settings/CandidacySettings")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/api/settings/AfterCareSettings")).StatusCode);
        }
    }

    [Fact]
    public async Task RecordProcedure_BookedThatDay_CompletesTheAppointmentAndKeepsTheFollowUps()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        using var desk = app.ClientAs(Roles.FrontDesk);
        var patientId = await NewPatientAsync("Reservada");
        await ProcedureReady.AssessedAsync(app, patientId);
        var planId = await PlanWithSignedConsentAsync(clinician, patientId);
        var clinic = await TestClinic.CreateAsync(app);
        // Today 14:00 in Los Angeles (the test clock is 08:00 there).
        var booked = await desk.PostAsJsonAsync($"/api/scheduling/patients/{patientId}/appointments",
            new { type = "procedure", locationId = clinic.LocationId, start = TestClinic.La(2026, 11, 24, 14) });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var series = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointments").EnumerateArray().ToList();
        var procedureId = series[0].GetProperty("id").GetGuid();
        Assert.True(series.Count > 1);

        var body = await ProcedureAsync(planId);
        var input = JsonSerializer.SerializeToNode(body)!.AsObject();
        input["locationId"] = clinic.LocationId;
        var recorded = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", input);
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());

        var booking = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("booking");
        Assert.True(booking.GetProperty("appointmentFound").GetBoolean());
        Assert.Equal(procedureId, booking.GetProperty("appointmentId").GetGuid());
        var statuses = await app.WithDbAsync(db => db.Appointments.Where(a => a.PatientId == patientId).Select(a => new { a.Id, a.Status }).ToListAsync());
        Assert.Equal(AppointmentStatus.Completed, statuses.Single(a => a.Id == procedureId).Status);
        Assert.Equal(series.Count - 1, statuses.Count(a => a.Id != procedureId && a.Status == AppointmentStatus.Booked));
    }

    [Fact]
    public async Task RecordProcedure_WithoutBooking_SaysSoAndWhereToBookTheFollowUps()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var patientId = await NewPatientAsync("Sinreserva");
        await ProcedureReady.AssessedAsync(app, patientId);
        var planId = await PlanWithSignedConsentAsync(clinician, patientId);

        var recorded = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());

        var booking = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("booking");
        Assert.False(booking.GetProperty("appointmentFound").GetBoolean());
        Assert.Contains("No booked procedure appointment", booking.GetProperty("message").GetString());
        Assert.Equal($"/patients/{patientId}/book?type=follow-up", booking.GetProperty("bookPage").GetString());
        var due = booking.GetProperty("followUpsToBook").EnumerateArray().ToList();
        Assert.Contains(due, f => f.GetProperty("step").GetString() == "safety-call");
        Assert.All(due, f => Assert.True(string.CompareOrdinal(f.GetProperty("windowStart").GetString(), TodayIso(app)) >= 0));
        Assert.Equal(0, await AppointmentsAsync(patientId));

        // The chart offers to book them.
        var chart = System.Net.WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{patientId}"));
        Assert.Contains("No follow-up visits are booked after the procedure", chart);
        Assert.Contains($"/patients/{patientId}/book?type=follow-up", chart);
    }

    [Fact]
    public async Task AfterCare_Convention_EndIsTheLastDayInclusiveAndTheApiSaysSo()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var patientId = await NewPatientAsync("Convencion");
        await ProcedureReady.AssessedAsync(app, patientId);
        var planId = await PlanWithSignedConsentAsync(clinician, patientId);
        var recorded = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", await ProcedureAsync(planId));
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var id = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Day 0 = procedure day; avoid NSAIDs for 14 days = days 0–13; resume on day 14; boot for 2 weeks = days 0–13 (SPEC §2.4, §4.7).
        var plan = (await clinician.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}/procedures/{id}/after-care")).EnumerateArray().ToList();
        JsonElement Item(string code) => plan.Single(a => a.GetProperty("code").GetString() == code);
        var today = JourneyRecord.Today(app);
        Assert.Equal(today.AddDays(13).ToString("yyyy-MM-dd"), Item("AC-NO-NSAID").GetProperty("end").GetString());
        Assert.Equal(today.AddDays(14).ToString("yyyy-MM-dd"), Item("AC-NO-NSAID").GetProperty("resumeOn").GetString());
        Assert.Equal(today.AddDays(13).ToString("yyyy-MM-dd"), Item("AC-SUPPORT-BOOT").GetProperty("end").GetString());
        Assert.Equal(today.AddDays(14).ToString("yyyy-MM-dd"), Item("AC-LOW-IMPACT").GetProperty("start").GetString());

        var openApi = await clinician.GetStringAsync("/openapi/v1.json");
        Assert.Contains("Last day the instruction applies, inclusive", openApi);
        Assert.Contains("First day the restriction no longer applies", openApi);
    }

    [Fact]
    public async Task BookPage_ProcedureForNotCandidate_ShowsWhyItIsRefused()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var (patientId, _) = await AssessedPatientAsync(clinician, "Pagina", infection: true);
        await PostPlanAsync(clinician, patientId, Plan());
        var clinic = await TestClinic.CreateAsync(app);
        using var desk = app.ClientAs(Roles.FrontDesk);
        var url = $"/patients/{patientId}/book?type=procedure&location={clinic.LocationId}";
        var page = await desk.GetStringAsync(url);
        var token = Regex.Match(Regex.Match(page, @"<input[^>]*__RequestVerificationToken[^>]*>").Value, @"value=""([^""]+)""").Groups[1].Value;
        var slot = System.Net.WebUtility.HtmlDecode(Regex.Match(page, @"name=""slot"" value=""([^""]+)""").Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(slot), "the page should offer procedure times");

        using var response = await desk.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "book", ["__RequestVerificationToken"] = token, ["slot"] = slot, ["series"] = "true",
        }));

        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("This procedure cannot be booked at this time.", html);
        Assert.Contains("Active infection", html);
        Assert.Equal(0, await AppointmentsAsync(patientId));
    }

    [Fact]
    public async Task RecordProcedurePage_WithoutAssessment_SaysRecordingWillBeRefusedAndWhy()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var patientId = await NewPatientAsync("Previo");
        await PostPlanAsync(clinician, patientId, Plan());

        var html = System.Net.WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{patientId}/procedures/new"));

        Assert.Contains("Recording today will be refused", html);
        Assert.Contains("No candidacy assessment of this joint and side", html);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;
using Talus.Clinical.FollowUp;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Intake;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Journey;

namespace Talus.Web.Tests.FollowUp;

[Collection(AppCollection.Name)]
public sealed partial class FollowUpTests(TalusApp app)
{
    private const string BirthDate = "1958-07-14";

    /// <summary>A patient with a PRP procedure recorded today through the API (plan, consent, procedure), and the procedure id.</summary>
    internal static async Task<(Guid PatientId, Guid ProcedureId)> TreatedAsync(TalusApp app, string family, string? email = null)
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var created = await desk.PostAsJsonAsync("/api/patients", new { givenName = "Olga", familyName = family, birthDate = BirthDate, sex = "Female", preferredLanguage = "en", preferredLocationId = 1, email });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var patientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ProcedureReady.AssessedAsync(app, patientId, product: Talus.Clinical.InjectionProduct.PlateletRichPlasma);
        using var clinician = app.ClientAs(Roles.Clinician);
        var plan = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/plans", new
        {
            joint = "Ankle", side = "Right", product = "PlateletRichPlasma", plannedInjections = 1, rationale = "Moderate OA after conservative care.",
        });
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync());
        var planId = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetProperty("id").GetGuid();
        var consent = await (await clinician.PostAsJsonAsync($"/api/patients/{patientId}/consents", new { planId })).Content.ReadFromJsonAsync<JsonElement>();
        var signed = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/consents/{consent.GetProperty("id").GetGuid()}/signature", new
        {
            fullName = "Olga Tester", agree = true,
            initials = consent.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, _ => "OT"),
            signatureStrokes = new[] { new[] { new[] { 10.0, 20.0 }, new[] { 200.0, 150.0 } } },
        });
        Assert.True(signed.StatusCode == HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
        var (operatorId, location) = await app.WithDbAsync(async db => (
            await db.Staff.Where(s => s.Role == Roles.Clinician).Select(s => s.Id).FirstAsync(), await db.Locations.Select(l => l.Id).FirstAsync()));
        var procedure = await clinician.PostAsJsonAsync($"/api/patients/{patientId}/procedures", new
        {
            planId, performedOn = JourneyRecord.Today(app).ToString("yyyy-MM-dd"), locationId = location, operatorId, harvestSite = "PeripheralBlood",
            injectateVolumeMl = 4, imageGuidance = "Ultrasound", anesthesia = "Local",
        });
        Assert.True(procedure.StatusCode == HttpStatusCode.Created, await procedure.Content.ReadAsStringAsync());
        return (patientId, (await procedure.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static Dictionary<string, int?> Faos(int value) =>
        Questionnaires.Definition(Talus.Clinical.Instruments.InstrumentId.Faos).Items.ToDictionary(i => i.Key, _ => (int?)value);

    [Fact]
    public async Task RecordProcedure_CreatesTheProgramVisitsWithTheirWindows()
    {
        var (patientId, procedureId) = await TreatedAsync(app, "Scheduled");
        var today = JourneyRecord.Today(app);
        var visits = await app.WithDbAsync(db => db.FollowUpVisits.Where(v => v.ProcedureId == procedureId).ToListAsync());

        Assert.Equal(7, visits.Count);
        Assert.All(visits, v => Assert.Equal(patientId, v.PatientId));
        // SPEC §4.2: V3 at +91 days, window ±14; V5 at +365 with radiographs; V2 has FAOS.
        var v3 = visits.Single(v => v.Visit == ProgramVisit.V3);
        Assert.Equal((today.AddDays(91), today.AddDays(77), today.AddDays(105)), (v3.TargetDate, v3.WindowStart, v3.WindowEnd));
        Assert.True(visits.Single(v => v.Visit == ProgramVisit.V5).ImagingDue);
        Assert.False(visits.Single(v => v.Visit == ProgramVisit.V2).ImagingDue);
        Assert.Contains(Talus.Clinical.Instruments.InstrumentId.Faos, visits.Single(v => v.Visit == ProgramVisit.V2).Instruments());
        Assert.All(visits, v => Assert.Equal(FollowUpStatus.Upcoming, v.Status));
    }

    [Fact]
    public async Task Submit_EightAnswersOfOnePatientAtOnce_AllStoredAndOutcomeRowsWhole()
    {
        var (patientId, procedureId) = await TreatedAsync(app, "Eightfold");
        using var desk = app.ClientAs(Roles.FrontDesk);
        var posts = Enumerable.Range(0, 8).Select(i => desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true",
            new { instrument = "NrsPain", answers = new Dictionary<string, int?> { ["NrsPain"] = i } }));
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var (stored, rows, expected) = await app.WithDbAsync(async db => (
            await db.QuestionnaireResponses.CountAsync(r => r.PatientId == patientId && r.Instrument == Talus.Clinical.Instruments.InstrumentId.NrsPain),
            await db.OutcomeRows.CountAsync(o => o.ProcedureId == procedureId),
            (await Talus.Web.Features.Outcomes.OutcomeRows.ComputeAsync(db, [patientId], CancellationToken.None)).Count));
        Assert.Equal(8, stored);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task Submit_StaffAndPatientApi_WriteOneScoreRowPerSubscale()
    {
        var (patientId, procedureId) = await TreatedAsync(app, "Rowed");
        using var desk = app.ClientAs(Roles.FrontDesk);
        var staff = await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true",
            new { instrument = "Faos", joint = "Ankle", side = "Right", answers = Faos(2) });
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        var responseId = (await staff.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var rows = await app.WithDbAsync(db => db.ScoreRows.Where(s => s.ResponseId == responseId).ToListAsync());
        Assert.Equal(["Adl", "Pain", "Qol", "SportRec", "Symptoms"], rows.Select(r => r.Subscale).Order());
        // SPEC §3.1: every item 2 → 100 − 25 × 2 = 50; answered on the procedure day → 0 days from the index procedure.
        Assert.All(rows, r => Assert.Equal(50.0, r.Score));
        Assert.All(rows, r => Assert.Equal((procedureId, 0, (Guid?)null), (r.ProcedureId!.Value, r.DaysFromIndex!.Value, r.FollowUpVisitId)));

        var demo = await app.DemoPatientAsync();
        using var patient = app.ClientAs(Roles.Patient);
        var own = await patient.PostAsJsonAsync($"/api/patients/{demo.Id}/questionnaires?submit=true", new { instrument = "NrsPain", answers = new Dictionary<string, int?> { ["NrsPain"] = 4 } });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var ownId = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(4.0, (await app.WithDbAsync(db => db.ScoreRows.SingleAsync(s => s.ResponseId == ownId))).Score);
    }

    [Fact]
    public async Task Submit_DraftSaved_WritesNoScoreRowUntilSubmitted()
    {
        var (patientId, _) = await TreatedAsync(app, "Drafted");
        using var desk = app.ClientAs(Roles.FrontDesk);
        var draft = await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires", new { instrument = "Faos", answers = Faos(1) });
        var id = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(0, await app.WithDbAsync(db => db.ScoreRows.CountAsync(s => s.ResponseId == id)));
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsync($"/api/patients/{patientId}/questionnaires/{id}/submit", null)).StatusCode);
        Assert.Equal(5, await app.WithDbAsync(db => db.ScoreRows.CountAsync(s => s.ResponseId == id)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-14, true)]
    [InlineData(14, true)]
    [InlineData(-15, false)]
    [InlineData(15, false)]
    public async Task Submit_ForAVisit_MarksTheAnswerInOrOutOfTheWindow(int daysFromTarget, bool inWindow)
    {
        var (patientId, procedureId) = await TreatedAsync(app, "Windowed" + (daysFromTarget + 100));
        // Move the visit so that today is daysFromTarget from its target (V3: ±14 days, SPEC §4.2).
        var today = JourneyRecord.Today(app);
        var visitId = await app.WithDbAsync(async db =>
        {
            var v = await db.FollowUpVisits.SingleAsync(x => x.ProcedureId == procedureId && x.Visit == ProgramVisit.V3);
            v.TargetDate = today.AddDays(-daysFromTarget);
            (v.WindowStart, v.WindowEnd, v.Status) = (v.TargetDate.AddDays(-14), v.TargetDate.AddDays(14), FollowUpStatus.Open);
            await db.SaveChangesAsync();
            return v.Id;
        });
        using var desk = app.ClientAs(Roles.FrontDesk);
        var response = await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true", new { instrument = "Faos", followUpVisitId = visitId, answers = Faos(1) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rows = await app.WithDbAsync(db => db.ScoreRows.Where(s => s.FollowUpVisitId == visitId).ToListAsync());
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal((inWindow, ProgramVisit.V3), (r.InWindow!.Value, r.Visit!.Value)));
    }

    [Fact]
    public async Task Submit_ForAnotherPatientsVisit_Answers400AndWritesNothing()
    {
        var (_, procedureId) = await TreatedAsync(app, "Owner");
        var (otherId, _) = await TreatedAsync(app, "Other");
        var visitId = await app.WithDbAsync(db => db.FollowUpVisits.Where(v => v.ProcedureId == procedureId && v.Visit == ProgramVisit.V2).Select(v => v.Id).SingleAsync());
        using var desk = app.ClientAs(Roles.FrontDesk);
        var response = await desk.PostAsJsonAsync($"/api/patients/{otherId}/questionnaires?submit=true", new { instrument = "Faos", followUpVisitId = visitId, answers = Faos(1) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("followUpVisitId", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.ScoreRows.CountAsync(s => s.FollowUpVisitId == visitId)));
    }

    private async Task<(Guid PatientId, Guid VisitId, string Token)> LinkedVisitAsync(string family, string questionnaires = "Faos")
    {
        var (patientId, procedureId) = await TreatedAsync(app, family);
        var visitId = await app.WithDbAsync(async db =>
        {
            var v = await db.FollowUpVisits.SingleAsync(x => x.ProcedureId == procedureId && x.Visit == ProgramVisit.V2);
            (v.Questionnaires, v.Status) = (questionnaires, FollowUpStatus.Open);
            await db.SaveChangesAsync();
            return v.Id;
        });
        using var desk = app.ClientAs(Roles.FrontDesk);
        var link = await desk.PostAsync($"/api/patients/{patientId}/follow-ups/{visitId}/link", null);
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        var path = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        return (patientId, visitId, path["/followup/".Length..]);
    }

    private static async Task<string> PostFormAsync(HttpClient client, string url, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        var token = AntiforgeryValue().Match(AntiforgeryInput().Match(page).Value).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no form on " + url);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = token;
        using var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_BeforeTheBirthDate_RevealsNothing_AndAWrongDateRevealsNothing()
    {
        var (_, _, token) = await LinkedVisitAsync("Hidden");
        using var anon = app.Anonymous();
        var first = await anon.GetAsync($"/followup/{token}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        Assert.True(html.Contains("confirm your date of birth"), html);
        Assert.DoesNotContain("Hidden", html);
        Assert.DoesNotContain("Olga", html);
        Assert.DoesNotContain("Foot and ankle questionnaire", html);

        var wrong = await PostFormAsync(anon, $"/followup/{token}", "confirm", new() { ["birthDate"] = "1958-07-15" });
        Assert.Contains("does not match", wrong);
        Assert.DoesNotContain("Foot and ankle questionnaire", wrong);
        Assert.DoesNotContain("Olga", wrong);
        // The questionnaire itself stays closed without the confirmation.
        var direct = await anon.GetStringAsync($"/followup/{token}/Faos");
        Assert.DoesNotContain("Send my answers", direct);
    }

    [Fact]
    public async Task Link_FiveWrongBirthDates_RevokesTheLink()
    {
        var (_, visitId, token) = await LinkedVisitAsync("Guessed");
        using var anon = app.Anonymous();
        string last = "";
        for (var i = 0; i < FollowUpLinks.MaxBirthDateAttempts; i++)
        {
            last = await PostFormAsync(anon, $"/followup/{token}", "confirm", new() { ["birthDate"] = $"1970-01-0{i + 1}" });
        }
        Assert.Contains("closed to protect your information", last);
        Assert.True(await app.WithDbAsync(db => db.PatientLinks.AnyAsync(l => l.TargetId == visitId && l.RevokedAt != null)));
        var again = await anon.GetAsync($"/followup/{token}");
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task Link_ConfirmedAndAnswered_ScoresTheVisit_ThanksThePatient_AndWorksOnlyOnce()
    {
        var (patientId, visitId, token) = await LinkedVisitAsync("Answered");
        using var anon = app.Anonymous();
        var list = await PostFormAsync(anon, $"/followup/{token}", "confirm", new() { ["birthDate"] = BirthDate });
        Assert.Contains("Foot and ankle questionnaire", list);

        var answers = Faos(1).ToDictionary(a => "a." + a.Key, a => a.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        answers["action"] = "submit";
        await PostFormAsync(anon, $"/followup/{token}/Faos", "questionnaire", answers);

        var rows = await app.WithDbAsync(db => db.ScoreRows.Where(s => s.FollowUpVisitId == visitId).ToListAsync());
        Assert.Equal(5, rows.Count);
        // Answered on the procedure day, long before the V2 window (days 35–49): kept, and marked outside the window.
        Assert.All(rows, r => Assert.Equal((patientId, 75.0, false), (r.PatientId, r.Score, r.InWindow!.Value)));
        var visit = await app.WithDbAsync(db => db.FollowUpVisits.SingleAsync(v => v.Id == visitId));
        Assert.Equal(FollowUpStatus.Completed, visit.Status);
        Assert.Contains("We have your answers", await anon.GetStringAsync($"/followup/{token}"));

        // Single use: another browser (no confirmation cookie) finds the link closed.
        using var other = app.Anonymous();
        var reused = await other.GetAsync($"/followup/{token}");
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Contains("These forms are already done", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_Expired_IsRefused()
    {
        var (_, visitId, token) = await LinkedVisitAsync("Expired");
        await app.WithDbAsync(async db =>
        {
            var link = await db.PatientLinks.SingleAsync(l => l.TargetId == visitId && l.RevokedAt == null);
            link.ExpiresAt = link.CreatedAt.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        using var anon = app.Anonymous();
        var page = await anon.GetAsync($"/followup/{token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("This link has expired", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_NewOne_StopsTheEarlierOne()
    {
        var (patientId, visitId, token) = await LinkedVisitAsync("Renewed");
        using var desk = app.ClientAs(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsync($"/api/patients/{patientId}/follow-ups/{visitId}/link", null)).StatusCode);
        using var anon = app.Anonymous();
        Assert.Equal(HttpStatusCode.Gone, (await anon.GetAsync($"/followup/{token}")).StatusCode);
    }

    [Fact]
    public async Task Escalation_WithAFakeClock_InvitesRemindsListsForCallsAndLosesTheVisit()
    {
        var (patientId, procedureId) = await TreatedAsync(app, "Escalated", email: "escalated@example.test");
        var start = app.Clock.GetUtcNow();
        var v1 = await app.WithDbAsync(db => db.FollowUpVisits.SingleAsync(v => v.ProcedureId == procedureId && v.Visit == ProgramVisit.V1));
        var settings = new FollowUpContactSettings();   // reminders at 3 and 7 days, call 2 days later, practice defaults

        async Task<FollowUpVisit> RunAtAsync(DateOnly day)
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
            await FollowUpEscalation.RunAsync(db, settings, scope.ServiceProvider.GetRequiredService<IStringLocalizer<PatientText>>(), "https://talus.example", clock, default);
            return await db.FollowUpVisits.AsNoTracking().SingleAsync(v => v.Id == v1.Id);
        }
        async Task<bool> OnCallListAsync(DateOnly day) => await app.WithDbAsync(db =>
            FollowUpEscalation.CallList(db, settings, day.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc)).AnyAsync(v => v.Id == v1.Id));
        Task<int> MailsAsync() => app.WithDbAsync(db => db.Outbox.CountAsync(m => m.PatientId == patientId));

        // The day before the window opens (V1: days 10–18, SPEC §4.2): nothing happens.
        Assert.Equal(FollowUpStatus.Upcoming, (await RunAtAsync(v1.WindowStart.AddDays(-1))).Status);
        Assert.Equal(0, await MailsAsync());
        // Window opens: invited by email, the body carries a link and no clinical detail.
        var opened = await RunAtAsync(v1.WindowStart);
        Assert.Equal((FollowUpStatus.Open, 0), (opened.Status, opened.RemindersSent));
        Assert.NotNull(opened.InvitedAt);
        var mail = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.PatientId == patientId));
        Assert.Contains("https://talus.example/followup/", mail.Body);
        Assert.DoesNotContain("PRP", mail.Body);
        Assert.DoesNotContain("Ankle", mail.Body);
        // Two days later: no reminder yet; on day 3 the first, on day 7 the second; running twice sends nothing more.
        Assert.Equal(0, (await RunAtAsync(v1.WindowStart.AddDays(2))).RemindersSent);
        Assert.Equal(1, (await RunAtAsync(v1.WindowStart.AddDays(3))).RemindersSent);
        Assert.Equal(1, (await RunAtAsync(v1.WindowStart.AddDays(3))).RemindersSent);
        Assert.Equal(2, (await RunAtAsync(v1.WindowStart.AddDays(7))).RemindersSent);
        Assert.Equal(3, await MailsAsync());
        // Call list two days after the last reminder, not before.
        Assert.False(await OnCallListAsync(v1.WindowStart.AddDays(8)));
        Assert.True(await OnCallListAsync(v1.WindowStart.AddDays(9)));
        // The last day of the window it is still open; the day after, missed (later visits are still ahead, so not lost).
        Assert.Equal(FollowUpStatus.Open, (await RunAtAsync(v1.WindowEnd)).Status);
        var lost = await RunAtAsync(v1.WindowEnd.AddDays(1));
        Assert.Equal((FollowUpStatus.Missed, null), (lost.Status, lost.LostReason));
        Assert.False(await OnCallListAsync(v1.WindowEnd.AddDays(1)));
        Assert.Equal(3, await MailsAsync());
        Assert.Equal(start, app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Escalation_InBatches_InvitesEachVisitOnce_StopsEarlierLinks_AndSkipsThoseWithoutEmail()
    {
        var treated = new List<(Guid PatientId, Guid VisitId)>();
        foreach (var (family, email) in new[] { ("Batched", "batched1@example.test"), ("Batchedtwo", "batched2@example.test"),
                     ("Batchedthree", "batched3@example.test"), ("Batchednomail", null) })
        {
            var (patientId, procedureId) = await TreatedAsync(app, family, email);
            treated.Add((patientId, await app.WithDbAsync(db => db.FollowUpVisits
                .Where(v => v.ProcedureId == procedureId && v.Visit == ProgramVisit.V1).Select(v => v.Id).SingleAsync())));
        }
        var windowStart = await app.WithDbAsync(db => db.FollowUpVisits.Where(v => v.Id == treated[0].VisitId).Select(v => v.WindowStart).SingleAsync());
        using var desk = app.ClientAs(Roles.FrontDesk);
        var staffLink = await desk.PostAsync($"/api/patients/{treated[0].PatientId}/follow-ups/{treated[0].VisitId}/link", null);
        var staffToken = (await staffLink.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!["/followup/".Length..];
        var settings = new FollowUpContactSettings();   // reminders at 3 and 7 days

        async Task RunAtAsync(DateOnly day)
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));
            await using var scope = app.Services.CreateAsyncScope();
            await FollowUpEscalation.RunAsync(scope.ServiceProvider.GetRequiredService<ClinicDb>(), settings,
                scope.ServiceProvider.GetRequiredService<IStringLocalizer<PatientText>>(), "https://talus.example", clock, default, batchSize: 2);
        }
        Task<int[]> MailsAsync() => app.WithDbAsync(async db =>
        {
            var ids = treated.Select(t => t.PatientId).ToArray();
            var counts = await db.Outbox.Where(m => ids.Contains(m.PatientId)).GroupBy(m => m.PatientId).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
            return treated.Select(t => counts.SingleOrDefault(c => c.Key == t.PatientId)?.N ?? 0).ToArray();
        });
        Task<List<(DateTime? InvitedAt, int RemindersSent)>> VisitsAsync() => app.WithDbAsync(async db =>
        {
            var ids = treated.Select(t => t.VisitId).ToArray();
            var rows = await db.FollowUpVisits.AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync();
            return treated.Select(t => rows.Single(r => r.Id == t.VisitId)).Select(v => (v.InvitedAt, v.RemindersSent)).ToList();
        });

        await RunAtAsync(windowStart);
        await RunAtAsync(windowStart);
        Assert.Equal(new[] { 1, 1, 1, 0 }, await MailsAsync());
        var visits = await VisitsAsync();
        Assert.All(visits, v => Assert.NotNull(v.InvitedAt));
        Assert.Equal(new[] { 0, 0, 0, 2 }, visits.Select(v => v.RemindersSent));
        using var anon = app.Anonymous();
        Assert.Equal(HttpStatusCode.Gone, (await anon.GetAsync($"/followup/{staffToken}")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.PatientLinks.CountAsync(l => l.TargetId == treated[0].VisitId && l.RevokedAt == null)));

        await RunAtAsync(windowStart.AddDays(3));
        Assert.Equal(new[] { 2, 2, 2, 0 }, await MailsAsync());
        Assert.Equal(new[] { 1, 1, 1, 2 }, (await VisitsAsync()).Select(v => v.RemindersSent));
    }

    [Fact]
    public async Task RecordLost_WithAReason_AppliesToThisAndLaterVisits()
    {
        var (patientId, procedureId) = await TreatedAsync(app, "Moved");
        var v4 = await app.WithDbAsync(db => db.FollowUpVisits.SingleAsync(v => v.ProcedureId == procedureId && v.Visit == ProgramVisit.V4));
        using var desk = app.ClientAs(Roles.FrontDesk);
        var response = await desk.PostAsJsonAsync($"/api/patients/{patientId}/follow-ups/{v4.Id}/lost", new { reason = "Moved", note = "Moved to Oregon" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var visits = await app.WithDbAsync(db => db.FollowUpVisits.Where(v => v.ProcedureId == procedureId).ToListAsync());
        Assert.All(visits.Where(v => v.Visit >= ProgramVisit.V4), v => Assert.Equal((FollowUpStatus.LostToFollowUp, LostReason.Moved), (v.Status, v.LostReason!.Value)));
        Assert.All(visits.Where(v => v.Visit < ProgramVisit.V4), v => Assert.Equal(FollowUpStatus.Upcoming, v.Status));
        var bad = await desk.PostAsJsonAsync($"/api/patients/{patientId}/follow-ups/{v4.Id}/lost", new { note = "no reason" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Chart_AfterV3AndV4_ShowsTheResponseOarsiAndTheRepeatVerdictWithNextSteps()
    {
        var (patientId, procedureId) = await TreatedAsync(app, "Responded");
        using var desk = app.ClientAs(Roles.FrontDesk);
        // Baseline FAOS all 3 (score 25) and NRS 8; at V3 and V4 FAOS all 1 (75) and NRS 2: OMERACT-OARSI responder (SPEC §4.4).
        await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true", new { instrument = "Faos", joint = "Ankle", side = "Right", answers = Faos(3) });
        await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true", new { instrument = "NrsPain", joint = "Ankle", side = "Right", answers = new Dictionary<string, int?> { ["NrsPain"] = 8 } });
        foreach (var visit in new[] { ProgramVisit.V3, ProgramVisit.V4 })
        {
            var visitId = await app.WithDbAsync(async db =>
            {
                var v = await db.FollowUpVisits.SingleAsync(x => x.ProcedureId == procedureId && x.Visit == visit);
                v.Questionnaires = "NrsPain,Faos";
                await db.SaveChangesAsync();
                return v.Id;
            });
            Assert.Equal(HttpStatusCode.Created, (await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true", new { instrument = "Faos", followUpVisitId = visitId, answers = Faos(1) })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await desk.PostAsJsonAsync($"/api/patients/{patientId}/questionnaires?submit=true", new { instrument = "NrsPain", followUpVisitId = visitId, answers = new Dictionary<string, int?> { ["NrsPain"] = 2 } })).StatusCode);
            Assert.Equal(FollowUpStatus.Completed, await app.WithDbAsync(db => db.FollowUpVisits.Where(v => v.Id == visitId).Select(v => v.Status).SingleAsync()));
        }
        using var clinician = app.ClientAs(Roles.Clinician);
        var chart = WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{patientId}"));
        Assert.Contains("Follow-up and progress", chart);
        Assert.Contains("Response: Responder", chart);
        Assert.Contains("OMERACT-OARSI met", chart);
        Assert.Contains("Repeat injection at V3", chart);
        Assert.Contains("Repeat injection at V4", chart);
        Assert.Contains("a repeat is not indicated while the response lasts", chart);
        Assert.Contains("Book a surgical consult", chart);
        Assert.Contains("Alternatives (decision aid)", chart);
        Assert.Contains("<svg", chart);
        Assert.Contains("class=\"mcid-band\"", chart);

        // Billing may read the chart but not book: the booking links are not offered to it.
        using var billing = app.ClientAs(Roles.Billing);
        var billingChart = WebUtility.HtmlDecode(await billing.GetStringAsync($"/patients/{patientId}"));
        Assert.Contains("Repeat injection at V4", billingChart);
        Assert.DoesNotContain("Book a surgical consult", billingChart);
    }

    [Fact]
    public async Task Completion_CountsEveryVisitWhoseWindowOpened()
    {
        using var outcomes = app.ClientAs(Roles.Outcomes);
        var rows = await outcomes.GetFromJsonAsync<JsonElement>("/api/follow-ups/completion");
        Assert.True(rows.GetArrayLength() > 0);
        foreach (var r in rows.EnumerateArray())
        {
            Assert.Equal(r.GetProperty("due").GetInt32(),
                r.GetProperty("completed").GetInt32() + r.GetProperty("lost").GetInt32() + r.GetProperty("open").GetInt32());
        }
        Assert.Contains("Follow-up completion", await outcomes.GetStringAsync("/followup/completion"));
    }

    [Fact]
    public async Task DemoData_HasScoreRowsAndFollowUpsWithTrajectories()
    {
        var (rows, followUpRows, completed, lost, missed) = await app.WithDbAsync(async db => (
            await db.ScoreRows.CountAsync(), await db.ScoreRows.CountAsync(s => s.FollowUpVisitId != null),
            await db.FollowUpVisits.CountAsync(v => v.Status == FollowUpStatus.Completed),
            await db.FollowUpVisits.CountAsync(v => v.Status == FollowUpStatus.LostToFollowUp && v.LostReason != LostReason.Unknown),
            await db.FollowUpVisits.CountAsync(v => v.Status == FollowUpStatus.Missed)));
        Assert.True(rows > followUpRows && followUpRows > 0, $"{rows} rows, {followUpRows} at visits");
        Assert.True(completed > 0 && lost > 0 && missed > 0, $"{completed} completed, {lost} lost with a reason, {missed} missed");
    }

    [Theory]
    [InlineData(Talus.Clinical.Outcomes.OutcomeMeasure.FaosPain, 40.0, true, 50.0)]         // SPEC §3.7: FAOS +10
    [InlineData(Talus.Clinical.Outcomes.OutcomeMeasure.FaamAdl, 60.0, true, 68.0)]          // SPEC §3.7: FAAM ADL +8
    [InlineData(Talus.Clinical.Outcomes.OutcomeMeasure.NrsPain, 8.0, false, 6.0)]           // SPEC §3.4: 2 points (30% = 2.4)
    [InlineData(Talus.Clinical.Outcomes.OutcomeMeasure.NrsPain, 5.0, false, 3.5)]           // SPEC §3.4: 30% = 1.5 is easier than 2
    [InlineData(Talus.Clinical.Outcomes.OutcomeMeasure.MoxfqPain, 50.0, false, 38.0)]       // SPEC §3.7: MOXFQ Pain −12
    public void McidLine_FromBaseline_StartsWhereTheMcidIsMet(Talus.Clinical.Outcomes.OutcomeMeasure measure, double baseline, bool higherIsBetter, double line) =>
        Assert.Equal(line, Progress.McidLine(measure, baseline, higherIsBetter, new Talus.Clinical.Outcomes.McidSettings())!.Value, 6);

    [Fact]
    public void McidLine_NoMeasureOrNoBaseline_IsNull()
    {
        Assert.Null(Progress.McidLine(null, 50, true, new()));
        Assert.Null(Progress.McidLine(Talus.Clinical.Outcomes.OutcomeMeasure.FaosPain, null, true, new()));
    }

    [Theory]
    [InlineData(new[] { 3, 7 }, 2, 14, true)]
    [InlineData(new int[0], 0, 1, true)]
    [InlineData(new[] { 7, 3 }, 2, 14, false)]      // reminders in increasing order
    [InlineData(new[] { 3, 3 }, 2, 14, false)]
    [InlineData(new[] { 0 }, 2, 14, false)]
    [InlineData(new[] { 3 }, 61, 14, false)]
    [InlineData(new[] { 3 }, 2, 0, false)]
    public void ContactSettings_Check_AcceptsOnlySensibleValues(int[] reminders, int callAfter, int linkDays, bool valid) =>
        Assert.Equal(valid, new FollowUpContactSettings { ReminderDays = reminders, CallAfterDays = callAfter, LinkValidDays = linkDays }.Check().Count == 0);

    [GeneratedRegex(@"<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"value=""([^""]+)""")]
    private static partial Regex AntiforgeryValue();
}

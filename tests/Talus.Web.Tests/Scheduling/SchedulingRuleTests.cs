using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Scheduling;

/// <summary>Scheduling does what it says: moves keep the clinician, follow-up windows, portal rules, one patient in one place.</summary>
[Collection(AppCollection.Name)]
public sealed class SchedulingRuleTests(TalusApp app)
{
    private static string Url(Guid patientId) => $"/api/scheduling/patients/{patientId}/appointments";

    private static async Task<JsonElement> BookAsync(HttpClient client, Guid patientId, object body)
    {
        var response = await client.PostAsJsonAsync(Url(patientId), body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointments");
    }

    [Fact]
    public async Task Reschedule_NamedProviderBusy_NeverGivesTheTimeToAnother()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var second = await TestClinic.AddProviderAsync(app, clinic.LocationId);
        var other = await TestClinic.AddPatientAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var id = (await BookAsync(client, clinic.PatientId, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 2, 9), providerId = clinic.ProviderId }))[0]
            .GetProperty("id").GetGuid();
        await BookAsync(client, other, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 2, 11), providerId = second });

        var moved = await client.PostAsJsonAsync($"{Url(clinic.PatientId)}/{id}/reschedule", new { start = TestClinic.La(2027, 2, 2, 11), providerId = second });

        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(clinic.ProviderId, stored.ProviderId);
        Assert.Equal(TestClinic.La(2027, 2, 2, 9), stored.Start);
    }

    [Fact]
    public async Task Reschedule_NoProviderNamed_KeepsTheProviderUnlessAnyProviderIsAsked()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var second = await TestClinic.AddProviderAsync(app, clinic.LocationId);
        var other = await TestClinic.AddPatientAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var id = (await BookAsync(client, clinic.PatientId, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 3, 9), providerId = clinic.ProviderId }))[0]
            .GetProperty("id").GetGuid();
        await BookAsync(client, other, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 3, 11), providerId = clinic.ProviderId });

        var kept = await client.PostAsJsonAsync($"{Url(clinic.PatientId)}/{id}/reschedule", new { start = TestClinic.La(2027, 2, 3, 11) });
        Assert.Equal(HttpStatusCode.Conflict, kept.StatusCode);
        Assert.Equal(clinic.ProviderId, (await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id))).ProviderId);

        var any = await client.PostAsJsonAsync($"{Url(clinic.PatientId)}/{id}/reschedule", new { start = TestClinic.La(2027, 2, 3, 11), anyProvider = true });
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);
        Assert.Equal(second, (await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id))).ProviderId);
    }

    [Fact]
    public async Task Reschedule_Procedure_RecomputesTheFollowUpWindowsFromTheNewDate()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        await Journey.ProcedureReady.ForBookingAsync(app, clinic.PatientId);
        var booked = await BookAsync(client, clinic.PatientId, new { type = "procedure", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 4, 9) });
        var procedure = booked[0].GetProperty("id").GetGuid();
        var before = await app.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == clinic.PatientId && a.EpisodeStep != "procedure")
            .ToDictionaryAsync(a => a.Id, a => (a.WindowStart, a.WindowEnd)));
        Assert.NotEmpty(before);

        var moved = await client.PostAsJsonAsync($"{Url(clinic.PatientId)}/{procedure}/reschedule", new { start = TestClinic.La(2027, 2, 11, 9) });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var after = await app.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == clinic.PatientId && a.EpisodeStep != "procedure").ToListAsync());
        Assert.All(after, a =>
        {
            Assert.Equal(before[a.Id].WindowStart!.Value.AddDays(7), a.WindowStart);
            Assert.Equal(before[a.Id].WindowEnd!.Value.AddDays(7), a.WindowEnd);
        });
        Assert.Equal(new DateOnly(2027, 2, 11), await app.WithDbAsync(db => db.Episodes.Where(e => db.Appointments.Any(a => a.Id == procedure && a.EpisodeId == e.Id))
            .Select(e => e.IndexDate).SingleAsync()));
    }

    [Fact]
    public async Task Reschedule_ProcedureToADayTheGateRefuses_Answers409WithReasonsAndMovesNothing()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        await Journey.ProcedureReady.ForBookingAsync(app, clinic.PatientId);
        var booked = await BookAsync(client, clinic.PatientId, new { type = "procedure", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 4, 9), withFollowUps = false });
        var procedure = booked[0].GetProperty("id").GetGuid();
        var before = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == procedure));

        // Months later the candidacy assessment is older than the practice allows (CandidacySettings.MaxAssessmentAgeDays).
        var moved = await client.PostAsJsonAsync($"{Url(clinic.PatientId)}/{procedure}/reschedule", new { start = TestClinic.La(2027, 9, 2, 9) });

        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.True((await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetArrayLength() > 0);
        Assert.Equal(before.Start, (await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == procedure))).Start);
    }

    [Fact]
    public async Task PortalReschedule_BeyondTheHorizon_Refused()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var patient = await app.DemoPatientAsync();
        using var staff = app.ClientAs(Roles.FrontDesk);
        var id = (await BookAsync(staff, patient.Id, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 1, 26, 16, 15) }))[0]
            .GetProperty("id").GetGuid();
        using var portal = app.ClientAs(Roles.Patient);

        // The clock is 2026-11-24; the practice default horizon is 90 days.
        var moved = await portal.PostAsJsonAsync($"/api/portal/appointments/{id}/reschedule", new { start = TestClinic.La(2027, 3, 9, 16, 15), locationId = clinic.LocationId });

        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("start", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TestClinic.La(2027, 1, 26, 16, 15), (await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id))).Start);
    }

    [Fact]
    public async Task PortalSlotSearch_FromBeyondTheHorizon_Refused()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var portal = app.ClientAs(Roles.Patient);

        var far = await portal.PostAsJsonAsync("/api/portal/slots/search", new { type = "consultation", locationIds = new[] { clinic.LocationId }, from = "2027-04-01", days = 10 });
        var near = await portal.PostAsJsonAsync("/api/portal/slots/search", new { type = "consultation", locationIds = new[] { clinic.LocationId }, from = "2027-02-15", days = 60, count = 100 });

        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        Assert.Contains("from", await far.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, near.StatusCode);
        var horizon = app.Clock.GetUtcNow().UtcDateTime.AddDays(90);
        Assert.All((await near.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), s => Assert.True(s.GetProperty("start").GetDateTime() <= horizon));
    }

    [Fact]
    public async Task PortalRules_ChangedThroughTheSettingsApi_ApplyToThePortal()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var admin = app.ClientAs(Roles.Admin);
        using var portal = app.ClientAs(Roles.Patient);
        try
        {
            var put = await admin.PutAsJsonAsync("/api/settings/PortalBookingRules", new { noticeHours = 48, maxDaysAhead = 30 });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

            var rules = await admin.GetFromJsonAsync<JsonElement>("/api/scheduling/portal-rules");
            Assert.Equal(48, rules.GetProperty("noticeHours").GetInt32());
            var search = await portal.PostAsJsonAsync("/api/portal/slots/search", new { type = "consultation", locationIds = new[] { clinic.LocationId }, from = "2027-01-05" });
            Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);

            var bad = await admin.PutAsJsonAsync("/api/scheduling/portal-rules", new { noticeHours = 48, maxDaysAhead = 9999 });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var viaScheduling = await admin.PutAsJsonAsync("/api/scheduling/portal-rules", new { noticeHours = 12, maxDaysAhead = 60 });
            Assert.Equal(HttpStatusCode.OK, viaScheduling.StatusCode);
            var setting = await admin.GetFromJsonAsync<JsonElement>("/api/settings/PortalBookingRules");
            Assert.Equal(12, setting.GetProperty("value").GetProperty("noticeHours").GetInt32());
        }
        finally
        {
            await admin.DeleteAsync("/api/settings/PortalBookingRules");
        }
    }

    [Fact]
    public async Task Book_TwoParallelOverlappingForOnePatient_ExactlyOneSucceeds()
    {
        var first = await TestClinic.CreateAsync(app);
        var second = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var start = TestClinic.La(2027, 2, 9, 10);

        // Different locations, providers and rooms: only the patient is shared.
        var responses = await Task.WhenAll(
            client.PostAsJsonAsync(Url(first.PatientId), new { type = "consultation", locationId = first.LocationId, start }),
            client.PostAsJsonAsync(Url(first.PatientId), new { type = "consultation", locationId = second.LocationId, start = start.AddMinutes(15) }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PatientId == first.PatientId)));
    }

    [Fact]
    public async Task Reservations_OnePatientTwoOverlappingAppointments_RefusedByDatabase()
    {
        var first = await TestClinic.CreateAsync(app);
        var second = await TestClinic.CreateAsync(app);
        var start = TestClinic.La(2027, 2, 10, 10);
        var type = await app.WithDbAsync(db => db.AppointmentTypes.AsNoTracking().SingleAsync(t => t.Code == "consultation"));
        Appointment At(TestClinic c, int room) => new()
        {
            PatientId = first.PatientId, TypeId = type.Id, LocationId = c.LocationId, ProviderId = c.ProviderId, RoomId = room, Start = start, End = start.AddMinutes(45),
            Status = AppointmentStatus.Booked, CreatedAt = start,
        };
        await app.WithDbAsync(async db =>
        {
            var a = At(first, first.ExamRoomId);
            db.Appointments.Add(a);
            Reservations.Add(db, a);
            return await db.SaveChangesAsync();
        });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var a = At(second, second.ExamRoomId);
            db.Appointments.Add(a);
            Reservations.Add(db, a);
            return await db.SaveChangesAsync();
        }));
        Assert.True(Reservations.IsTaken(error));
    }

    [Fact]
    public async Task Reschedule_OntoAnotherAppointmentOfThePatient_Refused()
    {
        var first = await TestClinic.CreateAsync(app);
        var second = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        await BookAsync(client, first.PatientId, new { type = "consultation", locationId = first.LocationId, start = TestClinic.La(2027, 2, 16, 10) });
        var id = (await BookAsync(client, first.PatientId, new { type = "consultation", locationId = second.LocationId, start = TestClinic.La(2027, 2, 16, 14) }))[0]
            .GetProperty("id").GetGuid();

        var moved = await client.PostAsJsonAsync($"{Url(first.PatientId)}/{id}/reschedule", new { start = TestClinic.La(2027, 2, 16, 10, 30) });

        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Contains("already has another appointment", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarFiles_TypeNotNamedInReminders_NotNamedAndLocationIsTheStreetAddress()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var patient = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.FrontDesk);
        await Journey.ProcedureReady.ForBookingAsync(app, clinic.PatientId);
        var procedure = (await BookAsync(client, clinic.PatientId, new { type = "procedure", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 17, 9), withFollowUps = false }))[0]
            .GetProperty("id").GetGuid();
        var consultation = (await BookAsync(client, patient.Id, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 17, 16, 15) }))[0]
            .GetProperty("id").GetGuid();

        var staffIcs = await client.GetStringAsync($"{Url(clinic.PatientId)}/{procedure}/ics");
        using var portal = app.ClientAs(Roles.Patient);
        var portalIcs = await portal.GetStringAsync($"/api/portal/appointments/{consultation}/ics");

        Assert.DoesNotContain("rocedure", staffIcs, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SUMMARY:Appointment", staffIcs, StringComparison.Ordinal);
        Assert.Contains("1 Test St", staffIcs, StringComparison.Ordinal);
        Assert.Contains("1 Test St", portalIcs, StringComparison.Ordinal);
        Assert.Contains("Consultation", portalIcs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DayView_OverlappingAppointmentsWithoutProvider_AllShown()
    {
        var clinic = await TestClinic.CreateAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.Rooms.AddRange(new Room { LocationId = clinic.LocationId, Name = "X-ray", Kind = RoomKind.Imaging }, new Room { LocationId = clinic.LocationId, Name = "Lab", Kind = RoomKind.Lab });
            db.Equipment.Add(new Equipment { LocationId = clinic.LocationId, Name = "XR", Kind = EquipmentKind.XRay });
            return await db.SaveChangesAsync();
        });
        var other = await TestClinic.AddPatientAsync(app);
        using var client = app.ClientAs(Roles.Admin);
        var start = TestClinic.La(2027, 2, 18, 10);
        await BookAsync(client, clinic.PatientId, new { type = "imaging", locationId = clinic.LocationId, start });
        await BookAsync(client, other, new { type = "lab-draw", locationId = clinic.LocationId, start });
        var names = await app.WithDbAsync(db => db.Patients.AsNoTracking().Where(p => p.Id == clinic.PatientId || p.Id == other).Select(p => p.FamilyName).ToListAsync());

        var page = await client.GetStringAsync($"/scheduling?location={clinic.LocationId}&date=2027-02-18");

        Assert.All(names, n => Assert.Contains(n, page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_OtherLocationsPatients_NotInTheCallersOutbox()
    {
        var email = $"scope.{Guid.NewGuid():N}@example.com";
        var clinic = await TestClinic.CreateAsync(app, email: email);
        using var admin = app.ClientAs(Roles.Admin);
        await BookAsync(admin, clinic.PatientId, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 19, 10) });
        var id = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == email).Select(m => m.Id).SingleAsync());
        using var desk = app.ClientAs(Roles.FrontDesk);

        var deskList = await desk.GetStringAsync("/api/scheduling/reminders");
        var deskLog = await desk.GetAsync($"/api/scheduling/reminders/{id}/log");
        var deskPage = await desk.GetStringAsync("/scheduling/reminders");
        var adminList = await admin.GetStringAsync("/api/scheduling/reminders");

        Assert.DoesNotContain(email, deskList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, deskLog.StatusCode);
        Assert.DoesNotContain(email, deskPage, StringComparison.Ordinal);
        Assert.Contains(email, adminList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_MessageWithoutAppointment_ShownWhenTheCallerMaySeeItsPatient()
    {
        var deskEmail = DemoData.SignIns.Single(s => s.Role == Roles.FrontDesk).Email;
        var visible = await app.PatientsVisibleToAsync(deskEmail);
        var hidden = await app.PatientHiddenFromAsync(deskEmail);
        // Decision 0019: a patient of another location booked at one of the desk's locations.
        var booked = await app.WithDbAsync(async db =>
        {
            var desk = await db.Users.Where(u => u.Email == deskEmail).Select(u => u.StaffMemberId).SingleAsync();
            var own = await db.StaffLocations.Where(l => l.StaffMemberId == desk).Select(l => l.LocationId).ToListAsync();
            var elsewhere = await db.Patients.AsNoTracking().Where(p => p.PreferredLocationId != null && !own.Contains(p.PreferredLocationId.Value))
                .Select(p => p.Id).ToListAsync();
            return elsewhere.First(visible.Contains);
        });
        var tag = Guid.NewGuid().ToString("N");
        await app.WithDbAsync(db =>
        {
            foreach (var (patient, who) in new[] { (booked, "booked"), (hidden.Id, "hidden") })
            {
                db.Outbox.Add(new OutboxMessage
                {
                    PatientId = patient, Channel = ReminderChannel.Email, To = $"{who}.{tag}@example.com", Subject = "Intake", Body = "Intake",
                    DueAt = new DateTime(2029, 3, 1, 17, 0, 0, DateTimeKind.Utc), NextAttemptAt = new DateTime(2029, 3, 1, 17, 0, 0, DateTimeKind.Utc),
                    Status = OutboxStatus.Pending, CreatedAt = new DateTime(2027, 2, 1, 17, 0, 0, DateTimeKind.Utc),
                });
            }
            return db.SaveChangesAsync();
        });
        using var client = app.ClientAs(Roles.FrontDesk);

        var list = await client.GetStringAsync("/api/scheduling/reminders?status=Pending");

        Assert.Contains($"booked.{tag}@", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"hidden.{tag}@", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("book", "start")]
    [InlineData("search", "from")]
    [InlineData("propose", "start")]
    [InlineData("reschedule", "start")]
    [InlineData("day", "date")]
    public async Task Scheduling_DateFarInTheFuture_Answers400NamingTheField(string action, string field)
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.Admin);
        var id = (await BookAsync(client, clinic.PatientId, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 2, 23, 10) }))[0]
            .GetProperty("id").GetGuid();
        foreach (var when in new[] { "9999-12-31T10:00:00Z", "2199-01-06T10:00:00Z", "2032-06-01T18:00:00Z", "0001-01-01T00:00:00Z" })
        {
            var date = when[..10];
            var response = action switch
            {
                "book" => await client.PostAsJsonAsync(Url(clinic.PatientId), new { type = "consultation", locationId = clinic.LocationId, start = when }),
                "search" => await client.PostAsJsonAsync("/api/scheduling/slots/search", new { type = "consultation", from = date, days = 366 }),
                "propose" => await client.PostAsJsonAsync("/api/scheduling/episodes/propose", new { locationId = clinic.LocationId, start = when }),
                "reschedule" => await client.PostAsJsonAsync($"{Url(clinic.PatientId)}/{id}/reschedule", new { start = when }),
                _ => await client.GetAsync($"/api/scheduling/appointments?locationId={clinic.LocationId}&date={date}"),
            };
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{action} {when}: {(int)response.StatusCode} {body}");
            Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PatientId == clinic.PatientId)));
    }

    [Fact]
    public async Task DayViewPage_DateFarAway_ShowsAMessageNot500()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.Admin);

        var response = await client.GetAsync($"/scheduling?location={clinic.LocationId}&date=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a date within", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("-5")]
    public async Task BookPage_SlotValueOutOfRange_ShowsAFormMessage(string ticks)
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.Admin);
        var url = $"/patients/{clinic.PatientId}/book?type=consultation&location={clinic.LocationId}";
        var page = await client.GetStringAsync(url);
        var token = Regex.Match(Regex.Match(page, @"<input[^>]*__RequestVerificationToken[^>]*>").Value, @"value=""([^""]+)""").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));

        using var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "book", ["__RequestVerificationToken"] = token, ["slot"] = $"{clinic.LocationId}|{ticks}||",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a time from the list.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PatientId == clinic.PatientId)));
    }

    [Fact]
    public async Task Weekday9_InPatternOrOpeningHours_Answers400AndWritesNothing()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var admin = app.ClientAs(Roles.Admin);

        var pattern = await admin.PutAsJsonAsync($"/api/scheduling/providers/{clinic.ProviderId}/patterns",
            new[] { new { locationId = clinic.LocationId, day = 9, start = "09:00", end = "12:00" } });
        var hours = await admin.PutAsJsonAsync($"/api/locations/{clinic.LocationId}/hours", new[] { new { day = 9, opens = "08:00", closes = "17:00" } });

        Assert.Equal(HttpStatusCode.BadRequest, pattern.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, hours.StatusCode);
        Assert.Equal(5, await app.WithDbAsync(db => db.WorkPatterns.CountAsync(p => p.StaffMemberId == clinic.ProviderId)));
        Assert.False(await app.WithDbAsync(db => db.OpeningHours.AnyAsync(h => h.LocationId == clinic.LocationId && (int)h.Day == 9)));
    }
}

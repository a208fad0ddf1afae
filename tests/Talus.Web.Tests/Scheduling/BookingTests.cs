using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Scheduling;

[Collection(AppCollection.Name)]
public sealed class BookingTests(TalusApp app)
{
    [Fact]
    public async Task Book_HundredParallelAttemptsOnOverlappingTimes_ExactlyOneSucceeds()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var start = TestClinic.La(2027, 1, 12, 10, 0);
        using var client = app.ClientAs(Roles.FrontDesk);
        var patients = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            patients.Add(await TestClinic.AddPatientAsync(app));
        }

        // Starts 0, 15 and 30 minutes apart: every pair of 45-minute consultations overlaps on the provider and the room.
        var attempts = Enumerable.Range(0, 100).Select(i => client.PostAsJsonAsync($"/api/scheduling/patients/{patients[i % 4]}/appointments", new
        {
            type = "consultation", locationId = clinic.LocationId, start = start.AddMinutes(15 * (i % 3)),
        }));
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var conflict = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(409, conflict.GetProperty("status").GetInt32());
        Assert.True(conflict.GetProperty("alternatives").GetArrayLength() > 0);
        var stored = await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.LocationId == clinic.LocationId));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task Reservations_SecondRowForSameResourceAndBucket_RefusedByDatabase()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var bucket = Reservations.BucketOf(TestClinic.La(2027, 1, 13, 9));
        var resource = $"R:{clinic.ExamRoomId}";
        await app.WithDbAsync(async db =>
        {
            db.SlotReservations.Add(new SlotReservation { Resource = resource, Bucket = bucket, AppointmentId = Guid.NewGuid() });
            return await db.SaveChangesAsync();
        });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.SlotReservations.Add(new SlotReservation { Resource = resource, Bucket = bucket, AppointmentId = Guid.NewGuid() });
            return await db.SaveChangesAsync();
        }));
        Assert.True(Reservations.IsTaken(error));
    }

    [Fact]
    public async Task Book_Procedure_ReservesProviderRoomAndEachEquipmentForProcessingTimeToo()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var start = TestClinic.La(2027, 1, 14, 9);
        await Journey.ProcedureReady.ForBookingAsync(app, clinic.PatientId);
        var response = await client.PostAsJsonAsync($"/api/scheduling/patients/{clinic.PatientId}/appointments",
            new { type = "procedure", locationId = clinic.LocationId, start, withFollowUps = false });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booked = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointments")[0];
        Assert.Equal(2, booked.GetProperty("equipment").GetArrayLength());
        Assert.Equal("2027-01-14T10:30", booked.GetProperty("localEnd").GetString());
        // The list names the equipment of the appointment that holds it (read in a command of its own) and of no other.
        var names = booked.GetProperty("equipment").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
        var consultation = await client.PostAsJsonAsync($"/api/scheduling/patients/{clinic.PatientId}/appointments",
            new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 1, 13, 9) });
        Assert.Equal(HttpStatusCode.Created, consultation.StatusCode);
        var listed = (await client.GetFromJsonAsync<JsonElement>($"/api/scheduling/patients/{clinic.PatientId}/appointments")).EnumerateArray().ToArray();
        Assert.Equal(names, listed.Single(a => a.GetProperty("id").GetGuid() == booked.GetProperty("id").GetGuid())
            .GetProperty("equipment").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Equal(0, listed.Single(a => a.GetProperty("type").GetString() == "consultation").GetProperty("equipment").GetArrayLength());

        // 90 minutes x (patient + provider + room + 2 equipment) = 18 buckets x 5 resources.
        var id = booked.GetProperty("id").GetGuid();
        Assert.Equal(90, await app.WithDbAsync(db => db.SlotReservations.CountAsync(r => r.AppointmentId == id)));

        // A consultation for the same provider during the processing time is refused.
        var other = await client.PostAsJsonAsync($"/api/scheduling/patients/{clinic.PatientId}/appointments",
            new { type = "consultation", locationId = clinic.LocationId, start = start.AddMinutes(60) });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
    }

    [Fact]
    public async Task Book_BadInput_Answers400AndWritesNothing()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var url = $"/api/scheduling/patients/{clinic.PatientId}/appointments";
        var noStart = await client.PostAsJsonAsync(url, new { type = "consultation", locationId = clinic.LocationId });
        var badType = await client.PostAsJsonAsync(url, new { type = "massage", locationId = clinic.LocationId, start = TestClinic.La(2027, 1, 12, 9) });
        var sunday = await client.PostAsJsonAsync(url, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 1, 10, 9) });
        var past = await client.PostAsJsonAsync(url, new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2026, 11, 2, 9) });

        Assert.All(new[] { noStart, badType, sunday, past }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("Start", await noStart.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("type", await badType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PatientId == clinic.PatientId)));
    }

    [Fact]
    public async Task Cancel_WithReason_ReleasesTheSlotForTheNextBooking()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var start = TestClinic.La(2027, 1, 15, 11);
        var url = $"/api/scheduling/patients/{clinic.PatientId}/appointments";
        var first = await (await client.PostAsJsonAsync(url, new { type = "consultation", locationId = clinic.LocationId, start })).Content.ReadFromJsonAsync<JsonElement>();
        var id = first.GetProperty("appointments")[0].GetProperty("id").GetGuid();

        var noReason = await client.PostAsJsonAsync($"{url}/{id}/cancel", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var cancelled = await client.PostAsJsonAsync($"{url}/{id}/cancel", new { reason = "Patient is travelling" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var again = await client.PostAsJsonAsync(url, new { type = "consultation", locationId = clinic.LocationId, start });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Search_WithAbsence_SkipsTheAbsentDay()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var admin = app.ClientAs(Roles.Admin);
        var absence = await admin.PostAsJsonAsync($"/api/scheduling/providers/{clinic.ProviderId}/exceptions",
            new { kind = "Absence", date = "2027-01-18", reason = "Vacation" });
        Assert.Equal(HttpStatusCode.Created, absence.StatusCode);

        var slots = await (await admin.PostAsJsonAsync("/api/scheduling/slots/search",
            new { type = "consultation", locationIds = new[] { clinic.LocationId }, from = "2027-01-18", days = 2, count = 100 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(slots.GetArrayLength() > 0);
        Assert.All(slots.EnumerateArray(), s => Assert.StartsWith("2027-01-19", s.GetProperty("localStart").GetString(), StringComparison.Ordinal));
    }
}

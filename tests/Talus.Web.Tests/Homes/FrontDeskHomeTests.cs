using System.Net;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Homes;

[Collection(AppCollection.Name)]
public sealed class FrontDeskHomeTests(TalusApp app)
{
    [Fact]
    public async Task CheckIn_OneClickOnTodaysArrival_ChecksThePatientInAndSaysSo()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // Today in the practice's zone (America/Los_Angeles): the test clock is 08:00 PST.
        var endOfDay = now.Date.AddDays(1).AddHours(8);
        var arrival = await app.WithDbAsync(db => db.Appointments.AsNoTracking()
            .Where(a => a.Start > now && a.Start < endOfDay && a.Status == AppointmentStatus.Booked).OrderBy(a => a.Start).FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var page = await client.GetStringAsync($"/frontdesk?location={arrival.LocationId}");
        Assert.Contains($"CheckIn|{arrival.PatientId}|{arrival.Id}", page, StringComparison.Ordinal);

        using var response = await client.PostAsync($"/frontdesk?location={arrival.LocationId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "desk", ["__RequestVerificationToken"] = PageForms.Token(page), ["act"] = $"CheckIn|{arrival.PatientId}|{arrival.Id}",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Checked in.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.CheckedIn, await app.WithDbAsync(db => db.Appointments.Where(a => a.Id == arrival.Id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task CheckIn_AnotherLocationsAppointment_IsRefusedAndNothingChanges()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var endOfDay = now.Date.AddDays(1).AddHours(8);
        var other = await app.WithDbAsync(async db =>
        {
            var mine = await db.Staff.Where(s => s.DisplayName == "Dana Whitfield").SelectMany(s => s.Locations.Select(l => l.LocationId)).ToListAsync();
            return await db.Appointments.AsNoTracking()
                .Where(a => a.Start > now && a.Start < endOfDay && a.Status == AppointmentStatus.Booked && !mine.Contains(a.LocationId)).FirstAsync();
        });
        using var client = app.ClientAs(Roles.FrontDesk);
        var page = await client.GetStringAsync("/frontdesk");
        Assert.DoesNotContain(other.Id.ToString(), page, StringComparison.Ordinal);

        using var response = await client.PostAsync("/frontdesk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "desk", ["__RequestVerificationToken"] = PageForms.Token(page), ["act"] = $"CheckIn|{other.PatientId}|{other.Id}",
        }));

        Assert.Contains("No such appointment.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, await app.WithDbAsync(db => db.Appointments.Where(a => a.Id == other.Id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Home_FrontDesk_ListsUnconfirmedAndOverdueWithPagesAndTheRequestsCard()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var page = await client.GetStringAsync("/frontdesk");
        Assert.Contains("To confirm, next 14 days", page, StringComparison.Ordinal);
        Assert.Contains("Overdue", page, StringComparison.Ordinal);
        Assert.Contains("Consultation requests", page, StringComparison.Ordinal);
        Assert.Contains("upage=2", page, StringComparison.Ordinal);
        var second = await client.GetStringAsync("/frontdesk?upage=2");
        Assert.Contains("Page 2", second, StringComparison.Ordinal);
    }

}

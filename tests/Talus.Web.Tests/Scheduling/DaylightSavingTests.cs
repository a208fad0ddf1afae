using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Scheduling;

[Collection(AppCollection.Name)]
public sealed class DaylightSavingTests(TalusApp app)
{
    // US changes in 2027: clocks go forward on Sunday March 14 and back on Sunday November 7.
    [Theory]
    [InlineData("2027-03-12", "2027-03-15", 16, 15)]
    [InlineData("2027-11-05", "2027-11-08", 15, 16)]
    public async Task Search_AcrossDstChange_PatternStaysEightToFiveLocal(string before, string after, int utcHourBefore, int utcHourAfter)
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var slots = (await (await client.PostAsJsonAsync("/api/scheduling/slots/search",
                new { type = "consultation", locationIds = new[] { clinic.LocationId }, from = before, days = 4, count = 100 }))
            .Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();

        foreach (var (date, utcHour) in new[] { (before, utcHourBefore), (after, utcHourAfter) })
        {
            var day = slots.Where(s => s.GetProperty("localStart").GetString()!.StartsWith(date, StringComparison.Ordinal)).ToList();
            Assert.Equal(date + "T08:00", day.First().GetProperty("localStart").GetString());
            Assert.Equal(utcHour, day.First().GetProperty("start").GetDateTime().ToUniversalTime().Hour);
            // The last 45-minute consultation still ends at 17:00 local.
            Assert.Equal(date + "T16:15", day.Last().GetProperty("localStart").GetString());
        }
    }

    [Fact]
    public async Task Episode_SpanningDstChange_KeepsLocalTimesWhenBookedAndMoved()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var url = $"/api/scheduling/patients/{clinic.PatientId}/appointments";
        var procedureStart = TestClinic.La(2027, 2, 26, 9);   // Friday, standard time
        // The procedure gate needs an assessment at most 90 days before the procedure (CandidacySettings.MaxAssessmentAgeDays).
        await Journey.ProcedureReady.ForBookingAsync(app, clinic.PatientId, assessedOn: new DateOnly(2027, 2, 1));
        var booked = await client.PostAsJsonAsync(url, new { type = "procedure", locationId = clinic.LocationId, start = procedureStart });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var series = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointments").EnumerateArray().ToList();

        Assert.Equal(8, series.Count); // procedure + safety call + V1..V6 (SPEC §4.2)
        Assert.Equal(["procedure", "safety-call", "v1", "v2", "v3", "v4", "v5", "v6"], series.Select(a => a.GetProperty("episodeStep").GetString()));
        Assert.All(series, a => Assert.EndsWith("T09:00", a.GetProperty("localStart").GetString(), StringComparison.Ordinal));
        var v1 = series.Single(a => a.GetProperty("episodeStep").GetString() == "v1");
        Assert.Equal("2027-03-12T09:00", v1.GetProperty("localStart").GetString());   // +14, still standard time
        var v2 = series.Single(a => a.GetProperty("episodeStep").GetString() == "v2");
        Assert.Equal("2027-04-09T09:00", v2.GetProperty("localStart").GetString());   // +42, daylight time
        Assert.Equal(16, v2.GetProperty("start").GetDateTime().ToUniversalTime().Hour);

        // Move the procedure a week later: every visit moves 7 days and keeps 09:00 local; V1 crosses the change.
        var procedureId = series[0].GetProperty("id").GetGuid();
        var moved = await client.PostAsJsonAsync($"{url}/{procedureId}/reschedule", new { start = procedureStart.AddDays(7) });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = (await moved.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(8, after.Count);
        Assert.All(after, a => Assert.EndsWith("T09:00", a.GetProperty("localStart").GetString(), StringComparison.Ordinal));
        var movedV1 = after.Single(a => a.GetProperty("episodeStep").GetString() == "v1");
        Assert.Equal("2027-03-19T09:00", movedV1.GetProperty("localStart").GetString());
        Assert.Equal(16, movedV1.GetProperty("start").GetDateTime().ToUniversalTime().Hour);
    }

    [Fact]
    public void WorkingTime_AbsenceAndExtraClinic_AppliedInLocalTime()
    {
        var patterns = new[] { new WorkPattern { Day = DayOfWeek.Monday, Start = new(8, 0), End = new(17, 0) } };
        var exceptions = new[]
        {
            new WorkException { Kind = WorkExceptionKind.Absence, Date = new(2027, 3, 15), Start = new(12, 0), End = new(13, 0) },
            new WorkException { Kind = WorkExceptionKind.ExtraClinic, Date = new(2027, 3, 15), Start = new(17, 0), End = new(19, 0) },
        };
        var time = Availability.WorkingTime(new DateOnly(2027, 3, 15), new MinuteRange(8 * 60, 17 * 60), false, patterns, exceptions);
        Assert.Equal([new MinuteRange(480, 720), new MinuteRange(780, 1140)], time);
        Assert.Empty(Availability.WorkingTime(new DateOnly(2027, 3, 15), new MinuteRange(480, 1020), true, patterns, exceptions));
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Homes;

[Collection(AppCollection.Name)]
public sealed class CalendarTests(TalusApp app)
{
    [Fact]
    public async Task DayView_ShowsALegendInWordsAndFreeTimesThatLeadToBookingWithThatProviderAndTime()
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var day = WebUtility.HtmlDecode(await desk.GetStringAsync("/scheduling?date=2026-11-25"));
        Assert.Contains("aria-label=\"Appointment status colours\"", day, StringComparison.Ordinal);
        foreach (var word in new[] { "Booked", "Checked in", "No show", "Cancelled" })
        {
            Assert.Contains(word, day, StringComparison.OrdinalIgnoreCase);
        }
        var free = Regex.Match(day, "href=\"(/scheduling/book\\?location=\\d+&provider=(\\d+)&from=2026-11-25&after=(\\d\\d:\\d\\d))\"");
        Assert.True(free.Success, "a free time links to booking");

        var patient = await app.DemoPatientAsync();
        var pick = WebUtility.HtmlDecode(await desk.GetStringAsync(free.Groups[1].Value + "&q=" + patient.Mrn));

        Assert.Contains($"/patients/{patient.Id}/book?", pick, StringComparison.Ordinal);
        Assert.Contains($"provider={free.Groups[2].Value}&from=2026-11-25&after={free.Groups[3].Value}", pick, StringComparison.Ordinal);
    }
}

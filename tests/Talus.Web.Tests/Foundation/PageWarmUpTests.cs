using System.Net;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

/// <summary>The page warm-up after a start: readiness waits for it, and it reads no patient's record.</summary>
public sealed class PageWarmUpTests
{
    [Fact]
    public async Task Start_WithPageWarmUp_ReadyOnlyAfterItAndNoRealPatientInItsAudit()
    {
        await using var app = new TalusApp(new Dictionary<string, string> { ["WarmUp:Pages"] = "true" });
        using var client = app.Anonymous();

        var ready = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 1200 && ready != HttpStatusCode.OK; i++)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            ready = response.StatusCode;
            Assert.True(ready is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/health/ready answered {ready}");
            if (ready != HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }
        Assert.Equal(HttpStatusCode.OK, ready);
        await app.FlushAuditAsync();

        var patients = await app.WithDbAsync(db => db.Patients.Select(p => (Guid?)p.Id).ToListAsync());
        var warmUpReads = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserName == "start-up warm-up").ToListAsync());
        // The staff pages (worklists, calendars, homes) and the portal were served through the audited pipeline...
        Assert.Contains(warmUpReads, e => e.Endpoint == "GET /clinic");
        Assert.Contains(warmUpReads, e => e.Endpoint == "GET /portal");
        // ...as someone who sees no patient: no entry names a patient of the practice.
        Assert.DoesNotContain(warmUpReads, e => patients.Contains(e.PatientId));
    }
}

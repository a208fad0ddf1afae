using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Patients;
using Talus.Web.Features.Settings;
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
        var slashAnsweredReady = false;
        for (var i = 0; i < 1200 && ready != HttpStatusCode.OK; i++)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            ready = response.StatusCode;
            Assert.True(ready is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/health/ready answered {ready}");
            if (ready != HttpStatusCode.OK)
            {
                Assert.Equal("Warming up", await response.Content.ReadAsStringAsync());
                // One gate whatever the address routing takes: the warm-up ends once, so a trailing-slash poll that
                // answered ready before this one still waits was let through early.
                Assert.False(slashAnsweredReady, "/health/ready/ answered 200 while the warm-up was still running");
                using var slash = await client.GetAsync(new Uri("/health/ready/", UriKind.Relative));
                slashAnsweredReady = slash.StatusCode == HttpStatusCode.OK;
                await Task.Delay(100);
            }
        }
        Assert.Equal(HttpStatusCode.OK, ready);
        // Warming up is expected: the readiness polls before it ended logged no health-check error.
        var log = File.Exists(app.ServerLogPath) ? await File.ReadAllTextAsync(app.ServerLogPath) : "";
        Assert.DoesNotContain("Error Microsoft.Extensions.Diagnostics.HealthChecks", log);
        await app.FlushAuditAsync();

        var patients = await app.WithDbAsync(db => db.Patients.Select(p => (Guid?)p.Id).ToListAsync());
        var warmUpReads = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserName == "start-up warm-up").ToListAsync());
        // The staff pages (worklists, calendars, homes) and the portal were served through the audited pipeline...
        Assert.Contains(warmUpReads, e => e.Endpoint == "GET /clinic");
        Assert.Contains(warmUpReads, e => e.Endpoint == "GET /portal");
        // ...as someone who sees no patient: no entry names a patient of the practice.
        Assert.DoesNotContain(warmUpReads, e => patients.Contains(e.PatientId));
    }

    [Fact]
    public async Task WarmAsync_NoStoredPatient_ChartOfNoOneWithNoRecords()
    {
        await using var app = new TalusApp();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;

        var chart = await PatientChart.WarmAsync(services.GetRequiredService<ClinicDb>(), services.GetRequiredService<PracticeSettings>(),
            services.GetRequiredService<TimeProvider>(), CancellationToken.None);

        Assert.Equal(Guid.Empty, chart.Patient.Id);
        Assert.Equal("WARM-UP", chart.Patient.Mrn);
        Assert.Empty(chart.Appointments);
        Assert.Empty(chart.Evaluations);
        Assert.Empty(chart.Plans);
        Assert.Empty(chart.Procedures.Procedures);
        Assert.Null(chart.Intake.Intake);
    }

    [Fact]
    public async Task ChartPage_EmptyIdOutsideWarmUp_NoOneIsNotShown()
    {
        await using var app = new TalusApp();
        using var client = app.ClientAs(Roles.Admin);

        using var response = await client.GetAsync(new Uri($"/patients/{Guid.Empty}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("WARM-UP", html, StringComparison.Ordinal);
        Assert.DoesNotContain(PageWarmUp.NoOne().Email!, html, StringComparison.Ordinal);
        Assert.False(PageWarmUp.IsWarmUp(new Microsoft.AspNetCore.Http.DefaultHttpContext()));
    }

    [Fact]
    public async Task SqliteConnection_OpenedFromPool_PageCacheIsTheSetting()
    {
        await using var app = new TalusApp();
        if (app.Provider != "Sqlite")
        {
            return;
        }

        var sizes = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            // The second open takes the same native connection back from the pool: the setting is still there.
            sizes.Add(await app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA cache_size";
                return (long)(await command.ExecuteScalarAsync())!;
            }));
        }

        Assert.Equal([-512L, -512L], sizes);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Features.ScaleOut;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Scheduling;

namespace Talus.Web.Tests.ScaleOut;

/// <summary>Two instances of the app on one database and one clock, as behind a load balancer (docs/scale-out.md).</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["RateLimits:PublicFormPostsPer10Minutes"] = "3",
        // The tests run the sender themselves; the workers' timers would tick when the clock is advanced.
        ["Reminders:PollSeconds"] = "0",
    };

    public TalusApp A { get; private set; } = null!;
    public TalusApp B { get; private set; } = null!;

    public Task InitializeAsync()
    {
        A = new TalusApp(Settings);
        _ = A.Services;
        B = new TalusApp(Settings, sharing: A);
        _ = B.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

public sealed class ScaleOutTests(TwoInstances apps) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task HealthLive_AnswersWithoutSigningIn_AndReadyPingsTheDatabase()
    {
        using var client = apps.A.Anonymous();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task SignInCookie_IssuedByInstanceA_IsAcceptedByInstanceB()
    {
        using var a = apps.A.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var b = apps.B.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        // The form (and its antiforgery cookie) comes from A; the sign-in is posted to B; the page is read from A again.
        var form = await a.GetAsync("/signin");
        var antiforgery = Cookies(form);
        var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin", ["__RequestVerificationToken"] = PageForms.Token(await form.Content.ReadAsStringAsync()),
                ["Input.Email"] = "admin@talus.example", ["Input.Password"] = DemoData.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await b.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Cookies(signedIn);
        Assert.Contains("talus=", session, StringComparison.Ordinal);

        foreach (var client in new[] { a, b })
        {
            var page = new HttpRequestMessage(HttpMethod.Get, "/admin");
            page.Headers.Add("Cookie", session);
            var response = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // One key for both instances, kept in the database.
        Assert.Equal(1, await apps.A.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task BearerToken_IssuedByInstanceA_IsAcceptedByInstanceB()
    {
        using var anonymous = apps.A.Anonymous();
        var token = await (await anonymous.PostAsJsonAsync("/api/auth/token", new { email = "admin@talus.example", password = DemoData.Password }))
            .Content.ReadFromJsonAsync<TalusApp.TokenResponse>();
        using var b = apps.B.Anonymous();
        b.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/patients?q=Garcia&take=5")).StatusCode);
    }

    [Fact]
    public async Task PublicFormLimit_PostsSpreadOverTwoInstances_CountTogether()
    {
        using var a = apps.A.Anonymous();
        using var b = apps.B.Anonymous();
        var answers = new List<HttpStatusCode>();
        foreach (var (client, i) in new[] { (a, 1), (b, 2), (a, 3), (b, 4) })
        {
            answers.Add((await client.PostAsJsonAsync("/api/consultation-requests", new
            {
                givenName = "Noemi", familyName = "Spread" + i, phone = "(949) 555-0199", email = "noemi@example.com", joint = "Ankle", side = "Left",
                question = "Is my ankle a fit?", preferredLanguage = "es", consentToContact = true, preferredLocationId = 1,
            })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task SignInFailures_SpreadOverTwoInstances_ThrottleTheAccountTogether()
    {
        var email = $"nobody.{Guid.NewGuid():N}@talus.example";
        using var a = apps.A.Anonymous();
        using var b = apps.B.Anonymous();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await (i % 2 == 0 ? a : b).PostAsJsonAsync("/api/auth/token", new { email, password = "wrong-password" })).StatusCode);
        }
        // The account limit is 5 failures in 15 minutes: the fifth, wherever it lands, is throttled.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task OutboxSender_RunningOnBothInstancesAtOnce_SendsEveryMessageExactlyOnce()
    {
        const int n = 40;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var patient = await apps.A.DemoPatientAsync();
        var now = apps.A.Clock.GetUtcNow().UtcDateTime;
        await apps.A.WithDbAsync(async db =>
        {
            for (var i = 0; i < n; i++)
            {
                db.Outbox.Add(new OutboxMessage
                {
                    PatientId = patient.Id, Channel = ReminderChannel.Email, To = $"p{i}.{tag}@example.org", Subject = "Reminder " + tag,
                    Body = "Sign in to see it.", DueAt = now, NextAttemptAt = now, Status = OutboxStatus.Pending, CreatedAt = now,
                });
            }
            return await db.SaveChangesAsync();
        });
        await using var smtp = new TestSmtpServer();
        var options = new SmtpOptions { Port = smtp.Port };

        async Task SenderLoop(TalusApp app)
        {
            for (var round = 0; round < 6; round++)
            {
                await app.WithDbAsync(db => SendDueReminders.RunAsync(db, options, app.Clock, CancellationToken.None));
            }
        }
        await Task.WhenAll(SenderLoop(apps.A), SenderLoop(apps.B), SenderLoop(apps.A), SenderLoop(apps.B));

        var delivered = smtp.Messages.Where(m => m.To.EndsWith(tag + "@example.org", StringComparison.Ordinal)).Select(m => m.To).ToList();
        Assert.Equal(n, delivered.Count);
        Assert.Equal(n, delivered.Distinct().Count());
        var (sent, logged) = await apps.B.WithDbAsync(async db =>
        {
            var ids = await db.Outbox.Where(m => m.Subject == "Reminder " + tag).Select(m => new { m.Id, m.Status }).ToListAsync();
            var idList = ids.Select(m => m.Id).ToList();
            var log = await db.DeliveryLog.CountAsync(l => idList.Contains(l.MessageId) && l.Succeeded);
            return (ids.Count(m => m.Status == OutboxStatus.Sent), log);
        });
        Assert.Equal(n, sent);
        Assert.Equal(n, logged);
    }

    [Fact]
    public async Task Lease_HeldByOneInstance_OtherTakesItOnlyAfterItExpires()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        var onA = apps.A.Services.GetRequiredService<WorkerLeases>();
        var onB = apps.B.Services.GetRequiredService<WorkerLeases>();
        var ttl = TimeSpan.FromMinutes(2);
        Assert.NotEqual(onA.Holder, onB.Holder);

        Assert.True(await onA.TryHoldAsync(name, ttl, CancellationToken.None));
        Assert.False(await onB.TryHoldAsync(name, ttl, CancellationToken.None));
        apps.A.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await onA.TryHoldAsync(name, ttl, CancellationToken.None));   // renewed: two more minutes from now
        apps.A.Clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.False(await onB.TryHoldAsync(name, ttl, CancellationToken.None));  // A's renewal still runs
        apps.A.Clock.Advance(TimeSpan.FromMinutes(0.5));
        Assert.True(await onB.TryHoldAsync(name, ttl, CancellationToken.None));   // A stopped renewing (crashed): B takes over
        Assert.False(await onA.TryHoldAsync(name, ttl, CancellationToken.None));
    }

    [Fact]
    public async Task Lease_Released_IsTakenAtOnceByTheOtherInstance()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        var onA = apps.A.Services.GetRequiredService<WorkerLeases>();
        var onB = apps.B.Services.GetRequiredService<WorkerLeases>();
        Assert.True(await onA.TryHoldAsync(name, TimeSpan.FromHours(1), CancellationToken.None));
        await onA.ReleaseAsync(name, CancellationToken.None);
        Assert.True(await onB.TryHoldAsync(name, TimeSpan.FromHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task Lease_FreshNameTakenByManyAtOnce_ExactlyOneHolds()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        var now = apps.A.Clock.GetUtcNow().UtcDateTime;
        var attempts = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? apps.A : apps.B).WithDbAsync(db =>
            WorkerLeases.TryHoldAsync(db, name, "holder-" + i, TimeSpan.FromMinutes(1), now, CancellationToken.None)));
        var held = await Task.WhenAll(attempts);
        Assert.Equal(1, held.Count(h => h));
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => Regex.Match(v, "^[^;]+").Value) : []);
}

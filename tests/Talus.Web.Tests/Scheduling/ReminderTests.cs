using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Scheduling;

/// <summary>A minimal SMTP receiver on 127.0.0.1 that stores every message it accepts.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    public ConcurrentQueue<(string To, string Data)> Messages { get; } = new();
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public TestSmtpServer()
    {
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 test ESMTP");
        string to = "";
        while (await reader.ReadLineAsync() is { } line)
        {
            var cmd = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (cmd)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 test"); break;
                case "MAIL": await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": to = line[(line.IndexOf('<') + 1)..line.IndexOf('>')]; await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } d && d != ".")
                    {
                        data.AppendLine(d);
                    }
                    Messages.Enqueue((to, data.ToString()));
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("250 OK"); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}

[Collection(AppCollection.Name)]
public sealed class ReminderTests(TalusApp app)
{
    [Fact]
    public async Task SendDue_ProcedureReminder_SentBySmtpWithoutClinicalDetails()
    {
        var email = $"iris.{Guid.NewGuid():N}@example.com";
        var clinic = await TestClinic.CreateAsync(app, email: email);
        using var client = app.ClientAs(Roles.FrontDesk);
        var start = app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(6).AddHours(17); // 09:00 local, beyond the 72-hour lead time
        while (start.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            start = start.AddDays(1);
        }
        await Journey.ProcedureReady.ForBookingAsync(app, clinic.PatientId);
        var booked = await client.PostAsJsonAsync($"/api/scheduling/patients/{clinic.PatientId}/appointments",
            new { type = "procedure", locationId = clinic.LocationId, start, withFollowUps = false });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        var message = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Contains("Hello Iris,", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Testwood", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("rocedure", message.Body + message.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("your appointment at Test ", message.Body, StringComparison.Ordinal);

        await using var smtp = new TestSmtpServer();
        // Not due yet: nothing is sent.
        _ = await app.WithDbAsync(db => SendDueReminders.RunAsync(db, new SmtpOptions { Port = smtp.Port }, app.Clock, CancellationToken.None));
        Assert.DoesNotContain(smtp.Messages, m => m.To == email);

        _ = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == email)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        var result = await app.WithDbAsync(db => SendDueReminders.RunAsync(db, new SmtpOptions { Port = smtp.Port }, app.Clock, CancellationToken.None));
        Assert.True(result.Sent >= 1);
        var received = Assert.Single(smtp.Messages, m => m.To == email);
        Assert.Contains("Iris", received.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("rocedure", received.Data, StringComparison.OrdinalIgnoreCase);
        var sent = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.True(await app.WithDbAsync(db => db.DeliveryLog.AnyAsync(l => l.MessageId == sent.Id && l.Succeeded)));
    }

    [Fact]
    public async Task SendDue_SmtpDown_RetriesLaterAndLogsTheFailure()
    {
        var email = $"down.{Guid.NewGuid():N}@example.com";
        var clinic = await TestClinic.CreateAsync(app, email: email);
        using var client = app.ClientAs(Roles.FrontDesk);
        var booked = await client.PostAsJsonAsync($"/api/scheduling/patients/{clinic.PatientId}/appointments",
            new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 1, 20, 10) });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        await app.WithDbAsync(db => db.Outbox.Where(m => m.To == email)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));

        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await app.WithDbAsync(db => SendDueReminders.RunAsync(db, new SmtpOptions { Port = closedPort }, app.Clock, CancellationToken.None));

        var message = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.True(message.NextAttemptAt > app.Clock.GetUtcNow().UtcDateTime);
        Assert.True(await app.WithDbAsync(db => db.DeliveryLog.AnyAsync(l => l.MessageId == message.Id && !l.Succeeded)));
    }

    [Fact]
    public async Task Book_PatientOptedOut_QueuesNoReminder()
    {
        var email = $"optout.{Guid.NewGuid():N}@example.com";
        var clinic = await TestClinic.CreateAsync(app, email: email);
        using var client = app.ClientAs(Roles.FrontDesk);
        var pref = await client.PutAsJsonAsync($"/api/scheduling/patients/{clinic.PatientId}/reminder-preferences", new { channel = "Email", optedIn = false });
        Assert.Equal(HttpStatusCode.OK, pref.StatusCode);
        var booked = await client.PostAsJsonAsync($"/api/scheduling/patients/{clinic.PatientId}/appointments",
            new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2027, 1, 21, 10) });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == email)));
    }
}

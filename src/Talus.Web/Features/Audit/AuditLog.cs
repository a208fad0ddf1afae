using System.Threading.Channels;
using Talus.Web.Data;

namespace Talus.Web.Features.Audit;

/// <summary>
/// Collects read audit entries and writes them in small batches, so auditing a read costs a queue push
/// rather than a database round trip. Writes to patient data are audited transactionally by
/// <see cref="AuditSaveInterceptor"/> instead. The queue is drained on shutdown.
/// </summary>
public sealed class AuditLog(IServiceScopeFactory scopes, ILogger<AuditLog> log) : BackgroundService
{
    // The most read entries waiting in memory, which a crash would lose. When reads come faster than the writer stores
    // them, a reader waits for room (an entry is never dropped). On SQLite the writer stores about 2,000 searches a
    // second that each showed 20 patients, so this is a few seconds of them; 50,000 was 25 s of them and 40 MB more
    // working set when full. docs/decisions/0014-read-paths.md
    private const int Capacity = 8_192;

    private readonly Channel<AuditEntry> queue = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ValueTask WriteAsync(AuditEntry entry, CancellationToken ct) => queue.Writer.WriteAsync(entry, ct);

    /// <summary>Waits until everything queued so far is stored (tests and exports use it).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        while (queue.Reader.Count > 0 || Interlocked.CompareExchange(ref writing, 0, 0) == 1)
        {
            await Task.Delay(5, ct);
        }
    }

    private int writing;

    // How long the writer lets entries gather before it stores them. Every commit makes each other SQLite connection
    // drop its page cache at its next read, so a commit per request made every read fetch its pages again.
    // docs/decisions/0014-read-paths.md
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(512);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Interlocked.Exchange(ref writing, 1);
                await Task.Delay(Gather, stoppingToken);
                while (batch.Count < 512 && queue.Reader.TryRead(out var e))
                {
                    batch.Add(e);
                }
                await StoreAsync(batch, CancellationToken.None);
                batch.Clear();
                Interlocked.Exchange(ref writing, 0);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: drain what is left below.
        }
        while (queue.Reader.TryRead(out var e))
        {
            batch.Add(e);
        }
        if (batch.Count > 0)
        {
            await StoreAsync(batch, CancellationToken.None);
        }
        Interlocked.Exchange(ref writing, 0);
    }

    private async Task StoreAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
                await AuditRows.InsertAsync(db, batch, ct);
                return;
            }
            catch (Exception ex) when (attempt < 5)
            {
                log.LogWarning(ex, "Storing {Count} audit entries failed (attempt {Attempt}); retrying", batch.Count, attempt);
                await Task.Delay(100 * attempt, ct);
            }
        }
    }
}

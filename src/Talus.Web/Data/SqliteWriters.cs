namespace Talus.Web.Data;

/// <summary>
/// The one writer SQLite allows at a time, as a queue in the process: a FHIR transaction and every save outside an
/// explicit transaction (ClinicDb.SaveChangesAsync) wait here, asynchronously and in order, rather than in the SQLite
/// driver's busy loop, which sleeps 150 ms on a pool thread per attempt. A turn not given within the driver's own
/// timeout (30 s, Data/Database.cs) is taken without the queue, so a writer can never wait here for itself.
/// </summary>
public static class SqliteWriters
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<IDisposable> EnterAsync(CancellationToken ct) =>
        await Gate.WaitAsync(Patience, ct) ? new Turn() : NoTurn.Instance;

    private sealed class Turn : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                Gate.Release();
            }
        }
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }
}

using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Talus.Web.Data;

/// <summary>
/// Sets SQLite's page cache of each native connection once, when the pool first opens it (Microsoft.Data.Sqlite has no
/// connection-string keyword for it): SQLite's default is 2 MB per connection, and the pool keeps one connection per
/// concurrent request (18 under 16 connections of load, 34 MB of native memory). The operating system's file cache
/// holds the database anyway, so a smaller cache per connection costs a copy, not a disk read.
/// <c>Database:SqliteCacheKiB</c> (0 = SQLite's default). docs/decisions/0014-read-paths.md, "Memory and start"
/// </summary>
public sealed class SqliteCacheSize(int kib) : DbConnectionInterceptor
{
    /// <summary>The native connections already set (a pooled connection keeps its handle across opens).</summary>
    private readonly ConditionalWeakTable<object, object> set = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || set.TryGetValue(handle, out _))
        {
            return;
        }
        // The readiness check's connection (EF opens a fresh read-only one to see that the file is there) runs no statement
        // of its own: a PRAGMA would make SQLite read the whole schema on every check, for a cache nothing will use.
        if (new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly)
        {
            return;
        }
        using var command = sqlite.CreateCommand();
        // Negative: a size in KiB rather than in pages (https://sqlite.org/pragma.html#pragma_cache_size).
        command.CommandText = $"PRAGMA cache_size = -{kib}";
        command.ExecuteNonQuery();
        set.AddOrUpdate(handle, this);
    }
}

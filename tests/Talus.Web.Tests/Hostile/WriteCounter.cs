using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Talus.Web.Tests.Hostile;

/// <summary>
/// Counts the SQL commands that write (INSERT, UPDATE, DELETE) to one app's database, whatever wrote them (SaveChanges,
/// ExecuteUpdate/ExecuteDelete, Identity, raw SQL). Audit entries are left out: a refused request may be audited.
/// "Nothing written" is then exact, not a fingerprint: the count does not move.
/// </summary>
public sealed partial class WriteCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string marker;
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];
    private readonly Lock gate = new();
    private readonly List<string> written = [];

    /// <param name="connectionString">The app's connection string; its file (SQLite) or database (PostgreSQL) names the app.</param>
    public WriteCounter(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        marker = builder.TryGetValue("Database", out var db) ? (string)db : (string)builder["Data Source"];
        allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>How many writes so far.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return written.Count;
            }
        }
    }

    /// <summary>The tables written since <paramref name="from"/> (a previous <see cref="Count"/>).</summary>
    public IReadOnlyList<string> Since(int from)
    {
        lock (gate)
        {
            return written.Skip(from).Distinct().ToList();
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (gate)
            {
                subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is not CommandExecutedEventData { Command: var command } data || command.Connection is not { } connection)
        {
            return;
        }
        if (data.Result is 0)
        {
            // An UPDATE or DELETE that matched no row wrote nothing.
            return;
        }
        if (!(connection.DataSource?.Contains(marker, StringComparison.Ordinal) == true || connection.Database == marker))
        {
            return;
        }
        // The audit trail records refused requests, and a rate limit counts every attempt (a flood of bad posts is still a flood).
        var tables = Writes().Matches(command.CommandText).Select(m => m.Groups[1].Value).Where(t => t is not "AuditEntries" and not "AuditPatientsShown" and not "RateCounters").ToList();
        if (tables.Count > 0)
        {
            lock (gate)
            {
                written.AddRange(tables);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (gate)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    [GeneratedRegex(@"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+""(\w+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Writes();
}

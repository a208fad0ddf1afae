using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Talus.Web.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands each tagged request sends: a request carrying the header <see cref="Header"/> is counted
/// under its value (HttpContextAccessor follows the request into every component and context it opens). Commands
/// sent while authenticating (the account state, cached for a second) are not counted: they come before the user is set.
/// Connection opens of a tagged request are counted the same way (<see cref="OpensOf"/>), and the queries it read are
/// kept with their parameters (<see cref="QueriesOf"/>), to be explained.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor, IDbConnectionInterceptor
{
    public const string Header = "X-Test-Sql-Count";
    private readonly HttpContextAccessor http = new();
    private readonly ConcurrentDictionary<string, int> counts = new();

    private readonly ConcurrentDictionary<string, int> opens = new();

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Query>> queries = new();

    /// <summary>A query as sent: its SQL and its parameters' names and values.</summary>
    public sealed record Query(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    public int Of(string tag) => counts.GetValueOrDefault(tag);

    public int OpensOf(string tag) => opens.GetValueOrDefault(tag);

    public IReadOnlyList<Query> QueriesOf(string tag) => queries.TryGetValue(tag, out var q) ? [.. q] : [];

    private string? Count() => Count(counts);

    /// <summary>Counts one more for the current request's tag, if it has one, and returns the tag.</summary>
    private string? Count(ConcurrentDictionary<string, int> into)
    {
        if (http.HttpContext is { User.Identity.IsAuthenticated: true } ctx && ctx.Request.Headers[Header].ToString() is { Length: > 0 } tag)
        {
            into.AddOrUpdate(tag, 1, (_, n) => n + 1);
            return tag;
        }
        return null;
    }

    private void Keep(string? tag, DbCommand command)
    {
        if (tag is not null)
        {
            queries.GetOrAdd(tag, _ => new()).Enqueue(new(command.CommandText,
                [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
        }
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Count(opens);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(opens);
        return Task.CompletedTask;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Keep(Count(), command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Keep(Count(), command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }
}

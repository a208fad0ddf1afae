using Microsoft.EntityFrameworkCore;

namespace Talus.Web.Data;

/// <summary>
/// Writes derived rows (the registry's outcome rows and treated joints) in one statement per up to a few hundred rows:
/// <c>INSERT … VALUES (…), (…) ON CONFLICT (key) DO UPDATE SET … WHERE</c> a column differs. A row that is already as
/// computed is left untouched (no write, no index churn); a new one is inserted; a changed one is updated in place. The
/// same text runs on SQLite (≥ 3.39 for <c>IS DISTINCT FROM</c>) and PostgreSQL. Sent through EF Core, so it joins the
/// caller's transaction and is logged and counted like any other command. Rows that should no longer exist are the
/// caller's to delete. docs/decisions/0009-registry-statistics.md
/// </summary>
public static class Upsert
{
    // SQLite allows 32,766 parameters in one statement and PostgreSQL 65,535; a few hundred rows a statement is plenty.
    private const int MaxParameters = 3000;

    public static async Task WriteAsync<T>(ClinicDb db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var t = StoredTable.Of<T>(db);
        var tail = Tail(t);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / t.Columns.Count)))
        {
            var parameters = new List<object>(chunk.Length * t.Columns.Count);
            var values = new List<string>(chunk.Length);
            foreach (var row in chunk)
            {
                var names = new string[t.Columns.Count];
                for (var i = 0; i < t.Columns.Count; i++)
                {
                    var c = t.Columns[i];
                    names[i] = "@u" + parameters.Count;
                    parameters.Add(c.Mapping.CreateParameter(command, names[i], c.Read(row), nullable: true));
                }
                values.Add($"({string.Join(", ", names)})");
            }
            // Names from the model and parameter placeholders only; every value is a parameter.
            var sql = $"{t.InsertInto} VALUES {string.Join(", ", values)} {tail}";
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }
    }

    private static string Tail<T>(StoredTable<T> t) where T : class
    {
        var key = t.Columns.Where(c => c.IsKey).Select(c => c.Name);
        var rest = t.Columns.Where(c => !c.IsKey).Select(c => c.Name).ToList();
        return $"ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {string.Join(", ", rest.Select(c => $"{c} = excluded.{c}"))} "
            + $"WHERE {string.Join(" OR ", rest.Select(c => $"{t.Name}.{c} IS DISTINCT FROM excluded.{c}"))}";
    }
}

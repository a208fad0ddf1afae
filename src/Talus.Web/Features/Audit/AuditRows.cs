using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Audit;

/// <summary>
/// Stores a batch of read audit entries as one statement, not one EF insert per entry: on SQLite one prepared INSERT of
/// 32 rows run once per 32 entries (and one more for the rest) inside one transaction (one fsync, one statement step per
/// 32 entries); on PostgreSQL one INSERT … SELECT FROM unnest(…)
/// with one array per column (one round trip, the same text whatever the batch size, so it is prepared once).
/// Columns, names and value conversions come from the EF model, so the rows are stored exactly as EF stores them.
/// All or nothing: a failed batch leaves no row, and the caller retries it whole. docs/decisions/0017-fhir-search-speed.md
/// </summary>
public static class AuditRows
{
    // Entries per SQLite statement: 32 × 11 columns = 352 parameters, well inside SQLite's limit of 32,766.
    private const int RowsPerStatement = 32;

    /// <summary>Inserts entries [from, to) with one prepared statement of <paramref name="rows"/> rows, run once per group.</summary>
    private static async Task InsertRowsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, StoredTable<AuditEntry> t,
        IReadOnlyList<AuditEntry> batch, int from, int to, int rows, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        var columns = t.Columns.Count;
        cmd.CommandText = $"{t.InsertInto} VALUES " + string.Join(", ", Enumerable.Range(0, rows)
            .Select(r => "(" + string.Join(", ", Enumerable.Range(0, columns).Select(i => "@p" + (r * columns + i))) + ")"));
        var parameters = Enumerable.Range(0, rows * columns)
            .Select(k => t.Columns[k % columns].Mapping.CreateParameter(cmd, "@p" + k, null, nullable: true)).ToArray();
        cmd.Parameters.AddRange(parameters);
        await cmd.PrepareAsync(ct);
        for (var start = from; start < to; start += rows)
        {
            for (var k = 0; k < parameters.Length; k++)
            {
                parameters[k].Value = t.Columns[k % columns].ToProvider(batch[start + k / columns]) ?? DBNull.Value;
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Inserts every entry of <paramref name="batch"/> in one transaction (SQLite) or one statement (PostgreSQL).</summary>
    public static async Task InsertAsync(ClinicDb db, IReadOnlyList<AuditEntry> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var t = StoredTable.Of<AuditEntry>(db);
        if (db.IsSqlite())
        {
            using var turn = await SqliteWriters.EnterAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var connection = db.Database.GetDbConnection();
                await using var tx = await connection.BeginTransactionAsync(ct);
                // Full groups of RowsPerStatement entries through one prepared multi-row INSERT, the rest through one
                // more: one statement step per group instead of one per entry.
                var whole = batch.Count / RowsPerStatement * RowsPerStatement;
                if (whole > 0)
                {
                    await InsertRowsAsync(connection, tx, t, batch, 0, whole, RowsPerStatement, ct);
                }
                if (whole < batch.Count)
                {
                    await InsertRowsAsync(connection, tx, t, batch, whole, batch.Count, batch.Count - whole, ct);
                }
                await tx.CommitAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = $"{t.InsertInto} SELECT * FROM unnest({t.Parameters})";
            for (var i = 0; i < t.Columns.Count; i++)
            {
                var array = Array.CreateInstance(t.Columns[i].ProviderType, batch.Count);
                for (var r = 0; r < batch.Count; r++)
                {
                    array.SetValue(t.Columns[i].ToProvider(batch[r]), r);
                }
                var parameter = cmd.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = array;
                cmd.Parameters.Add(parameter);
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

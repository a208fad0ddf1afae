using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Audit;

/// <summary>
/// Stores a batch of read audit entries as one statement, not one EF insert per entry: on SQLite one prepared INSERT
/// run once per entry inside one transaction (one fsync, one parse); on PostgreSQL one INSERT … SELECT FROM unnest(…)
/// with one array per column (one round trip, the same text whatever the batch size, so it is prepared once).
/// Columns, names and value conversions come from the EF model, so the rows are stored exactly as EF stores them.
/// All or nothing: a failed batch leaves no row, and the caller retries it whole. docs/decisions/0017-fhir-search-speed.md
/// </summary>
public static class AuditRows
{
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
                await using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = $"{t.InsertInto} VALUES ({t.Parameters})";
                var parameters = t.Columns.Select((c, i) => c.Mapping.CreateParameter(cmd, "@p" + i, null, nullable: true)).ToArray();
                cmd.Parameters.AddRange(parameters);
                await cmd.PrepareAsync(ct);
                foreach (var e in batch)
                {
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        parameters[i].Value = t.Columns[i].ToProvider(e) ?? DBNull.Value;
                    }
                    await cmd.ExecuteNonQueryAsync(ct);
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

using System.Text;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Audit;

/// <summary>
/// Stores a batch of read audit entries, and the patients their lists showed, in as few statements as possible, not one
/// EF insert per entry: on SQLite one prepared INSERT … RETURNING "Id" run once per entry and one INSERT … SELECT FROM
/// json_each(@rows) for every patient shown of the batch, inside one transaction (one fsync, one parse); on PostgreSQL one
/// statement that numbers the entries from their sequence, inserts them from unnest(…) (one array per column) and inserts
/// the patients shown beside them (one round trip, the same text whatever the batch size, so it is prepared once).
/// Columns, names and value conversions come from the EF model, so the rows are stored exactly as EF stores them.
/// All or nothing: a failed batch leaves no row, and the caller retries it whole. docs/decisions/0017-fhir-search-speed.md,
/// docs/decisions/0009-registry-statistics.md (one entry per search, the patients shown in a child table)
/// </summary>
public static class AuditRows
{
    /// <summary>Inserts every entry of <paramref name="batch"/> and its patients shown in one transaction (SQLite) or one statement (PostgreSQL).</summary>
    public static async Task InsertAsync(ClinicDb db, IReadOnlyList<AuditEntry> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var t = StoredTable.Of<AuditEntry>(db);
        // "INSERT INTO "AuditPatientsShown" ("AuditEntryId", "PatientId")": the key's order, which the statements below follow.
        var insertShown = StoredTable.Of<AuditPatientShown>(db).InsertInto;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.IsSqlite())
            {
                await InsertSqliteAsync(db, t, insertShown, batch, ct);
            }
            else
            {
                await InsertPostgresAsync(db, t, insertShown, batch, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task InsertSqliteAsync(ClinicDb db, StoredTable<AuditEntry> t, string insertShown, IReadOnlyList<AuditEntry> batch, CancellationToken ct)
    {
        using var turn = await SqliteWriters.EnterAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"{t.InsertInto} VALUES ({t.Parameters}) RETURNING \"Id\"";
        var parameters = t.Columns.Select((c, i) => c.Mapping.CreateParameter(cmd, "@p" + i, null, nullable: true)).ToArray();
        cmd.Parameters.AddRange(parameters);
        await cmd.PrepareAsync(ct);
        // The patients shown as a JSON array of [entry id, patient id] pairs, the ids as EF stores a Guid on SQLite (upper-case text).
        StringBuilder? rows = null;
        foreach (var e in batch)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = t.Columns[i].ToProvider(e) ?? DBNull.Value;
            }
            var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
            foreach (var patient in e.PatientsShown ?? [])
            {
                rows = rows is null ? new StringBuilder("[") : rows.Append(',');
                rows.Append('[').Append(id).Append(",\"").Append(patient.PatientId.ToString("D").ToUpperInvariant()).Append("\"]");
            }
        }
        if (rows is not null)
        {
            await using var children = connection.CreateCommand();
            children.Transaction = tx;
            children.CommandText = $"{insertShown} SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@rows)";
            var p = children.CreateParameter();
            p.ParameterName = "@rows";
            p.Value = rows.Append(']').ToString();
            children.Parameters.Add(p);
            await children.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task InsertPostgresAsync(ClinicDb db, StoredTable<AuditEntry> t, string insertShown, IReadOnlyList<AuditEntry> batch, CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        var aliases = string.Join(", ", t.Columns.Select((_, i) => "c" + i));
        // One statement: the entries numbered from their identity sequence (the CTE is evaluated once), inserted, and the
        // patients shown joined to them by their position in the batch.
        cmd.CommandText = $"""
            WITH e AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('{t.Name}', 'Id')) AS id, u.* FROM unnest({t.Parameters}) WITH ORDINALITY AS u({aliases}, n)),
            i AS ({t.InsertInto.Replace("(", "(\"Id\", ", StringComparison.Ordinal)} SELECT id, {aliases} FROM e)
            {insertShown} SELECT e.id, s.patient FROM e JOIN unnest(@n, @patient) AS s(n, patient) ON s.n = e.n
            """;
        for (var i = 0; i < t.Columns.Count; i++)
        {
            var array = Array.CreateInstance(t.Columns[i].ProviderType, batch.Count);
            for (var r = 0; r < batch.Count; r++)
            {
                array.SetValue(t.Columns[i].ToProvider(batch[r]), r);
            }
            Add(cmd, "@p" + i, array);
        }
        var positions = new List<long>();
        var patients = new List<Guid>();
        for (var r = 0; r < batch.Count; r++)
        {
            foreach (var patient in batch[r].PatientsShown ?? [])
            {
                positions.Add(r + 1);
                patients.Add(patient.PatientId);
            }
        }
        Add(cmd, "@n", positions.ToArray());
        Add(cmd, "@patient", patients.ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void Add(System.Data.Common.DbCommand cmd, string name, object value)
    {
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        cmd.Parameters.Add(parameter);
    }
}

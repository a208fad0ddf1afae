using System.Text;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Audit;

/// <summary>
/// Stores a batch of read audit entries, and the patients their lists showed, in as few statements as possible, not one
/// EF insert per entry: on SQLite one prepared INSERT … RETURNING "Id" run once per entry and one INSERT … SELECT FROM
/// json_each(@rows) for every patient shown of the batch (a row each), and one more for their FTS5 index (a document per
/// entry, <see cref="AuditShownSearch"/>), inside one transaction (one fsync, one parse); on
/// PostgreSQL one INSERT … SELECT FROM unnest(…) (one array per column), each entry's patients shown gathered into its
/// uuid[] column from two flat arrays (one round trip, the same text whatever the batch size, so it is prepared once).
/// Columns, names and value conversions come from the EF model, so the rows are stored exactly as EF stores them.
/// All or nothing: a failed batch leaves no row, and the caller retries it whole. docs/decisions/0017-fhir-search-speed.md,
/// docs/decisions/0009-registry-statistics.md (one entry per search; the patients shown, and their last addendum)
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
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.IsSqlite())
            {
                // "INSERT INTO "AuditPatientsShown" ("AuditEntryId", "PatientId")": the key's order, which the rows below follow.
                await InsertSqliteAsync(db, t, StoredTable.Of<AuditPatientShown>(db).InsertInto, batch, ct);
            }
            else
            {
                await InsertPostgresAsync(db, t, batch, ct);
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
        // The FTS5 documents as a JSON array of [entry id, "term term …"], each patient a term (AuditShownSearch.Token).
        StringBuilder? rows = null, documents = null;
        foreach (var e in batch)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = t.Columns[i].ToProvider(e) ?? DBNull.Value;
            }
            var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
            if (e.PatientsShown is not { Length: > 0 } shown)
            {
                continue;
            }
            documents = documents is null ? new StringBuilder("[") : documents.Append(',');
            documents.Append('[').Append(id).Append(",\"");
            foreach (var patient in shown)
            {
                rows = rows is null ? new StringBuilder("[") : rows.Append(',');
                rows.Append('[').Append(id).Append(",\"").Append(patient.ToString("D").ToUpperInvariant()).Append("\"]");
                documents.Append(AuditShownSearch.Token(patient)).Append(' ');
            }
            documents.Append("\"]");
        }
        if (rows is not null && documents is not null)
        {
            const string Pairs = "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@rows)";
            await ExecuteAsync(connection, tx, $"{insertShown} {Pairs}", rows.Append(']').ToString(), ct);
            await ExecuteAsync(connection, tx, $"""INSERT INTO "{AuditShownSearch.Table}" (rowid, "Patients") {Pairs}""",
                documents.Append(']').ToString(), ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string sql, string rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        Add(command, "@rows", rows);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task InsertPostgresAsync(ClinicDb db, StoredTable<AuditEntry> t, IReadOnlyList<AuditEntry> batch, CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        // Every column but the patients shown comes from one array per column; the patients shown from two flat arrays
        // (the entry's position in the batch, the patient), gathered back into each entry's uuid[] in their given order.
        var scalar = t.Columns.Where(c => c.Name != Shown).ToList();
        var aliases = string.Join(", ", scalar.Select((_, i) => "c" + i));
        cmd.CommandText = $"""
            WITH s AS (SELECT n, array_agg(patient ORDER BY k) AS shown FROM unnest(@n, @patient) WITH ORDINALITY AS s(n, patient, k) GROUP BY n)
            INSERT INTO {t.Name} ({string.Join(", ", scalar.Select(c => c.Name))}, {Shown})
            SELECT {aliases}, s.shown FROM unnest({string.Join(", ", scalar.Select((_, i) => "@p" + i))}) WITH ORDINALITY AS u({aliases}, n)
            LEFT JOIN s ON s.n = u.n ORDER BY u.n
            """;
        for (var i = 0; i < scalar.Count; i++)
        {
            var array = Array.CreateInstance(scalar[i].ProviderType, batch.Count);
            for (var r = 0; r < batch.Count; r++)
            {
                array.SetValue(scalar[i].ToProvider(batch[r]), r);
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
                patients.Add(patient);
            }
        }
        Add(cmd, "@n", positions.ToArray());
        Add(cmd, "@patient", patients.ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private const string Shown = "\"PatientsShown\"";

    private static void Add(System.Data.Common.DbCommand cmd, string name, object value)
    {
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        cmd.Parameters.Add(parameter);
    }
}

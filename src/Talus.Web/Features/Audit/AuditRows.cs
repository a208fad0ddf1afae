using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
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
    private sealed record Column(string Name, Func<AuditEntry, object?> Read, RelationalTypeMapping Mapping, Type ProviderType);

    private sealed record Table(string Name, IReadOnlyList<Column> Columns)
    {
        /// <summary>"INSERT INTO t (a, b, …)": the head both providers' statements share.</summary>
        public string InsertInto { get; } = $"INSERT INTO {Name} ({string.Join(", ", Columns.Select(c => c.Name))})";

        /// <summary>"@p0, @p1, …": one parameter per column.</summary>
        public string Parameters { get; } = string.Join(", ", Columns.Select((_, i) => "@p" + i));
    }

    // One per context type (provider): the model and the SQL quoting are fixed once the context type is.
    private static readonly ConcurrentDictionary<Type, Table> Tables = new();

    private static Table Of(ClinicDb db) => Tables.GetOrAdd(db.GetType(), _ => Build(db));

    private static Table Build(ClinicDb db)
    {
        var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
        var id = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).Select(p =>
        {
            var mapping = (RelationalTypeMapping)p.GetRelationalTypeMapping();
            var info = p.PropertyInfo!;
            var provider = mapping.Converter?.ProviderClrType ?? p.ClrType;
            // A nullable property keeps a nullable provider type (Guid? → uuid[] with NULLs), a reference type stays as it is.
            if (p.IsNullable && provider.IsValueType && Nullable.GetUnderlyingType(provider) is null)
            {
                provider = typeof(Nullable<>).MakeGenericType(provider);
            }
            return new Column(sql.DelimitIdentifier(p.GetColumnName(id)!), e => info.GetValue(e), mapping, provider);
        }).ToList();
        return new Table(sql.DelimitIdentifier(id.Name, id.Schema), columns);
    }

    private static object? ToProvider(Column c, AuditEntry e)
    {
        var value = c.Read(e);
        return value is null ? null : c.Mapping.Converter?.ConvertToProvider(value) ?? value;
    }

    /// <summary>Inserts every entry of <paramref name="batch"/> in one transaction (SQLite) or one statement (PostgreSQL).</summary>
    public static async Task InsertAsync(ClinicDb db, IReadOnlyList<AuditEntry> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var t = Of(db);
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
                        parameters[i].Value = ToProvider(t.Columns[i], e) ?? DBNull.Value;
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
                    array.SetValue(ToProvider(t.Columns[i], batch[r]), r);
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

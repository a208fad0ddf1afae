using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Talus.Web.Data;

/// <summary>
/// Writes many new rows of one entity type without the change tracker, for the synthetic-patient seeder: PostgreSQL
/// binary COPY, SQLite one prepared INSERT in a transaction. Columns, names and value conversions come from the EF
/// model, so the rows are the ones SaveChanges would write. No audit entries (synthetic data only, never patient data).
/// </summary>
public static class BulkInsert
{
    public static async Task WriteAsync<T>(ClinicDb db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.GetColumnName(store) is not null && !(p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(int)))
            .Select(p => (Property: p, Name: p.GetColumnName(store)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToArray();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));

        object? Value(T row, int i)
        {
            var (property, _, mapping) = columns[i];
            var value = property.GetGetter().GetClrValue(row);
            var converter = property.GetValueConverter() ?? mapping.Converter;
            return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is NpgsqlConnection npgsql)
            {
                await using var import = await npgsql.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var row in rows)
                {
                    await import.StartRowAsync(ct);
                    for (var i = 0; i < columns.Length; i++)
                    {
                        if (Value(row, i) is { } v)
                        {
                            await import.WriteAsync(v, ct);
                        }
                        else
                        {
                            await import.WriteNullAsync(ct);
                        }
                    }
                }
                await import.CompleteAsync(ct);
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            var parameters = new DbParameter[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                parameters[i] = columns[i].Mapping.CreateParameter(command, "@p" + i, null, columns[i].Property.IsNullable);
                command.Parameters.Add(parameters[i]);
            }
            await command.PrepareAsync(ct);
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    parameters[i].Value = Value(row, i) ?? DBNull.Value;
                }
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

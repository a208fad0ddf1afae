using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Talus.Web.Data;

/// <summary>
/// The table of one entity type as the EF model stores it: quoted names, the columns the application writes (not those
/// the database generates), their type mappings and value conversions, so a row written by hand is stored exactly as
/// EF Core would store it. Built once per context type (provider). Used where one statement writes many rows
/// (<see cref="Features.Audit.AuditRows"/>, <see cref="Upsert"/>); <see cref="StoredTable.Of{T}"/> gives it.
/// </summary>
public sealed class StoredTable<T> where T : class
{
    public sealed record Column(string Name, Func<T, object?> Read, RelationalTypeMapping Mapping, Type ProviderType, bool IsKey)
    {
        /// <summary>The value as the provider stores it (enum as text, through the model's converter).</summary>
        public object? ToProvider(T row) => Read(row) is { } value ? Mapping.Converter?.ConvertToProvider(value) ?? value : null;
    }

    internal StoredTable(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var id = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindPrimaryKey()!.Properties;
        Columns = [.. entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).Select(p =>
        {
            var mapping = (RelationalTypeMapping)p.GetRelationalTypeMapping();
            var info = p.PropertyInfo!;
            var provider = mapping.Converter?.ProviderClrType ?? p.ClrType;
            // A nullable property keeps a nullable provider type (Guid? → uuid[] with NULLs), a reference type stays as it is.
            if (p.IsNullable && provider.IsValueType && Nullable.GetUnderlyingType(provider) is null)
            {
                provider = typeof(Nullable<>).MakeGenericType(provider);
            }
            return new Column(sql.DelimitIdentifier(p.GetColumnName(id)!), e => info.GetValue(e), mapping, provider, key.Contains(p));
        })];
        Name = sql.DelimitIdentifier(id.Name, id.Schema);
        InsertInto = $"INSERT INTO {Name} ({string.Join(", ", Columns.Select(c => c.Name))})";
        Parameters = string.Join(", ", Columns.Select((_, i) => "@p" + i));
    }

    public string Name { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>"INSERT INTO t (a, b, …)".</summary>
    public string InsertInto { get; }

    /// <summary>"@p0, @p1, …": one parameter per column.</summary>
    public string Parameters { get; }
}

/// <summary>One <see cref="StoredTable{T}"/> per entity and context type (the model and the SQL quoting are fixed once the context type is).</summary>
public static class StoredTable
{
    private static readonly ConcurrentDictionary<(Type Entity, Type Context), object> Tables = new();

    public static StoredTable<T> Of<T>(DbContext db) where T : class =>
        (StoredTable<T>)Tables.GetOrAdd((typeof(T), db.GetType()), _ => new StoredTable<T>(db));
}

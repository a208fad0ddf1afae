using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Talus.Web.Data;

/// <summary>Marks a record that is written once and never changed or deleted (e.g. a signed consent document).</summary>
public interface IImmutableRecord;

/// <summary>Refuses any update or delete of an <see cref="IImmutableRecord"/>, whichever code path attempts it.</summary>
public sealed class ImmutableRecordGuard : SaveChangesInterceptor
{
    public static readonly ImmutableRecordGuard Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries<IImmutableRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} records cannot be changed or deleted once stored.");
            }
        }
    }
}

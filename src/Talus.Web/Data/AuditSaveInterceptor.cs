using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Talus.Web.Features.Audit;

namespace Talus.Web.Data;

/// <summary>Practice data whose every write is audited like patient data (e.g. the price book).</summary>
public interface IAuditedRecord;

/// <summary>
/// Adds an audit entry for every write to a patient's record, inside the same SaveChanges (so the write and
/// its audit entry commit together), and refuses any change to an existing audit entry.
/// </summary>
public sealed class AuditSaveInterceptor(AuditContext who, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
            }
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            Guid? patientId = entry.Entity switch
            {
                Patient p => p.Id,
                IPatientRecord r => r.PatientId,
                _ => null,
            };
            if (patientId is null && entry.Entity is not IAuditedRecord)
            {
                continue;
            }
            var key = entry.Metadata.FindPrimaryKey()?.Properties
                .Select(p => entry.Property(p.Name).CurrentValue?.ToString()).FirstOrDefault();
            entries.Add(who.Entry(entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Deleted => AuditAction.Delete,
                _ => AuditAction.Update,
            }, entry.Metadata.ClrType.Name, patientId, key, "ok", now));
        }
        context.Set<AuditEntry>().AddRange(entries);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Tests.Foundation;

/// <summary>
/// A SQLite database that already holds searches' patients shown gets them into the FTS5 index when it is migrated, so
/// the audit trail of a patient still lists the searches that showed them before the upgrade.
/// </summary>
public sealed class AuditShownSearchMigrationTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"talus-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Migration_IndexesThePatientsShownAlreadyStored()
    {
        Guid seen = Guid.NewGuid(), alsoSeen = Guid.NewGuid(), other = Guid.NewGuid();
        await using var db = new SqliteClinicDb(new DbContextOptionsBuilder<SqliteClinicDb>().UseSqlite($"Data Source={file};Pooling=False").Options);
        await db.GetService<IMigrator>().MigrateAsync("NameSearchIndex");
        var search = new AuditEntry { At = new DateTime(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc), Action = AuditAction.Search, Resource = "Patient", Outcome = "200" };
        var read = new AuditEntry { At = search.At, Action = AuditAction.Read, Resource = "Patient", PatientId = other, Outcome = "200" };
        db.AuditEntries.AddRange(search, read);
        await db.SaveChangesAsync();
        db.AuditPatientsShown.AddRange(new AuditPatientShown { AuditEntryId = search.Id, PatientId = seen }, new AuditPatientShown { AuditEntryId = search.Id, PatientId = alsoSeen });
        await db.SaveChangesAsync();

        await db.Database.MigrateAsync();

        Assert.Equal([search.Id], await db.AuditEntries.Showing(db, [seen]).Select(a => a.Id).ToListAsync());
        Assert.Equal([search.Id], await db.AuditEntries.Showing(db, [alsoSeen]).Select(a => a.Id).ToListAsync());
        Assert.Equal([read.Id], await db.AuditEntries.Showing(db, [other]).Select(a => a.Id).ToListAsync());
        Assert.Equal(new[] { read.Id, search.Id }.Order(), await db.AuditEntries.Showing(db, [other, seen]).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.Empty(await db.AuditEntries.Showing(db, [Guid.NewGuid()]).Select(a => a.Id).ToListAsync());
    }

    public void Dispose()
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }
    }
}

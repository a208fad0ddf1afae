using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;

namespace Talus.Bench;

/// <summary>
/// First-10-slots search as a request does it (fresh DbContext, type lookup, reference data, busy intervals,
/// in-memory search) over SQLite with 5 locations, 30 providers and about 20,000 appointments over 150 days.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class SlotSearchBench
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);
    private string file = "";
    private DbContextOptions<SqliteClinicDb> options = null!;

    public int Appointments { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        file = Path.Combine(Path.GetTempPath(), $"talus-slotbench-{Guid.NewGuid():N}.db");
        options = new DbContextOptionsBuilder<SqliteClinicDb>().UseSqlite($"Data Source={file}").Options;
        Appointments = SeedAsync(options).GetAwaiter().GetResult();
        Console.WriteLine($"// Dataset: 5 locations, 30 providers, {Appointments} appointments");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    [Benchmark]
    public async Task<int> FirstTenConsultationsAllLocations90Days()
    {
        await using var db = new SqliteClinicDb(options);
        var slots = (await FindSlots.RunAsync(new SlotSearchInput { Type = AppointmentTypeCodes.Consultation, Days = 90, Count = 10 }, Now.UtcDateTime, db, CancellationToken.None)).Value;
        return slots!.Count;
    }

    [Benchmark]
    public async Task<int> FirstTenProceduresAllLocations90Days()
    {
        await using var db = new SqliteClinicDb(options);
        var slots = (await FindSlots.RunAsync(new SlotSearchInput { Type = AppointmentTypeCodes.Procedure, Days = 90, Count = 10 }, Now.UtcDateTime, db, CancellationToken.None)).Value;
        return slots!.Count;
    }

    public static async Task<int> SeedAsync(DbContextOptions<SqliteClinicDb> options)
    {
        await using var db = new SqliteClinicDb(options);
        await db.Database.MigrateAsync();
        var clock = new FixedClock(Now);
        var random = new Random(5);
        for (var i = 0; i < 5; i++)
        {
            db.Locations.Add(new Location
            {
                Name = $"Office {i + 1}", AddressLine = "1 Main St", City = "Irvine", PostalCode = "92618", Phone = "(949) 555-0100",
                Hours = [.. Enumerable.Range(1, 5).Select(d => new OpeningHours { Day = (DayOfWeek)d, Opens = new(8, 0), Closes = new(17, 0) })],
                Rooms = [.. Enumerable.Range(1, 4).Select(r => new Room { Name = $"Exam {r}", Kind = RoomKind.Exam }),
                    new Room { Name = "Procedure 1", Kind = RoomKind.Procedure }, new Room { Name = "Procedure 2", Kind = RoomKind.Procedure }],
                Equipment = [new Equipment { Name = "US 1", Kind = EquipmentKind.Ultrasound }, new Equipment { Name = "US 2", Kind = EquipmentKind.Ultrasound },
                    new Equipment { Name = "Cells 1", Kind = EquipmentKind.CellProcessor }],
            });
        }
        await db.SaveChangesAsync();
        var locations = await db.Locations.Select(l => l.Id).ToListAsync();
        for (var p = 0; p < 30; p++)
        {
            db.Staff.Add(new StaffMember
            {
                DisplayName = $"Dr. Provider {p + 1:00}", Role = Roles.Clinician,
                Locations = [.. new[] { locations[p % 5], locations[(p + 2) % 5] }.Distinct().Select(id => new StaffLocation { LocationId = id })],
            });
        }
        await db.SaveChangesAsync();
        await DefaultAppointmentTypes.EnsureAsync(db, CancellationToken.None);
        await SchedulingDemo.AddMissingResourcesAsync(db, CancellationToken.None);
        await SchedulingDemo.AddPatternsAsync(db, clock, CancellationToken.None);
        await DemoData.AddPatientsAsync(db, clock, 2000, random, CancellationToken.None);
        var patients = await db.Patients.Select(p => new SchedulingDemo.Visitor(p.Id, p.PreferredLocationId)).ToArrayAsync();
        return await SchedulingDemo.AddAppointmentsAsync(db, clock, random, patients, -60, 89, 0.55, CancellationToken.None);
    }
}

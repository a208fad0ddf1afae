using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Patients;

namespace Talus.Bench;

/// <summary>
/// The two reads every request of a front-desk or clinician user starts with, as the app runs them: the access check of
/// one patient and the family-name search, both filtered by the user's locations (a list in the query). SQLite with
/// 5 locations and 5,000 patients, one pooled connection; <see cref="Lists"/> is how EF Core sends that list: a
/// parameter per element (EF Core 10's default) or one array parameter (what Talus configures, Data/Database.cs).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class LocationScopeBench
{
    private static readonly string[] Families = ["GARCIA", "LOPEZ", "NGUYEN", "SMITH", "KIM", "PATEL", "TORRES", "RIVERA"];

    private readonly ClaimsPrincipal frontDesk = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Role, Roles.FrontDesk), new Claim(TalusClaims.Location, "1"), new Claim(TalusClaims.Location, "3")],
        "bench", ClaimTypes.Name, ClaimTypes.Role));

    private string file = "";
    private DbContextOptions<SqliteClinicDb> options = null!;
    private Guid[] patients = [];
    private int next;

    [Params(ParameterTranslationMode.MultipleParameters, ParameterTranslationMode.Parameter)]
    public ParameterTranslationMode Lists { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        file = Path.Combine(Path.GetTempPath(), $"talus-scopebench-{Guid.NewGuid():N}.db");
        options = new DbContextOptionsBuilder<SqliteClinicDb>()
            .UseSqlite($"Data Source={file}", s => s.UseParameterizedCollectionMode(Lists)).Options;
        patients = SeedAsync(options).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    [Benchmark]
    public async Task<bool> AccessCheck()
    {
        await using var db = new SqliteClinicDb(options);
        return await new PatientAccess(db).CanSeeAsync(frontDesk, patients[next++ % patients.Length], CancellationToken.None);
    }

    [Benchmark]
    public async Task<int> FamilyNameSearch()
    {
        await using var db = new SqliteClinicDb(options);
        var rows = await SearchPatients.RunAsync(Families[next++ % Families.Length], frontDesk, new PatientAccess(db), 20, CancellationToken.None);
        return rows.Count;
    }

    private static async Task<Guid[]> SeedAsync(DbContextOptions<SqliteClinicDb> options)
    {
        await using var db = new SqliteClinicDb(options);
        await db.Database.MigrateAsync();
        var locations = Enumerable.Range(1, 5).Select(i => new Location
        {
            Name = $"Office {i}", AddressLine = "1 Main St", City = "Irvine", PostalCode = "92618", Phone = "(949) 555-0100",
        }).ToList();
        db.Locations.AddRange(locations);
        await db.SaveChangesAsync();
        var random = new Random(7);
        var ids = new Guid[5000];
        for (var i = 0; i < ids.Length; i++)
        {
            var patient = new Patient
            {
                Mrn = $"T{i:D7}", GivenName = $"Given{i}", FamilyName = Families[random.Next(Families.Length)] + (i % 3 == 0 ? "S" : ""),
                BirthDate = new DateOnly(1950, 1, 1).AddDays(random.Next(20000)), Sex = (Sex)random.Next(2),
                PreferredLocationId = locations[random.Next(locations.Count)].Id, CreatedAt = DateTime.UnixEpoch,
            };
            patient.NormalizeKeys();
            db.Patients.Add(patient);
            ids[i] = patient.Id;
        }
        await db.SaveChangesAsync();
        return ids;
    }
}

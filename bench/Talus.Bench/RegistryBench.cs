using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Outcomes;
using Talus.Web.Features.Procedure;

namespace Talus.Bench;

/// <summary>
/// The registry dashboard's computation (all queries and counting, as /outcomes and /api/outcomes/registry do it) over
/// SQLite with 50,000 treated patients (one procedure each, 0–800 days ago), their follow-up visits V2–V6 and about
/// 1,000,000 score rows (baseline and every visit whose window has opened, 12% missed).
/// </summary>
[MemoryDiagnoser]
public class RegistryBench
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private string file = "";
    private DbContextOptions<SqliteClinicDb> options = null!;

    [Params(50_000)]
    public int Patients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // TALUS_REGISTRY_DB reuses a database seeded by an earlier run (seeding takes minutes); it is then kept.
        var reuse = Environment.GetEnvironmentVariable("TALUS_REGISTRY_DB");
        file = reuse ?? Path.Combine(Path.GetTempPath(), $"talus-registrybench-{Guid.NewGuid():N}.db");
        options = new DbContextOptionsBuilder<SqliteClinicDb>().UseSqlite($"Data Source={file}").Options;
        using var db = new SqliteClinicDb(options);
        var rows = reuse is null ? SeedAsync(options, Patients).GetAwaiter().GetResult() : db.ScoreRows.Count();
        Console.WriteLine($"// Dataset: {db.Patients.Count()} patients, {rows} score rows, file {file}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("TALUS_REGISTRY_DB") is null)
        {
            File.Delete(file);
        }
    }

    [Benchmark]
    public async Task<int> Dashboard()
    {
        await using var db = new SqliteClinicDb(options);
        var report = await BuildRegistry.RunAsync(db, new RegistrySettings(), new McidSettings(), Today, CancellationToken.None);
        return report.Procedures;
    }

    public static async Task<int> SeedAsync(DbContextOptions<SqliteClinicDb> options, int patients)
    {
        await using (var db = new SqliteClinicDb(options))
        {
            await db.Database.MigrateAsync();
            db.Locations.Add(new Location { Name = "Bench", AddressLine = "1 Bench Way", City = "Irvine", PostalCode = "92618", Phone = "(949) 555-0100", TimeZone = "America/Los_Angeles" });
            db.Staff.Add(new StaffMember { DisplayName = "Dr. Bench", Role = Roles.Clinician });
            await db.SaveChangesAsync();
        }
        var random = new Random(42);
        var plans = new FollowUpSettings().Visits.Where(v => v.Visit >= ProgramVisit.V2).ToArray();
        var rows = 0;
        for (var start = 0; start < patients; start += 2000)
        {
            await using var db = new SqliteClinicDb(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var location = await db.Locations.Select(l => l.Id).FirstAsync();
            var staff = await db.Staff.Select(s => s.Id).FirstAsync();
            for (var i = start; i < Math.Min(patients, start + 2000); i++)
            {
                var p = new Patient { Mrn = $"B{i:0000000}", GivenName = "Bench", FamilyName = $"P{i}", BirthDate = new DateOnly(1950, 1, 1).AddDays(random.Next(9000)), CreatedAt = DateTime.UnixEpoch };
                db.Patients.Add(p);
                var performed = Today.AddDays(-random.Next(0, 800));
                var procedure = new ProcedureRecord
                {
                    PatientId = p.Id, PlanId = Guid.NewGuid(), PlanVersion = 1, ConsentPacketId = Guid.NewGuid(), PerformedOn = performed, LocationId = location,
                    OperatorId = staff, Joint = Joint.Ankle, Side = Side.Left, Product = random.Next(4) == 0 ? InjectionProduct.PlateletRichPlasma : InjectionProduct.BoneMarrowAspirateConcentrate,
                    Source = TissueSource.Autologous, InjectateVolumeMl = 3, ExternalLot = $"LOT-{random.Next(40)}", Flag = RegulatoryFlag.Green, ClassificationJson = "[]",
                    AfterCareJson = "[]", RecordedAt = DateTime.UnixEpoch,
                };
                db.Procedures.Add(procedure);
                var effect = random.NextDouble();
                rows += Answer(db, p.Id, null, null, performed.AddDays(-7), 6, 40, 50, 60);
                foreach (var plan in plans)
                {
                    var visit = new FollowUpVisit
                    {
                        PatientId = p.Id, ProcedureId = procedure.Id, LocationId = location, Joint = Joint.Ankle, Side = Side.Left, Visit = plan.Visit, IndexDate = performed,
                        TargetDate = performed.AddDays(plan.TargetDay), WindowStart = performed.AddDays(plan.WindowStartDay), WindowEnd = performed.AddDays(plan.WindowEndDay),
                        Questionnaires = "NrsPain,Faos,PatientGlobalAssessment", Status = FollowUpStatus.Upcoming,
                    };
                    db.FollowUpVisits.Add(visit);
                    if (visit.TargetDate > Today || random.NextDouble() < 0.12)
                    {
                        visit.Status = visit.WindowEnd < Today ? FollowUpStatus.Missed : FollowUpStatus.Open;
                        continue;
                    }
                    visit.Status = FollowUpStatus.Completed;
                    rows += Answer(db, p.Id, visit, procedure.Id, visit.TargetDate, 6 - (4 * effect), 40 + (45 * effect), 50 + (35 * effect), 60 - (45 * effect));
                }
            }
            await db.SaveChangesAsync();
        }
        return rows;
    }

    private static int Answer(ClinicDb db, Guid patientId, FollowUpVisit? visit, Guid? procedureId, DateOnly on, double nrs, double pain, double adl, double global)
    {
        var n = 0;
        foreach (var (instrument, scores) in new (InstrumentId, (string, double)[])[]
                 { (InstrumentId.NrsPain, [("Score", Math.Round(nrs))]), (InstrumentId.Faos, [(Faos.Pain, pain), (Faos.Adl, adl)]), (InstrumentId.PatientGlobalAssessment, [("Score", global)]) })
        {
            var response = new QuestionnaireResponse
            {
                PatientId = patientId, Instrument = instrument, Context = visit is null ? QuestionnaireContext.Baseline : QuestionnaireContext.FollowUp, FollowUpVisitId = visit?.Id,
                Joint = Joint.Ankle, Side = Side.Left, Status = RecordStatus.Submitted, AnswersJson = "{}", CompletedOn = on, UpdatedAt = DateTime.UnixEpoch,
            };
            db.QuestionnaireResponses.Add(response);
            foreach (var (subscale, score) in scores)
            {
                db.ScoreRows.Add(new ScoreRow
                {
                    ResponseId = response.Id, PatientId = patientId, Instrument = instrument, Subscale = subscale, Score = score, Joint = Joint.Ankle, Side = Side.Left,
                    FollowUpVisitId = visit?.Id, Visit = visit?.Visit, ProcedureId = procedureId, DaysFromIndex = procedureId is null ? null : on.DayNumber - visit!.IndexDate.DayNumber,
                    InWindow = visit is null ? null : true, CompletedOn = on, SubmittedAt = DateTime.UnixEpoch,
                });
                n++;
            }
        }
        return n;
    }
}

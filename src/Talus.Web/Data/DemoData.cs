using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Talus.Web.Data;

/// <summary>
/// A believable, entirely synthetic practice for a first start: four Southern California offices with rooms and
/// equipment, staff of every role, and patients spread over the program. Deterministic (fixed random seed).
/// </summary>
public static class DemoData
{
    public const string Password = "Talus-demo-2026";

    public sealed record SignIn(string Role, string Email);

    public static readonly SignIn[] SignIns =
    [
        new(Roles.FrontDesk, "frontdesk@talus.example"),
        new(Roles.Clinician, "clinician@talus.example"),
        new(Roles.Billing, "billing@talus.example"),
        new(Roles.Admin, "admin@talus.example"),
        new(Roles.Outcomes, "outcomes@talus.example"),
        new(Roles.Patient, "patient@talus.example"),
    ];

    internal static readonly string[] GivenFemale = ["Maria", "Guadalupe", "Linda", "Susan", "Patricia", "Rosa", "Karen", "Yolanda", "Jennifer", "Mei", "Leticia", "Barbara", "Carmen", "Nancy", "Ana", "Grace", "Elena", "Diane", "Sofia", "Priya"];
    internal static readonly string[] GivenMale = ["Jose", "Robert", "Juan", "Michael", "David", "Luis", "James", "Carlos", "William", "Daniel", "Miguel", "Richard", "Thomas", "Jorge", "Kevin", "Hiroshi", "Francisco", "Steven", "Anthony", "Raj"];
    internal static readonly string[] Family = ["Garcia", "Hernandez", "Smith", "Lopez", "Martinez", "Nguyen", "Johnson", "Gonzalez", "Rodriguez", "Kim", "Perez", "Williams", "Sanchez", "Ramirez", "Brown", "Torres", "Flores", "Lee", "Rivera", "Davis", "Chen", "Gomez", "Miller", "Diaz", "Reyes", "Cruz", "Wilson", "Morales", "Patel", "Anderson", "Ortiz", "Tanaka", "Castillo", "Moore", "Vasquez", "Jackson", "Romero", "Park", "Ruiz", "Thompson"];

    private static readonly (string Name, string Address, string City, string Zip, string Phone)[] Offices =
    [
        ("Irvine", "16 Technology Dr, Suite 120", "Irvine", "92618", "(949) 555-0141"),
        ("Long Beach", "2801 Atlantic Ave, Suite 300", "Long Beach", "90806", "(562) 555-0172"),
        ("Pasadena", "65 N Madison Ave, Suite 410", "Pasadena", "91101", "(626) 555-0118"),
        ("San Diego – La Jolla", "9850 Genesee Ave, Suite 560", "La Jolla", "92037", "(858) 555-0193"),
    ];

    public static async Task SeedAsync(IServiceProvider services, int extraPatients, CancellationToken ct)
    {
        var db = services.GetRequiredService<ClinicDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (!await db.Locations.AnyAsync(ct))
        {
            await SeedPracticeAsync(db, services, clock, ct);
        }
        if (extraPatients > 0)
        {
            // Whole synthetic journeys (evaluation to follow-up), so the registry and the chart are measured with real shapes.
            await SyntheticJourneys.SeedAsync(db, clock, extraPatients, new Random(extraPatients), ct);
        }
    }

    private static async Task SeedPracticeAsync(ClinicDb db, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var locations = Offices.Select(o => new Location
        {
            Name = o.Name, AddressLine = o.Address, City = o.City, PostalCode = o.Zip, Phone = o.Phone,
            Hours = [.. Enumerable.Range(1, 5).Select(d => new OpeningHours { Day = (DayOfWeek)d, Opens = new(8, 0), Closes = new(17, 0) })],
            Rooms =
            [
                new Room { Name = "Exam 1", Kind = RoomKind.Exam },
                new Room { Name = "Exam 2", Kind = RoomKind.Exam },
                new Room { Name = "Procedure", Kind = RoomKind.Procedure },
            ],
            Equipment =
            [
                new Equipment { Name = "Ultrasound A", Kind = EquipmentKind.Ultrasound },
                new Equipment { Name = "Centrifuge A", Kind = EquipmentKind.Centrifuge },
                new Equipment { Name = "Marrow concentration system", Kind = EquipmentKind.CellProcessor },
            ],
        }).ToList();
        // The Irvine office is the busiest: a second procedure room, a Saturday clinic, and a holiday closure.
        locations[0].Rooms.Add(new Room { Name = "Procedure 2", Kind = RoomKind.Procedure });
        locations[0].Equipment.Add(new Equipment { Name = "Ultrasound B", Kind = EquipmentKind.Ultrasound });
        locations[0].Hours.Add(new OpeningHours { Day = DayOfWeek.Saturday, Opens = new(9, 0), Closes = new(13, 0) });
        var today = Talus.Web.Shared.PracticeClock.Today(clock);
        foreach (var l in locations)
        {
            l.Closures.Add(new Closure { Date = new DateOnly(today.Year, 12, 25), Reason = "Christmas Day" });
        }
        db.Locations.AddRange(locations);
        await db.SaveChangesAsync(ct);

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var all = locations.Select(l => l.Id).ToArray();
        async Task AddStaffAsync(string name, string? credentials, string role, string? email, string? npi, params int[] at)
        {
            var staff = new StaffMember { DisplayName = name, Credentials = credentials, Role = role, Npi = npi };
            staff.Locations.AddRange(at.Select(id => new StaffLocation { LocationId = id }));
            db.Staff.Add(staff);
            await db.SaveChangesAsync(ct);
            email ??= name.Replace("Dr. ", "", StringComparison.Ordinal).ToLowerInvariant().Replace(' ', '.') + "@talus.example";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, StaffMemberId = staff.Id };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role));
            staff.UserId = user.Id;
            await db.SaveChangesAsync(ct);
        }

        await AddStaffAsync("Dana Whitfield", null, Roles.FrontDesk, "frontdesk@talus.example", null, all[0], all[1]);
        await AddStaffAsync("Luis Ocampo", null, Roles.FrontDesk, null, null, all[2], all[3]);
        await AddStaffAsync("Dr. Elena Marquez", "DPM", Roles.Clinician, "clinician@talus.example", "1629071234", all[0], all[1]);
        await AddStaffAsync("Dr. Samuel Okafor", "DPM", Roles.Clinician, null, "1497758812", all[1], all[2]);
        await AddStaffAsync("Dr. Grace Liu", "DPM", Roles.Clinician, null, "1356492207", all[3]);
        await AddStaffAsync("Dr. Aaron Feld", "DPM", Roles.Clinician, null, "1881604455", all[0], all[3]);
        await AddStaffAsync("Marisol Vega", null, Roles.Billing, "billing@talus.example", null, all);
        await AddStaffAsync("Priya Raman", null, Roles.Admin, "admin@talus.example", null, all);
        await AddStaffAsync("Dr. Henry Castillo", "PhD", Roles.Outcomes, "outcomes@talus.example", null, all);

        var random = new Random(2026);
        await AddPatientsAsync(db, clock, 220, random, ct);

        // The portal demo patient: a synthetic person with a sign-in.
        var demo = new Patient
        {
            Mrn = "T1000001", GivenName = "Rosa", FamilyName = "Delgado", BirthDate = new DateOnly(1962, 5, 14), Sex = Sex.Female,
            Phone = "(949) 555-0100", Email = "patient@talus.example", AddressLine = "12 Example Ln", City = "Irvine", State = "CA",
            PostalCode = "92618", PreferredLanguage = "en", PreferredLocationId = all[0], CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        demo.NormalizeKeys();
        db.Patients.Add(demo);
        await db.SaveChangesAsync(ct);
        var patientUser = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.FullName, PatientId = demo.Id };
        Check(await users.CreateAsync(patientUser, Password));
        Check(await users.AddToRoleAsync(patientUser, Roles.Patient));

        // The journey in order: requests, intake, evaluation and candidacy, the schedule, then plans, consent and procedures.
        await Features.Consultations.ConsultationDemoData.SeedAsync(db, clock, random, ct);
        await Features.Intake.IntakeDemoData.SeedAsync(db, clock, random, ct);
        await Features.Evaluation.EvaluationDemo.SeedAsync(db, services.GetRequiredService<Features.Settings.PracticeSettings>(), clock,
            services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<PatientText>>(), new Random(4), ct);
        await Features.Scheduling.SchedulingDemo.SeedAsync(db, clock, random, ct);
        await Features.Procedure.JourneyDemoData.SeedAsync(db, services.GetRequiredService<Features.Settings.PracticeSettings>(), clock, new Random(2031), ct);
        await Features.Billing.BillingDemoData.SeedAsync(db, services.GetRequiredService<Features.Settings.PracticeSettings>(), clock, new Random(909), ct);
        await Features.FollowUp.FollowUpDemoData.SeedAsync(db, clock, new Random(2032), ct);
        await Features.Outcomes.OutcomesDemoData.SeedAsync(db, clock, new Random(2033), ct);
        await Features.Billing.GfeDemoData.SeedAsync(db, services.GetRequiredService<Features.Settings.PracticeSettings>(), clock, ct);
        await Features.Education.EducationDemoData.SeedAsync(db, services.GetRequiredService<Features.Settings.PracticeSettings>(), clock, ct);
    }

    /// <summary>Adds synthetic patients in batches (also used by <c>--seed-patients N</c> for benchmarks).</summary>
    public static async Task AddPatientsAsync(ClinicDb db, TimeProvider clock, int count, Random random, CancellationToken ct)
    {
        var locationIds = await db.Locations.Select(l => l.Id).OrderBy(id => id).ToArrayAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var mrnBase = 2_000_000 + await db.Patients.CountAsync(ct);
        for (var start = 0; start < count; start += 1000)
        {
            var batch = Math.Min(1000, count - start);
            for (var i = 0; i < batch; i++)
            {
                var female = random.Next(2) == 0;
                var given = female ? GivenFemale[random.Next(GivenFemale.Length)] : GivenMale[random.Next(GivenMale.Length)];
                var family = Family[random.Next(Family.Length)];
                var spanish = random.NextDouble() < 0.35;
                var p = new Patient
                {
                    Mrn = "T" + (mrnBase + start + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    GivenName = given,
                    FamilyName = family,
                    BirthDate = new DateOnly(1946, 1, 1).AddDays(random.Next(0, 365 * 52)),
                    Sex = female ? Sex.Female : Sex.Male,
                    Phone = $"(555) 555-{random.Next(0, 10000):0000}",
                    Email = $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}{random.Next(100, 999)}@example.com",
                    City = "Irvine",
                    State = "CA",
                    PreferredLanguage = spanish ? "es" : "en",
                    PreferredLocationId = locationIds.Length == 0 ? null : locationIds[random.Next(locationIds.Length)],
                    CreatedAt = now.AddDays(-random.Next(0, 900)),
                };
                p.NormalizeKeys();
                db.Patients.Add(p);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

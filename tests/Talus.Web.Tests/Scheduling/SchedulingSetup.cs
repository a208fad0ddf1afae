using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Scheduling;

/// <summary>A location of its own per test (one provider, one exam room, one procedure room with its equipment), so
/// tests do not compete with the demo schedule or each other.</summary>
public sealed record TestClinic(int LocationId, int ProviderId, int ExamRoomId, int ProcedureRoomId, Guid PatientId)
{
    public static async Task<TestClinic> CreateAsync(TalusApp app, string zone = "America/Los_Angeles", string? email = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        return await app.WithDbAsync(async db =>
        {
            var location = new Location
            {
                Name = "Test " + tag, AddressLine = "1 Test St", City = "Irvine", PostalCode = "92618", Phone = "(949) 555-0000", TimeZone = zone,
                Hours = [.. Enumerable.Range(1, 5).Select(d => new OpeningHours { Day = (DayOfWeek)d, Opens = new(8, 0), Closes = new(17, 0) })],
                Rooms = [new Room { Name = "Exam", Kind = RoomKind.Exam }, new Room { Name = "Procedure", Kind = RoomKind.Procedure }],
                Equipment = [new Equipment { Name = "US", Kind = EquipmentKind.Ultrasound }, new Equipment { Name = "Cells", Kind = EquipmentKind.CellProcessor }],
            };
            db.Locations.Add(location);
            await db.SaveChangesAsync();
            var provider = new StaffMember { DisplayName = "Dr. Test " + tag, Role = Roles.Clinician, Locations = [new StaffLocation { LocationId = location.Id }] };
            db.Staff.Add(provider);
            await db.SaveChangesAsync();
            for (var d = 1; d <= 5; d++)
            {
                db.WorkPatterns.Add(new WorkPattern { StaffMemberId = provider.Id, LocationId = location.Id, Day = (DayOfWeek)d, Start = new(8, 0), End = new(17, 0) });
            }
            var patient = new Patient
            {
                Mrn = "S" + tag, GivenName = "Iris", FamilyName = "Testwood" + tag, BirthDate = new DateOnly(1960, 1, 2), Sex = Sex.Female,
                Email = email, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            };
            patient.NormalizeKeys();
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return new TestClinic(location.Id, provider.Id, location.Rooms.Single(r => r.Kind == RoomKind.Exam).Id,
                location.Rooms.Single(r => r.Kind == RoomKind.Procedure).Id, patient.Id);
        });
    }

    /// <summary>A second provider at the location, working the same hours, and a second exam room.</summary>
    public static async Task<int> AddProviderAsync(TalusApp app, int locationId) => await app.WithDbAsync(async db =>
    {
        db.Rooms.Add(new Room { LocationId = locationId, Name = "Exam 2", Kind = RoomKind.Exam });
        var provider = new StaffMember { DisplayName = "Dr. Second " + Guid.NewGuid().ToString("N")[..8], Role = Roles.Clinician, Locations = [new StaffLocation { LocationId = locationId }] };
        db.Staff.Add(provider);
        await db.SaveChangesAsync();
        for (var d = 1; d <= 5; d++)
        {
            db.WorkPatterns.Add(new WorkPattern { StaffMemberId = provider.Id, LocationId = locationId, Day = (DayOfWeek)d, Start = new(8, 0), End = new(17, 0) });
        }
        await db.SaveChangesAsync();
        return provider.Id;
    });

    public static async Task<Guid> AddPatientAsync(TalusApp app, string? email = null) => await app.WithDbAsync(async db =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var patient = new Patient
        {
            Mrn = "S" + tag, GivenName = "Omar", FamilyName = "Parallel" + tag, BirthDate = new DateOnly(1958, 3, 4), Sex = Sex.Male, Email = email,
            CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        patient.NormalizeKeys();
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    });

    /// <summary>The UTC instant of a local wall time in Los Angeles.</summary>
    public static DateTime La(int y, int mo, int d, int h, int mi = 0) =>
        NodaTime.DateTimeZoneProviders.Tzdb["America/Los_Angeles"].AtStrictly(new NodaTime.LocalDateTime(y, mo, d, h, mi)).ToDateTimeUtc();
}

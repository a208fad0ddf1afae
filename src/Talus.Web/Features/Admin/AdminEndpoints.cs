using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Admin;

public static class AdminEndpoints
{
    public sealed record LocationView(int Id, string Name, string AddressLine, string City, string State, string PostalCode,
        string Phone, string TimeZone, bool IsActive, DayHours[] Hours, ClosureView[] Closures, ResourceView[] Rooms, ResourceView[] Equipment);
    public sealed record ClosureView(int Id, DateOnly Date, string Reason);
    public sealed record ResourceView(int Id, string Name, string Kind, bool IsActive);
    public sealed record StaffView(int Id, string DisplayName, string? Credentials, string? Npi, string Role, bool IsActive, int[] LocationIds);

    public static void MapAdminEndpoints(this WebApplication app)
    {
        var staffRead = app.MapGroup("/api").WithTags("Practice").RequireAuthorization(Auth.Policies.PracticeRead);
        var admin = app.MapGroup("/api").WithTags("Practice").RequireAuthorization(Auth.Policies.PracticeManage);

        staffRead.MapGet("/locations", async (ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await LoadLocations(db).ToListAsync(ct)))
            .WithSummary("List locations with hours, closures, rooms and equipment.");

        staffRead.MapGet("/locations/{id:int}", async Task<Results<Ok<LocationView>, NotFound>> (int id, ClinicDb db, CancellationToken ct) =>
            await LoadLocations(db, id).FirstOrDefaultAsync(ct) is { } l ? TypedResults.Ok(l) : TypedResults.NotFound())
            .WithSummary("Read one location.");

        admin.MapPost("/locations", async Task<Results<Created<LocationView>, ValidationProblem>> (LocationInput input, ClinicDb db, CancellationToken ct) =>
        {
            if (await db.Locations.AnyAsync(l => l.Name == input.Name.Trim(), ct))
            {
                return Errors.Invalid("name", "A location with this name exists.");
            }
            var location = new Location { Name = "", AddressLine = "", City = "", PostalCode = "", Phone = "" };
            input.ApplyTo(location);
            db.Locations.Add(location);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/locations/{location.Id}", await LoadLocations(db, location.Id).FirstAsync(ct));
        }).WithSummary("Add a location.");

        admin.MapPut("/locations/{id:int}", async Task<Results<Ok<LocationView>, NotFound, ValidationProblem>> (int id, LocationInput input, ClinicDb db, CancellationToken ct) =>
        {
            var location = await db.Locations.FindAsync([id], ct);
            if (location is null)
            {
                return TypedResults.NotFound();
            }
            if (await db.Locations.AnyAsync(l => l.Id != id && l.Name == input.Name.Trim(), ct))
            {
                return Errors.Invalid("name", "A location with this name exists.");
            }
            input.ApplyTo(location);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await LoadLocations(db, id).FirstAsync(ct));
        }).WithSummary("Change a location's details.");

        admin.MapPut("/locations/{id:int}/hours", async Task<Results<NoContent, NotFound, ValidationProblem>> (int id, DayHours[] hours, ClinicDb db, CancellationToken ct) =>
        {
            if (!await db.Locations.AnyAsync(l => l.Id == id, ct))
            {
                return TypedResults.NotFound();
            }
            var errors = ManagePractice.CheckHours(hours);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
            await ManagePractice.SetHoursAsync(db, id, hours, ct);
            return TypedResults.NoContent();
        }).WithSummary("Replace a location's weekly opening hours (local time; days left out are closed).");

        admin.MapPost("/locations/{id:int}/closures", async Task<Results<Created<ClosureView>, NotFound, ValidationProblem>> (int id, ClosureInput input, ClinicDb db, CancellationToken ct) =>
        {
            if (!await db.Locations.AnyAsync(l => l.Id == id, ct))
            {
                return TypedResults.NotFound();
            }
            if (await db.Closures.AnyAsync(c => c.LocationId == id && c.Date == input.Date, ct))
            {
                return Errors.Invalid("date", "This location is already closed on that date.");
            }
            var closure = new Closure { LocationId = id, Date = input.Date!.Value, Reason = input.Reason.Trim() };
            db.Closures.Add(closure);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/locations/{id}/closures/{closure.Id}", new ClosureView(closure.Id, closure.Date, closure.Reason));
        }).WithSummary("Close a location on a date.");

        admin.MapDelete("/locations/{id:int}/closures/{closureId:int}", async Task<Results<NoContent, NotFound>> (int id, int closureId, ClinicDb db, CancellationToken ct) =>
            await db.Closures.Where(c => c.Id == closureId && c.LocationId == id).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove a closure.");

        admin.MapPost("/locations/{id:int}/rooms", async Task<Results<Created<ResourceView>, NotFound, ValidationProblem>> (int id, ResourceInput input, ClinicDb db, CancellationToken ct) =>
        {
            if (!ManagePractice.TryParseRoomKind(input.Kind, out var kind))
            {
                return Errors.Invalid("kind", $"Room kind must be one of {string.Join(", ", Enum.GetNames<RoomKind>())}.");
            }
            if (!await db.Locations.AnyAsync(l => l.Id == id, ct))
            {
                return TypedResults.NotFound();
            }
            if (await db.Rooms.AnyAsync(r => r.LocationId == id && r.Name == input.Name.Trim(), ct))
            {
                return Errors.Invalid("name", "This location already has a room with that name.");
            }
            var room = new Room { LocationId = id, Name = input.Name.Trim(), Kind = kind, IsActive = input.IsActive };
            db.Rooms.Add(room);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/rooms/{room.Id}", new ResourceView(room.Id, room.Name, room.Kind.ToString(), room.IsActive));
        }).WithSummary("Add a room to a location.");

        admin.MapPut("/rooms/{id:int}", async Task<Results<Ok<ResourceView>, NotFound, ValidationProblem>> (int id, ResourceInput input, ClinicDb db, CancellationToken ct) =>
        {
            if (!ManagePractice.TryParseRoomKind(input.Kind, out var kind))
            {
                return Errors.Invalid("kind", $"Room kind must be one of {string.Join(", ", Enum.GetNames<RoomKind>())}.");
            }
            var room = await db.Rooms.FindAsync([id], ct);
            if (room is null)
            {
                return TypedResults.NotFound();
            }
            room.Name = input.Name.Trim();
            room.Kind = kind;
            room.IsActive = input.IsActive;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new ResourceView(room.Id, room.Name, room.Kind.ToString(), room.IsActive));
        }).WithSummary("Change or retire a room.");

        admin.MapPost("/locations/{id:int}/equipment", async Task<Results<Created<ResourceView>, NotFound, ValidationProblem>> (int id, ResourceInput input, ClinicDb db, CancellationToken ct) =>
        {
            if (!ManagePractice.TryParseEquipmentKind(input.Kind, out var kind))
            {
                return Errors.Invalid("kind", $"Equipment kind must be one of {string.Join(", ", Enum.GetNames<EquipmentKind>())}.");
            }
            if (!await db.Locations.AnyAsync(l => l.Id == id, ct))
            {
                return TypedResults.NotFound();
            }
            if (await db.Equipment.AnyAsync(r => r.LocationId == id && r.Name == input.Name.Trim(), ct))
            {
                return Errors.Invalid("name", "This location already has equipment with that name.");
            }
            var item = new Equipment { LocationId = id, Name = input.Name.Trim(), Kind = kind, IsActive = input.IsActive };
            db.Equipment.Add(item);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/equipment/{item.Id}", new ResourceView(item.Id, item.Name, item.Kind.ToString(), item.IsActive));
        }).WithSummary("Add equipment to a location.");

        admin.MapPut("/equipment/{id:int}", async Task<Results<Ok<ResourceView>, NotFound, ValidationProblem>> (int id, ResourceInput input, ClinicDb db, CancellationToken ct) =>
        {
            if (!ManagePractice.TryParseEquipmentKind(input.Kind, out var kind))
            {
                return Errors.Invalid("kind", $"Equipment kind must be one of {string.Join(", ", Enum.GetNames<EquipmentKind>())}.");
            }
            var item = await db.Equipment.FindAsync([id], ct);
            if (item is null)
            {
                return TypedResults.NotFound();
            }
            item.Name = input.Name.Trim();
            item.Kind = kind;
            item.IsActive = input.IsActive;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new ResourceView(item.Id, item.Name, item.Kind.ToString(), item.IsActive));
        }).WithSummary("Change or retire equipment.");

        admin.MapGet("/staff", async (ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Staff.OrderBy(s => s.DisplayName)
                .Select(s => new StaffView(s.Id, s.DisplayName, s.Credentials, s.Npi, s.Role, s.IsActive, s.Locations.Select(l => l.LocationId).ToArray()))
                .ToListAsync(ct)))
            .WithSummary("List staff with their role and locations.");

        admin.MapPost("/staff", async Task<Results<Created<StaffView>, ValidationProblem>> (StaffInput input, ClinicDb db, UserManager<AppUser> users, CancellationToken ct) =>
        {
            var (staff, _, errors) = await ManagePractice.AddStaffAsync(input, db, users, ct);
            return staff is null
                ? TypedResults.ValidationProblem(errors)
                : TypedResults.Created($"/api/staff/{staff.Id}", new StaffView(staff.Id, staff.DisplayName, staff.Credentials, staff.Npi, staff.Role, staff.IsActive, input.LocationIds));
        }).WithSummary("Add a staff member with a sign-in (the first password is shown to the administrator on the page).");

        admin.MapPut("/staff/{id:int}", async Task<Results<NoContent, NotFound, ValidationProblem>> (int id, StaffInput input, ClinicDb db, UserManager<AppUser> users, CancellationToken ct) =>
        {
            if (!await db.Staff.AnyAsync(s => s.Id == id, ct))
            {
                return TypedResults.NotFound();
            }
            var errors = await ManagePractice.UpdateStaffAsync(id, input, db, users, ct);
            return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.NoContent();
        }).WithSummary("Change a staff member's role, locations or status (deactivating ends their sessions).");
    }


    private static IQueryable<LocationView> LoadLocations(ClinicDb db, int? id = null) => db.Locations.AsNoTracking()
        .Where(l => id == null || l.Id == id).OrderBy(l => l.Name)
        .Select(l => new LocationView(l.Id, l.Name, l.AddressLine, l.City, l.State, l.PostalCode, l.Phone, l.TimeZone, l.IsActive,
            l.Hours.OrderBy(h => h.Day).Select(h => new DayHours(h.Day, h.Opens, h.Closes)).ToArray(),
            l.Closures.OrderBy(c => c.Date).Select(c => new ClosureView(c.Id, c.Date, c.Reason)).ToArray(),
            l.Rooms.OrderBy(r => r.Name).Select(r => new ResourceView(r.Id, r.Name, r.Kind.ToString(), r.IsActive)).ToArray(),
            l.Equipment.OrderBy(r => r.Name).Select(r => new ResourceView(r.Id, r.Name, r.Kind.ToString(), r.IsActive)).ToArray()));
}

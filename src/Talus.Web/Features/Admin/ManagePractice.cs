using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Admin;

/// <summary>
/// The practice administrator's changes to locations, rooms, equipment and staff. Each use case checks its own input
/// (<see cref="InputCheck"/>) and answers with an <see cref="Outcome{T}"/>; the pages and the API only call them.
/// </summary>
public static class ManagePractice
{
    /// <summary>A staff member just added, with the first password to hand over.</summary>
    public sealed record NewStaff(StaffMember Staff, string Password);

    /// <summary>Adds a location (<paramref name="id"/> null) or changes one; answers its id.</summary>
    public static async Task<Outcome<int>> SaveLocationAsync(int? id, LocationInput input, ClinicDb db, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var location = id is null ? new Location { Name = "", AddressLine = "", City = "", PostalCode = "", Phone = "" } : await db.Locations.FindAsync([id], ct);
        if (location is null)
        {
            return Outcome.NotFound("No such location.");
        }
        if (await db.Locations.AnyAsync(l => l.Id != location.Id && l.Name == input.Name.Trim(), ct))
        {
            return Outcome.Conflict("A location with this name exists.");
        }
        input.ApplyTo(location);
        if (id is null)
        {
            db.Locations.Add(location);
        }
        await db.SaveChangesAsync(ct);
        return location.Id;
    }

    /// <summary>Checks the rules the annotations cannot express; returns field → message.</summary>
    public static Dictionary<string, string[]> CheckHours(IReadOnlyList<DayHours> hours)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < hours.Count; i++)
        {
            var h = hours[i];
            if (InputCheck.Validate(h) is { } invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    errors[$"hours[{i}].{field}"] = messages;
                }
            }
            else if ((h.Opens is null) != (h.Closes is null))
            {
                errors[$"hours[{i}].closes"] = [$"{h.Day}: give both opening and closing time, or neither (closed)."];
            }
            else if (h.Opens >= h.Closes)
            {
                errors[$"hours[{i}].closes"] = [$"{h.Day}: closing time must be after opening time."];
            }
        }
        if (hours.GroupBy(h => h.Day).Any(g => g.Count() > 1))
        {
            errors["hours"] = ["Each day may appear once."];
        }
        return errors;
    }

    /// <summary>Replaces a location's weekly opening hours (days left out are closed).</summary>
    public static async Task<Outcome<int>> SetHoursAsync(ClinicDb db, int locationId, IReadOnlyList<DayHours> hours, CancellationToken ct)
    {
        if (hours is null)
        {
            return Outcome.Invalid("hours", "Send the week's opening hours.");
        }
        var errors = CheckHours(hours);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        if (!await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            return Outcome.NotFound("No such location.");
        }
        var existing = await db.OpeningHours.Where(h => h.LocationId == locationId).ToListAsync(ct);
        db.OpeningHours.RemoveRange(existing);
        db.OpeningHours.AddRange(hours.Where(h => h.Opens is not null).Select(h => new OpeningHours
        {
            LocationId = locationId, Day = h.Day, Opens = h.Opens!.Value, Closes = h.Closes!.Value,
        }));
        await db.SaveChangesAsync(ct);
        return locationId;
    }

    /// <summary>Closes a location on a date.</summary>
    public static async Task<Outcome<Closure>> AddClosureAsync(int locationId, ClosureInput input, ClinicDb db, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (!await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            return Outcome.NotFound("No such location.");
        }
        if (await db.Closures.AnyAsync(c => c.LocationId == locationId && c.Date == input.Date, ct))
        {
            return Outcome.Conflict("This location is already closed on that date.");
        }
        var closure = new Closure { LocationId = locationId, Date = input.Date!.Value, Reason = input.Reason.Trim() };
        db.Closures.Add(closure);
        await db.SaveChangesAsync(ct);
        return closure;
    }

    /// <summary>Adds a room to a location; the name must be free there.</summary>
    public static async Task<Outcome<Room>> AddRoomAsync(int locationId, ResourceInput input, ClinicDb db, CancellationToken ct)
    {
        if ((InputCheck.Validate(input) ?? KindOf<RoomKind>(input.Kind)) is { } invalid)
        {
            return invalid;
        }
        if (!await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            return Outcome.NotFound("No such location.");
        }
        var name = input.Name.Trim();
        if (await db.Rooms.AnyAsync(r => r.LocationId == locationId && r.Name == name, ct))
        {
            return Outcome.Conflict("This location already has a room with that name.");
        }
        var room = new Room { LocationId = locationId, Name = name, Kind = Enum.Parse<RoomKind>(input.Kind), IsActive = input.IsActive };
        db.Rooms.Add(room);
        await db.SaveChangesAsync(ct);
        return room;
    }

    /// <summary>Renames, changes or retires a room; a name another room of the location has is a conflict.</summary>
    public static async Task<Outcome<Room>> UpdateRoomAsync(int id, ResourceInput input, ClinicDb db, CancellationToken ct)
    {
        if ((InputCheck.Validate(input) ?? KindOf<RoomKind>(input.Kind)) is { } invalid)
        {
            return invalid;
        }
        var room = await db.Rooms.FindAsync([id], ct);
        if (room is null)
        {
            return Outcome.NotFound("No such room.");
        }
        var name = input.Name.Trim();
        if (await db.Rooms.AnyAsync(r => r.LocationId == room.LocationId && r.Id != id && r.Name == name, ct))
        {
            return Outcome.Conflict("This location already has a room with that name.");
        }
        room.Name = name;
        room.Kind = Enum.Parse<RoomKind>(input.Kind);
        room.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return room;
    }

    /// <summary>Adds equipment to a location; the name must be free there.</summary>
    public static async Task<Outcome<Equipment>> AddEquipmentAsync(int locationId, ResourceInput input, ClinicDb db, CancellationToken ct)
    {
        if ((InputCheck.Validate(input) ?? KindOf<EquipmentKind>(input.Kind)) is { } invalid)
        {
            return invalid;
        }
        if (!await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            return Outcome.NotFound("No such location.");
        }
        var name = input.Name.Trim();
        if (await db.Equipment.AnyAsync(r => r.LocationId == locationId && r.Name == name, ct))
        {
            return Outcome.Conflict("This location already has equipment with that name.");
        }
        var item = new Equipment { LocationId = locationId, Name = name, Kind = Enum.Parse<EquipmentKind>(input.Kind), IsActive = input.IsActive };
        db.Equipment.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>Renames, changes or retires equipment; a name other equipment of the location has is a conflict.</summary>
    public static async Task<Outcome<Equipment>> UpdateEquipmentAsync(int id, ResourceInput input, ClinicDb db, CancellationToken ct)
    {
        if ((InputCheck.Validate(input) ?? KindOf<EquipmentKind>(input.Kind)) is { } invalid)
        {
            return invalid;
        }
        var item = await db.Equipment.FindAsync([id], ct);
        if (item is null)
        {
            return Outcome.NotFound("No such equipment.");
        }
        var name = input.Name.Trim();
        if (await db.Equipment.AnyAsync(r => r.LocationId == item.LocationId && r.Id != id && r.Name == name, ct))
        {
            return Outcome.Conflict("This location already has equipment with that name.");
        }
        item.Name = name;
        item.Kind = Enum.Parse<EquipmentKind>(input.Kind);
        item.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>A kind given by name, one of the defined ones (never a number).</summary>
    private static Failure? KindOf<TKind>(string kind) where TKind : struct, Enum =>
        Enum.GetNames<TKind>().Contains(kind, StringComparer.Ordinal)
            ? null
            : Outcome.Invalid("kind", $"Kind must be one of {string.Join(", ", Enum.GetNames<TKind>())}.");

    /// <summary>Creates the staff member and their sign-in; answers the first password to hand over.</summary>
    public static async Task<Outcome<NewStaff>> AddStaffAsync(StaffInput input, ClinicDb db, UserManager<AppUser> users, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var errors = await CheckLocationsAsync(input.LocationIds, db, ct);
        if (await users.FindByEmailAsync(input.Email) is not null)
        {
            errors.Add("email", "A user with this email already exists.");
        }
        if (errors.ToFailure() is { } failure)
        {
            return failure;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var staff = new StaffMember { DisplayName = input.DisplayName.Trim(), Role = input.Role!, Credentials = input.Credentials, Npi = input.Npi, IsActive = input.IsActive };
        staff.Locations.AddRange(input.LocationIds.Distinct().Select(id => new StaffLocation { LocationId = id }));
        db.Staff.Add(staff);
        await db.SaveChangesAsync(ct);
        var password = "Talus-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var user = new AppUser { UserName = input.Email, Email = input.Email, EmailConfirmed = true, DisplayName = staff.DisplayName, StaffMemberId = staff.Id };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Outcome.Invalid(new Dictionary<string, string[]> { ["email"] = [.. created.Errors.Select(e => e.Description)] });
        }
        await users.AddToRoleAsync(user, input.Role!);
        staff.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new NewStaff(staff, password);
    }

    /// <summary>Changes a staff member's name, role, locations or status; every field is sent (none defaults).</summary>
    public static async Task<Outcome<StaffMember>> UpdateStaffAsync(int staffId, StaffInput input, ClinicDb db, UserManager<AppUser> users, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var staff = await db.Staff.Include(s => s.Locations).FirstOrDefaultAsync(s => s.Id == staffId, ct);
        if (staff is null)
        {
            return Outcome.NotFound("No such staff member.");
        }
        if ((await CheckLocationsAsync(input.LocationIds, db, ct)).ToFailure() is { } unknown)
        {
            return unknown;
        }
        staff.DisplayName = input.DisplayName.Trim();
        staff.Credentials = input.Credentials;
        staff.Npi = input.Npi;
        staff.IsActive = input.IsActive;
        staff.Locations.Clear();
        staff.Locations.AddRange(input.LocationIds.Distinct().Select(id => new StaffLocation { LocationId = id }));
        if (staff.UserId is not null && await users.FindByIdAsync(staff.UserId) is { } user)
        {
            if (staff.Role != input.Role)
            {
                await users.RemoveFromRoleAsync(user, staff.Role);
                await users.AddToRoleAsync(user, input.Role!);
            }
            // A deactivated member cannot sign in; the security stamp ends their open sessions.
            await users.SetLockoutEndDateAsync(user, staff.IsActive ? null : DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
        }
        staff.Role = input.Role!;
        await db.SaveChangesAsync(ct);
        return staff;
    }

    private static async Task<FieldErrors> CheckLocationsAsync(int[] ids, ClinicDb db, CancellationToken ct)
    {
        var known = await db.Locations.Where(l => ids.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
        var unknown = ids.Except(known).ToList();
        var errors = new FieldErrors();
        if (unknown.Count > 0)
        {
            errors.Add("locationIds", $"No such location: {string.Join(", ", unknown)}.");
        }
        return errors;
    }
}

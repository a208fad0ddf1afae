using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Admin;

/// <summary>The practice administrator's changes to locations, rooms, equipment and staff.</summary>
public static class ManagePractice
{
    /// <summary>Checks the rules the annotations cannot express; returns field → message.</summary>
    public static Dictionary<string, string[]> CheckHours(IReadOnlyList<DayHours> hours)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var h in hours)
        {
            if (!Enum.IsDefined(h.Day))
            {
                errors[$"hours.{(int)h.Day}"] = [$"'{(int)h.Day}' is not a day of the week (0 = Sunday … 6 = Saturday)."];
            }
            else if ((h.Opens is null) != (h.Closes is null))
            {
                errors[$"hours.{h.Day}"] = ["Give both opening and closing time, or neither (closed)."];
            }
            else if (h.Opens >= h.Closes)
            {
                errors[$"hours.{h.Day}"] = ["Closing time must be after opening time."];
            }
        }
        if (hours.GroupBy(h => h.Day).Any(g => g.Count() > 1))
        {
            errors["hours"] = ["Each day may appear once."];
        }
        return errors;
    }

    public static async Task SetHoursAsync(ClinicDb db, int locationId, IReadOnlyList<DayHours> hours, CancellationToken ct)
    {
        var existing = await db.OpeningHours.Where(h => h.LocationId == locationId).ToListAsync(ct);
        db.OpeningHours.RemoveRange(existing);
        db.OpeningHours.AddRange(hours.Where(h => h.Opens is not null).Select(h => new OpeningHours
        {
            LocationId = locationId, Day = h.Day, Opens = h.Opens!.Value, Closes = h.Closes!.Value,
        }));
        await db.SaveChangesAsync(ct);
    }

    public static bool TryParseRoomKind(string kind, out RoomKind value) => Enum.TryParse(kind, ignoreCase: false, out value) && Enum.IsDefined(value);

    public static bool TryParseEquipmentKind(string kind, out EquipmentKind value) => Enum.TryParse(kind, ignoreCase: false, out value) && Enum.IsDefined(value);

    /// <summary>Creates the staff member and their sign-in; returns the first password to hand over, or errors.</summary>
    public static async Task<(StaffMember? Staff, string? Password, Dictionary<string, string[]> Errors)> AddStaffAsync(
        StaffInput input, ClinicDb db, UserManager<AppUser> users, CancellationToken ct)
    {
        var errors = await CheckLocationsAsync(input.LocationIds, db, ct);
        if (await users.FindByEmailAsync(input.Email) is not null)
        {
            errors["email"] = ["A user with this email already exists."];
        }
        if (errors.Count > 0)
        {
            return (null, null, errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var staff = new StaffMember { DisplayName = input.DisplayName.Trim(), Role = input.Role, Credentials = input.Credentials, Npi = input.Npi, IsActive = input.IsActive };
        staff.Locations.AddRange(input.LocationIds.Distinct().Select(id => new StaffLocation { LocationId = id }));
        db.Staff.Add(staff);
        await db.SaveChangesAsync(ct);
        var password = "Talus-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var user = new AppUser { UserName = input.Email, Email = input.Email, EmailConfirmed = true, DisplayName = staff.DisplayName, StaffMemberId = staff.Id };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, null, new() { ["email"] = [.. created.Errors.Select(e => e.Description)] });
        }
        await users.AddToRoleAsync(user, input.Role);
        staff.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (staff, password, errors);
    }

    public static async Task<Dictionary<string, string[]>> UpdateStaffAsync(int staffId, StaffInput input, ClinicDb db, UserManager<AppUser> users, CancellationToken ct)
    {
        var errors = await CheckLocationsAsync(input.LocationIds, db, ct);
        if (errors.Count > 0)
        {
            return errors;
        }
        var staff = await db.Staff.Include(s => s.Locations).FirstAsync(s => s.Id == staffId, ct);
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
                await users.AddToRoleAsync(user, input.Role);
            }
            // A deactivated member cannot sign in; the security stamp ends their open sessions.
            await users.SetLockoutEndDateAsync(user, input.IsActive ? null : DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
        }
        staff.Role = input.Role;
        await db.SaveChangesAsync(ct);
        return errors;
    }

    private static async Task<Dictionary<string, string[]>> CheckLocationsAsync(int[] ids, ClinicDb db, CancellationToken ct)
    {
        var known = await db.Locations.Where(l => ids.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
        var unknown = ids.Except(known).ToList();
        return unknown.Count > 0
            ? new() { ["locationIds"] = [$"No such location: {string.Join(", ", unknown)}."] }
            : [];
    }
}

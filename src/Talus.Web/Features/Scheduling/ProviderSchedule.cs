using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Scheduling;

/// <summary>Changes to a provider's weekly pattern and its dated exceptions.</summary>
public static class ProviderSchedule
{
    public static Dictionary<string, string[]> CheckPattern(IReadOnlyList<PatternBlock> blocks, IReadOnlyCollection<int> providerLocations)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (!Enum.IsDefined(b.Day))
            {
                errors[$"[{i}].day"] = [$"'{(int)b.Day}' is not a day of the week (0 = Sunday … 6 = Saturday)."];
                continue;
            }
            if (InputCheck.Validate(b) is { } invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    errors[$"[{i}].{field}"] = messages;
                }
                continue;
            }
            if (b.End <= b.Start)
            {
                errors[$"[{i}].end"] = ["The block must end after it starts."];
            }
            if (!providerLocations.Contains(b.LocationId))
            {
                errors[$"[{i}].locationId"] = ["The provider does not work at this location (add the location to the staff member first)."];
            }
            if (b.ValidFrom is { } f && b.ValidTo is { } t && t < f)
            {
                errors[$"[{i}].validTo"] = ["Valid-to must not be before valid-from."];
            }
            for (var j = 0; j < i; j++)
            {
                var o = blocks[j];
                if (o.Day == b.Day && o.Start < b.End && b.Start < o.End
                    && (o.ValidTo is null || b.ValidFrom is null || o.ValidTo >= b.ValidFrom)
                    && (b.ValidTo is null || o.ValidFrom is null || b.ValidTo >= o.ValidFrom))
                {
                    errors[$"[{i}]"] = [$"Overlaps block {j} on {b.Day}: a provider cannot work at two places at once."];
                }
            }
        }
        return errors;
    }

    /// <summary>Replaces a provider's weekly pattern after checking it (days, times, locations, overlaps).</summary>
    public static async Task<Outcome<int>> ReplacePatternAsync(ClinicDb db, int staffId, IReadOnlyList<PatternBlock>? blocks, CancellationToken ct)
    {
        if (blocks is null || blocks.Any(b => b is null))
        {
            return Outcome.Invalid("body", "Send the pattern as a list of blocks.");
        }
        if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct))
        {
            return Outcome.NotFound("No such staff member.");
        }
        var locations = await db.StaffLocations.Where(l => l.StaffMemberId == staffId).Select(l => l.LocationId).ToListAsync(ct);
        var errors = CheckPattern(blocks, locations);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        await SetPatternAsync(db, staffId, blocks, ct);
        return blocks.Count;
    }

    /// <summary>Adds or changes an appointment type; a code already used by another type is refused.</summary>
    public static async Task<Outcome<AppointmentType>> SaveTypeAsync(ClinicDb db, int? id, TypeInput input, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var errors = input.Check();
        if (await db.AppointmentTypes.AnyAsync(t => t.Code == input.Code && t.Id != id, ct))
        {
            errors["code"] = ["A type with this code exists."];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        AppointmentType? type;
        if (id is { } existing)
        {
            type = await db.AppointmentTypes.FindAsync([existing], ct);
            if (type is null)
            {
                return Outcome.NotFound("No such appointment type.");
            }
        }
        else
        {
            type = new AppointmentType { Code = "", Name = "" };
            db.AppointmentTypes.Add(type);
        }
        input.ApplyTo(type);
        await db.SaveChangesAsync(ct);
        return type;
    }

    public static async Task SetPatternAsync(ClinicDb db, int staffId, IReadOnlyList<PatternBlock> blocks, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.WorkPatterns.Where(p => p.StaffMemberId == staffId).ExecuteDeleteAsync(ct);
        db.WorkPatterns.AddRange(blocks.Select(b => new WorkPattern
        {
            StaffMemberId = staffId, LocationId = b.LocationId, Day = b.Day, Start = b.Start, End = b.End, ValidFrom = b.ValidFrom, ValidTo = b.ValidTo,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static async Task<Outcome<WorkException>> AddExceptionAsync(ClinicDb db, int staffId, WorkExceptionInput input, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var errors = new Dictionary<string, string[]>();
        var kind = Enum.Parse<WorkExceptionKind>(input.Kind);
        if ((input.Start is null) != (input.End is null))
        {
            errors["end"] = ["Give both start and end time, or neither (whole day)."];
        }
        else if (input.Start >= input.End)
        {
            errors["end"] = ["The end must be after the start."];
        }
        if (kind == WorkExceptionKind.ExtraClinic)
        {
            if (input.LocationId is null)
            {
                errors["locationId"] = ["An extra clinic needs a location."];
            }
            if (input.Start is null)
            {
                errors["start"] = ["An extra clinic needs start and end times."];
            }
        }
        if (input.LocationId is { } loc && !await db.StaffLocations.AnyAsync(l => l.StaffMemberId == staffId && l.LocationId == loc, ct))
        {
            errors["locationId"] = ["The provider does not work at this location."];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var item = new WorkException
        {
            StaffMemberId = staffId, Kind = kind, LocationId = input.LocationId, Date = input.Date!.Value, Start = input.Start, End = input.End,
            Reason = input.Reason.Trim(),
        };
        db.WorkExceptions.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }
}

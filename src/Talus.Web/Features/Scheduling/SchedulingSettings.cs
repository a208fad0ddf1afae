using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

/// <summary>What patients may do themselves in the portal. Which types: AppointmentType.PatientBookable.</summary>
public sealed class PortalBookingRules
{
    /// <summary>Patients book, move or cancel online no later than this many hours before the start.</summary>
    [Range(0, 24 * 14)] public int NoticeHours { get; set; } = 24;
    /// <summary>How far ahead patients may book.</summary>
    [Range(1, 365)] public int MaxDaysAhead { get; set; } = 90;

    public const string SettingName = "scheduling.portal";

    public static async Task<PortalBookingRules> LoadAsync(ClinicDb db, CancellationToken ct) =>
        await db.Settings.AsNoTracking().Where(s => s.Name == SettingName).Select(s => s.Json).FirstOrDefaultAsync(ct) is { } json
            ? JsonSerializer.Deserialize<PortalBookingRules>(json) ?? new()
            : new();

    public async Task SaveAsync(ClinicDb db, DateTime now, string? by, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(this);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Name == SettingName, ct);
        if (row is null)
        {
            db.Settings.Add(new PracticeSetting { Name = SettingName, Json = json, UpdatedAt = now, UpdatedBy = by });
        }
        else
        {
            row.Json = json;
            row.UpdatedAt = now;
            row.UpdatedBy = by;
        }
        await db.SaveChangesAsync(ct);
    }
}

public static class DefaultAppointmentTypes
{
    public static AppointmentType[] All() =>
    [
        new() { Code = AppointmentTypeCodes.Consultation, Name = "Consultation", DurationMinutes = 45, RoomKind = RoomKind.Exam, PatientBookable = true, NameInReminder = true, ReminderLeadHours = 48 },
        new() { Code = AppointmentTypeCodes.Imaging, Name = "Imaging (X-ray)", DurationMinutes = 30, NeedsProvider = false, RoomKind = RoomKind.Imaging, Equipment = nameof(EquipmentKind.XRay), ReminderLeadHours = 24 },
        new() { Code = AppointmentTypeCodes.LabDraw, Name = "Lab draw", DurationMinutes = 15, NeedsProvider = false, RoomKind = RoomKind.Lab, ReminderLeadHours = 24 },
        // Harvest and same-day cell processing hold the room and equipment beyond the hour with the patient.
        new() { Code = AppointmentTypeCodes.Procedure, Name = "Procedure", DurationMinutes = 60, ProcessingMinutes = 30, RoomKind = RoomKind.Procedure,
            Equipment = $"{nameof(EquipmentKind.Ultrasound)},{nameof(EquipmentKind.CellProcessor)}", StartsEpisode = true, ReminderLeadHours = 72 },
        new() { Code = AppointmentTypeCodes.FollowUp, Name = "Follow-up visit", DurationMinutes = 20, RoomKind = RoomKind.Exam, ReminderLeadHours = 48 },
        new() { Code = AppointmentTypeCodes.SafetyCall, Name = "Safety phone call", DurationMinutes = 15, ReminderLeadHours = 0 },
    ];

    /// <summary>Adds the default types that are missing (by code).</summary>
    public static async Task EnsureAsync(ClinicDb db, CancellationToken ct)
    {
        var existing = await db.AppointmentTypes.Select(t => t.Code).ToListAsync(ct);
        var missing = All().Where(t => !existing.Contains(t.Code)).ToList();
        if (missing.Count > 0)
        {
            db.AppointmentTypes.AddRange(missing);
            await db.SaveChangesAsync(ct);
        }
    }
}

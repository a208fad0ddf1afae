using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

/// <summary>
/// What patients may do themselves in the portal (which types: AppointmentType.PatientBookable). A practice setting,
/// read and written only through <see cref="Settings.PracticeSettings"/>; the defaults are the practice defaults.
/// </summary>
public sealed class PortalBookingRules
{
    /// <summary>Patients book, move or cancel online no later than this many hours before the start.</summary>
    [Range(0, 24 * 14)] public int NoticeHours { get; set; } = 24;
    /// <summary>How far ahead patients may book or move an appointment, in days.</summary>
    [Range(1, 365)] public int MaxDaysAhead { get; set; } = 90;

    /// <summary>The rule's range violations (JSON names), for the settings check.</summary>
    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (NoticeHours is < 0 or > 24 * 14)
        {
            errors["noticeHours"] = ["The notice must be between 0 and 336 hours (14 days)."];
        }
        if (MaxDaysAhead is < 1 or > 365)
        {
            errors["maxDaysAhead"] = ["Online booking must reach between 1 and 365 days ahead."];
        }
        return errors;
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

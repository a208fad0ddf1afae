using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

public sealed record SlotView(DateTime Start, DateTime End, string LocalStart, int LocationId, string LocationName,
    int? ProviderId, string? ProviderName, int? RoomId, string? RoomName, int[] EquipmentIds)
{
    public static SlotView From(Slot s) => new(s.Start, s.End, s.LocalStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        s.LocationId, s.LocationName, s.ProviderId, s.ProviderName, s.RoomId, s.RoomName, s.EquipmentIds);
}

public sealed record AppointmentView(Guid Id, Guid PatientId, string PatientName, string Type, string TypeName, int LocationId, string LocationName,
    string TimeZone, int? ProviderId, string? ProviderName, int? RoomId, string? RoomName, string[] Equipment, DateTime Start, DateTime End,
    string LocalStart, string LocalEnd, AppointmentStatus Status, bool Confirmed, Guid? EpisodeId, string? EpisodeStep,
    DateOnly? WindowStart, DateOnly? WindowEnd, string? Note, string? CancelReason, Guid Version)
{
    // Parsed once: the day and week views read them for every cell and every lane (a parse per read cost a week of a
    // busy location more than its query).
    public DateTime LocalStartValue { get; } = DateTime.ParseExact(LocalStart, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    public DateTime LocalEndValue { get; } = DateTime.ParseExact(LocalEnd, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}

public sealed record TypeView(int Id, string Code, string Name, int DurationMinutes, int ProcessingMinutes, bool NeedsProvider, string? RoomKind,
    string[] Equipment, bool PatientBookable, bool StartsEpisode, int ReminderLeadHours, bool NameInReminder, bool IsActive)
{
    public static TypeView From(AppointmentType t) => new(t.Id, t.Code, t.Name, t.DurationMinutes, t.ProcessingMinutes, t.NeedsProvider,
        t.RoomKind?.ToString(), [.. t.EquipmentKinds().Select(k => k.ToString())], t.PatientBookable, t.StartsEpisode, t.ReminderLeadHours,
        t.NameInReminder, t.IsActive);
}

public static class AppointmentViews
{
    private sealed record Row(Guid Id, Guid PatientId, string Given, string Family, string Type, string TypeName, int LocationId, string LocationName,
        string TimeZone, int? ProviderId, string? ProviderName, int? RoomId, string? RoomName, DateTime Start, DateTime End,
        AppointmentStatus Status, bool Confirmed, Guid? EpisodeId, string? EpisodeStep, DateOnly? WindowStart, DateOnly? WindowEnd,
        string? Note, string? CancelReason, Guid Version, bool HasEquipment);

    private sealed record EquipmentName(Guid AppointmentId, string Name);

    /// <summary>
    /// Loads appointment views for a filtered query: the appointments in one flat query, then, only when one of them
    /// holds equipment, the equipment names of those appointments in a second. Read as one query with the equipment as a
    /// joined collection, a busy location's week spent more time materialising than reading: the collection made EF
    /// order by and compare every joined key of every row, and SQLite sort the result in a temporary tree (decision 0014,
    /// addendum of 2026-12-03, night).
    /// </summary>
    public static async Task<List<AppointmentView>> LoadAsync(IQueryable<Appointment> query, ClinicDb db, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().Select(a => new Row(a.Id, a.PatientId, a.Patient!.GivenName, a.Patient.FamilyName, a.Type!.Code, a.Type.Name,
            a.LocationId, a.Location!.Name, a.Location.TimeZone, a.ProviderId, a.Provider != null ? a.Provider.DisplayName : null, a.RoomId,
            a.Room != null ? a.Room.Name : null, a.Start, a.End, a.Status, a.Confirmed, a.EpisodeId, a.EpisodeStep, a.WindowStart, a.WindowEnd,
            a.Note, a.CancelReason, a.Version, a.Equipment.Any())).ToListAsync(ct);
        var equipped = rows.Where(r => r.HasEquipment).Select(r => r.Id).ToArray();
        var names = (equipped.Length == 0 ? [] : await db.AppointmentEquipment.AsNoTracking()
                .Where(e => equipped.Contains(e.AppointmentId))
                .OrderBy(e => e.AppointmentId).ThenBy(e => e.EquipmentId)
                .Select(e => new EquipmentName(e.AppointmentId, e.Equipment!.Name))
                .ToListAsync(ct))
            .ToLookup(e => e.AppointmentId, e => e.Name);
        return [.. rows.Select(r =>
        {
            var zone = Availability.Zone(r.TimeZone);
            return new AppointmentView(r.Id, r.PatientId, r.Given + " " + r.Family, r.Type, r.TypeName, r.LocationId, r.LocationName, r.TimeZone,
                r.ProviderId, r.ProviderName, r.RoomId, r.RoomName, [.. names[r.Id]], r.Start, r.End,
                Availability.ToLocal(zone, r.Start).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                Availability.ToLocal(zone, r.End).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                r.Status, r.Confirmed, r.EpisodeId, r.EpisodeStep, r.WindowStart, r.WindowEnd, r.Note, r.CancelReason, r.Version);
        })];
    }

    public static async Task<AppointmentView?> OneAsync(ClinicDb db, Guid patientId, Guid id, CancellationToken ct) =>
        (await LoadAsync(db.Appointments.Where(a => a.Id == id && a.PatientId == patientId), db, ct)).FirstOrDefault();
}

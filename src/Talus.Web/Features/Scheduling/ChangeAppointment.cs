using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

public sealed class RescheduleInput
{
    [Required] public DateTimeOffset? Start { get; set; }
    /// <summary>Move to another location (defaults to the current one).</summary>
    public int? LocationId { get; set; }
    public int? ProviderId { get; set; }
    public int? RoomId { get; set; }
    /// <summary>For the procedure of an episode: move the follow-ups by the same number of days, keeping their local times.</summary>
    public bool MoveSeries { get; set; } = true;
    [StringLength(300)] public string? Reason { get; set; }
}

public sealed class CancelInput
{
    [Required, StringLength(300, MinimumLength = 3)] public string Reason { get; set; } = "";
    /// <summary>For the procedure of an episode: cancel its future follow-ups too.</summary>
    public bool CancelSeries { get; set; } = true;
}

public abstract record ChangeOutcome
{
    public sealed record Done(IReadOnlyList<Appointment> Changed) : ChangeOutcome;
    public sealed record NotFound : ChangeOutcome;
    public sealed record Taken(string Message, IReadOnlyList<Slot> Alternatives) : ChangeOutcome;
    public sealed record Rejected(Dictionary<string, string[]> Errors) : ChangeOutcome;
}

/// <summary>Check-in, no-show, confirmation, reschedule and cancellation of a booked appointment.</summary>
public static class ChangeAppointment
{
    public static async Task<ChangeOutcome> RescheduleAsync(Guid patientId, Guid appointmentId, RescheduleInput input, DateTime earliest,
        bool patientSelfService, ClinicDb db, TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var appointment = await db.Appointments.Include(a => a.Type).Include(a => a.Location).Include(a => a.Equipment)
            .FirstOrDefaultAsync(a => a.Id == appointmentId && a.PatientId == patientId, ct);
        if (appointment is null)
        {
            return new ChangeOutcome.NotFound();
        }
        if (appointment.Status != AppointmentStatus.Booked)
        {
            return Reject("status", $"Only a booked appointment can be moved; this one is {appointment.Status}.");
        }
        if (patientSelfService && (!appointment.Type!.PatientBookable || appointment.Start < earliest))
        {
            return Reject("start", "This appointment can no longer be moved online. Please call the clinic.");
        }
        var start = input.Start!.Value.UtcDateTime;
        var locationId = input.LocationId ?? appointment.LocationId;
        var moving = new List<Appointment> { appointment };
        if (input.MoveSeries && appointment.EpisodeId is { } episodeId && appointment.EpisodeStep == "procedure")
        {
            moving.AddRange(await db.Appointments.Include(a => a.Type).Include(a => a.Location).Include(a => a.Equipment)
                .Where(a => a.EpisodeId == episodeId && a.Id != appointment.Id && a.Status == AppointmentStatus.Booked)
                .OrderBy(a => a.Start).ToListAsync(ct));
        }
        var ids = moving.Select(a => a.Id).ToList();
        var book = await ScheduleBook.LoadAsync(db, ct);
        var last = moving.Max(a => a.End);
        var busy = await BusyIndex.LoadAsync(db, (start < appointment.Start ? start : appointment.Start).AddMinutes(-1),
            (start > last ? start : last).AddDays(moving.Count > 1 ? 60 + (start - appointment.Start).Duration().TotalDays : 1), ids, ct);

        var placed = new List<(Appointment A, Slot S)>();
        var main = SlotFinder.Check(appointment.Type!, book, busy, locationId, start, input.ProviderId ?? (locationId == appointment.LocationId ? appointment.ProviderId : null),
            input.RoomId, earliest) ?? SlotFinder.Check(appointment.Type!, book, busy, locationId, start, null, input.RoomId, earliest);
        if (main is null)
        {
            return await NotAvailableAsync(db, book, appointment.Type!, locationId, start, earliest, input, ct);
        }
        busy.Hold(main);
        placed.Add((appointment, main));

        if (moving.Count > 1)
        {
            var zone = book.Places[appointment.LocationId].Zone;
            var days = Availability.LocalDate(book.Places[main.LocationId].Zone, main.Start).DayNumber
                - Availability.LocalDate(zone, appointment.Start).DayNumber;
            foreach (var f in moving.Skip(1))
            {
                // Same wall-clock time, the same number of calendar days later, in the follow-up's own location.
                var fZone = book.Places.TryGetValue(f.LocationId, out var place) ? place.Zone : zone;
                var newStart = Availability.AtLocal(fZone, Availability.ToLocal(fZone, f.Start).PlusDays(days));
                var slot = SlotFinder.Check(f.Type!, book, busy, f.LocationId, newStart, f.ProviderId, f.RoomId, now)
                    ?? SlotFinder.Check(f.Type!, book, busy, f.LocationId, newStart, f.ProviderId, null, now)
                    ?? SlotFinder.Check(f.Type!, book, busy, f.LocationId, newStart, null, null, now);
                if (slot is null)
                {
                    var local = Availability.ToLocal(fZone, newStart);
                    return new ChangeOutcome.Taken(
                        $"The series cannot move: {f.Type!.Name} ({f.EpisodeStep}) on {local:yyyy-MM-dd HH:mm} is not available. Move that visit first, or move the procedure alone.",
                        []);
                }
                busy.Hold(slot);
                placed.Add((f, slot));
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Reservations.ReleaseAsync(db, ids, ct);
        await Reminders.CancelPendingAsync(db, ids, ct);
        foreach (var (a, s) in placed)
        {
            a.LocationId = s.LocationId;
            a.ProviderId = s.ProviderId;
            a.RoomId = s.RoomId;
            a.Start = s.Start;
            a.End = s.End;
            a.Version = Guid.NewGuid();
            a.Confirmed = false;
            a.Equipment.Clear();
            a.Equipment.AddRange(s.EquipmentIds.Select(id => new AppointmentEquipment { AppointmentId = a.Id, EquipmentId = id }));
            if (input.Reason is { Length: > 0 } reason)
            {
                a.Note = Join(a.Note, "Moved: " + reason.Trim());
            }
            Reservations.Add(db, a);
        }
        await Reminders.ScheduleAsync(db, [.. placed.Select(p => p.A)], text, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (Reservations.IsTaken(e))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ChangeOutcome.Taken("That time was just taken by another booking.",
                await BookAppointment.AlternativesAsync(db, book, appointment.Type!, locationId, start, earliest, ct));
        }
        return new ChangeOutcome.Done([.. placed.Select(p => p.A)]);
    }

    private static async Task<ChangeOutcome> NotAvailableAsync(ClinicDb db, ScheduleBook book, AppointmentType type, int locationId, DateTime start,
        DateTime earliest, RescheduleInput input, CancellationToken ct)
    {
        if (SlotFinder.Check(type, book, new BusyIndex(), locationId, start, input.ProviderId, input.RoomId, earliest) is null)
        {
            return Reject("start", start < earliest ? "This time is too soon." : "Nobody who can do this is working at that location at that time.");
        }
        return new ChangeOutcome.Taken("That time is taken.", await BookAppointment.AlternativesAsync(db, book, type, locationId, start, earliest, ct));
    }

    public static async Task<ChangeOutcome> CancelAsync(Guid patientId, Guid appointmentId, CancelInput input, DateTime? earliest, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var appointment = await db.Appointments.Include(a => a.Type).FirstOrDefaultAsync(a => a.Id == appointmentId && a.PatientId == patientId, ct);
        if (appointment is null)
        {
            return new ChangeOutcome.NotFound();
        }
        if (appointment.Status != AppointmentStatus.Booked)
        {
            return Reject("status", $"Only a booked appointment can be cancelled; this one is {appointment.Status}.");
        }
        if (earliest is { } e && (!appointment.Type!.PatientBookable || appointment.Start < e))
        {
            return Reject("reason", "This appointment can no longer be cancelled online. Please call the clinic.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var cancelling = new List<Appointment> { appointment };
        if (input.CancelSeries && appointment.EpisodeId is { } episodeId && appointment.EpisodeStep == "procedure")
        {
            cancelling.AddRange(await db.Appointments
                .Where(a => a.EpisodeId == episodeId && a.Id != appointment.Id && a.Status == AppointmentStatus.Booked && a.Start > now).ToListAsync(ct));
        }
        var ids = cancelling.Select(a => a.Id).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Reservations.ReleaseAsync(db, ids, ct);
        await Reminders.CancelPendingAsync(db, ids, ct);
        foreach (var a in cancelling)
        {
            a.Status = AppointmentStatus.Cancelled;
            a.CancelReason = input.Reason.Trim();
            a.Version = Guid.NewGuid();
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ChangeOutcome.Done(cancelling);
    }

    public enum Mark { CheckIn, NoShow, Confirm, Complete }

    public static async Task<ChangeOutcome> MarkAsync(Guid patientId, Guid appointmentId, Mark mark, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var a = await db.Appointments.Include(x => x.Location).FirstOrDefaultAsync(x => x.Id == appointmentId && x.PatientId == patientId, ct);
        if (a is null)
        {
            return new ChangeOutcome.NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = Availability.Zone(a.Location!.TimeZone);
        var sameDay = Availability.LocalDate(zone, now) == Availability.LocalDate(zone, a.Start);
        switch (mark)
        {
            case Mark.CheckIn when a.Status == AppointmentStatus.Booked && sameDay:
                a.Status = AppointmentStatus.CheckedIn;
                a.CheckedInAt = now;
                break;
            case Mark.CheckIn:
                return Reject("status", a.Status != AppointmentStatus.Booked ? $"This appointment is {a.Status}." : "Check-in is possible on the day of the appointment only.");
            case Mark.NoShow when a.Status == AppointmentStatus.Booked && a.Start <= now:
                a.Status = AppointmentStatus.NoShow;
                await Reminders.CancelPendingAsync(db, [a.Id], ct);
                break;
            case Mark.NoShow:
                return Reject("status", a.Status != AppointmentStatus.Booked ? $"This appointment is {a.Status}." : "A no-show can be recorded once the start time has passed.");
            case Mark.Confirm when a.Status == AppointmentStatus.Booked:
                a.Confirmed = true;
                break;
            case Mark.Complete when a.Status is AppointmentStatus.CheckedIn or AppointmentStatus.Booked && a.Start <= now:
                a.Status = AppointmentStatus.Completed;
                break;
            default:
                return Reject("status", $"Not possible: this appointment is {a.Status}.");
        }
        a.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return new ChangeOutcome.Done([a]);
    }

    private static string Join(string? note, string add) => string.IsNullOrEmpty(note) ? add : (note + "\n" + add) is var s && s.Length > 390 ? s[^390..] : note + "\n" + add;

    private static ChangeOutcome.Rejected Reject(string field, string message) => new(new() { [field] = [message] });
}

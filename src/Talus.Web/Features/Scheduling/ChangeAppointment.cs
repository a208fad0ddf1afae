using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Clinical.FollowUp;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Scheduling;

public sealed class RescheduleInput
{
    [Required] public DateTimeOffset? Start { get; set; }
    /// <summary>Move to another location (defaults to the current one).</summary>
    public int? LocationId { get; set; }
    /// <summary>The provider to move to; the time is never given to anyone else.</summary>
    public int? ProviderId { get; set; }
    /// <summary>When no provider is named: false (the default) keeps the current provider; true lets anyone who can do it take the time.</summary>
    public bool AnyProvider { get; set; }
    public int? RoomId { get; set; }
    /// <summary>For the procedure of an episode: move the follow-ups by the same number of days, keeping their local times, and
    /// recompute their protocol windows from the new procedure date.</summary>
    public bool MoveSeries { get; set; } = true;
    [StringLength(300)] public string? Reason { get; set; }
}

public sealed class CancelInput
{
    [Required, StringLength(300, MinimumLength = 3)] public string Reason { get; set; } = "";
    /// <summary>For the procedure of an episode: cancel its future follow-ups too.</summary>
    public bool CancelSeries { get; set; } = true;
}

/// <summary>Check-in, no-show, confirmation, reschedule and cancellation of a booked appointment.</summary>
public static class ChangeAppointment
{
    /// <summary>
    /// Moves an appointment inside the caller's rules (<paramref name="options"/>: notice, horizon, self-service). The provider
    /// stays the one named, or the current one unless <see cref="RescheduleInput.AnyProvider"/>. Moving a procedure moves its
    /// follow-ups and recomputes their protocol windows (SPEC §4.2, the practice's <see cref="FollowUpSettings"/>).
    /// </summary>
    public static async Task<Outcome<List<Appointment>>> RescheduleAsync(Guid patientId, Guid appointmentId, RescheduleInput input,
        BookAppointment.Options options, ClinicDb db, TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var earliest = options.EarliestUtc;
        var appointment = await db.Appointments.Include(a => a.Type).Include(a => a.Location).Include(a => a.Equipment)
            .FirstOrDefaultAsync(a => a.Id == appointmentId && a.PatientId == patientId, ct);
        if (appointment is null)
        {
            return Outcome.NotFound("No such appointment.");
        }
        if (appointment.Status != AppointmentStatus.Booked)
        {
            return Outcome.Invalid("status", $"Only a booked appointment can be moved; this one is {appointment.Status}.");
        }
        if (options.PatientSelfService && (!appointment.Type!.PatientBookable || appointment.Start < earliest))
        {
            return Outcome.Invalid("start", "This appointment can no longer be moved online. Please call the clinic.");
        }
        var start = input.Start!.Value.UtcDateTime;
        if (start > options.Latest(now))
        {
            return Outcome.Invalid("start", options.PatientSelfService
                ? $"Online booking is open for the next {(options.Latest(now) - now).TotalDays:0} days."
                : $"Appointments can be booked up to {SchedulingLimits.MaxDaysAhead} days ahead.");
        }
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
        if (!book.Places.ContainsKey(locationId))
        {
            return Outcome.Invalid("locationId", "No such location, or it is not open for booking.");
        }
        var last = moving.Max(a => a.End);
        var busy = await BusyIndex.LoadAsync(db, (start < appointment.Start ? start : appointment.Start).AddMinutes(-1),
            (start > last ? start : last).AddDays(moving.Count > 1 ? 60 + (start - appointment.Start).Duration().TotalDays : 1), ids, ct);
        busy.ForPatient = patientId;
        if (!busy.IsPatientFree(start.Ticks, start.AddMinutes(appointment.Type!.ReservedMinutes).Ticks))
        {
            return SchedulingLimits.Taken(SchedulingLimits.PatientBusy,
                await BookAppointment.AlternativesAsync(db, book, appointment.Type!, locationId, start, earliest, ct, patientId, ids));
        }

        // The named provider, else the current one; anyone only when the caller asks for any provider.
        var providerId = input.ProviderId ?? (input.AnyProvider ? null : appointment.ProviderId);
        var placed = new List<(Appointment A, Slot S, DateOnly? WindowStart, DateOnly? WindowEnd)>();
        var main = SlotFinder.Check(appointment.Type!, book, busy, locationId, start, providerId, input.RoomId, earliest);
        if (main is null)
        {
            return await NotAvailableAsync(db, book, appointment, locationId, start, providerId, earliest, input, ct);
        }
        // A procedure moved to another day passes the procedure gate for that day, as a new booking does.
        if (await options.ProcedureGateAsync(appointment.Type!, db, patientId, null, null, main.LocalStart.Date.ToDateOnly(), ct) is { } notAllowed)
        {
            return notAllowed;
        }
        busy.Hold(main);
        placed.Add((appointment, main, appointment.WindowStart, appointment.WindowEnd));

        Episode? episode = null;
        if (moving.Count > 1)
        {
            episode = await db.Episodes.FirstOrDefaultAsync(e => e.Id == appointment.EpisodeId, ct);
            var zone = book.Places.TryGetValue(appointment.LocationId, out var from) ? from.Zone : book.Places[main.LocationId].Zone;
            var days = Availability.LocalDate(book.Places[main.LocationId].Zone, main.Start).DayNumber
                - Availability.LocalDate(zone, appointment.Start).DayNumber;
            var indexDate = main.LocalStart.Date.ToDateOnly();
            var steps = EpisodeProtocol.FollowUps(options.Protocol ?? new FollowUpSettings()).ToDictionary(s => s.Code);
            foreach (var f in moving.Skip(1))
            {
                // Same wall-clock time, the same number of calendar days later, in the follow-up's own location; the window
                // is recomputed from the new procedure date (a step no longer in the protocol keeps its window, shifted).
                var fZone = book.Places.TryGetValue(f.LocationId, out var place) ? place.Zone : zone;
                var local = Availability.ToLocal(fZone, f.Start).PlusDays(days);
                var newStart = Availability.AtLocal(fZone, local);
                var step = f.EpisodeStep is { } code ? steps.GetValueOrDefault(code) : null;
                DateOnly? windowStart = step is not null ? indexDate.AddDays(step.EarliestDay) : f.WindowStart?.AddDays(days);
                DateOnly? windowEnd = step is not null ? indexDate.AddDays(step.LatestDay) : f.WindowEnd?.AddDays(days);
                var date = local.Date.ToDateOnly();
                var inWindow = (windowStart is null || date >= windowStart) && (windowEnd is null || date <= windowEnd);
                var fProvider = input.AnyProvider ? null : f.ProviderId;
                var slot = !inWindow ? null
                    : SlotFinder.Check(f.Type!, book, busy, f.LocationId, newStart, fProvider, f.RoomId, now)
                      ?? SlotFinder.Check(f.Type!, book, busy, f.LocationId, newStart, fProvider, null, now);
                if (slot is null && step is not null)
                {
                    slot = BookAppointment.NearestInWindow(book, busy, f.Type!, step, indexDate, local.Hour * 60 + local.Minute, [f.LocationId],
                        fProvider is { } p ? [p] : null, main.End);
                }
                if (slot is null)
                {
                    return SchedulingLimits.Taken(
                        $"The series cannot move: {f.Type!.Name} ({f.EpisodeStep}) finds no free time near {local:yyyy-MM-dd HH:mm} in its window. Move that visit first, or move the procedure alone.",
                        []);
                }
                busy.Hold(slot);
                placed.Add((f, slot, windowStart, windowEnd));
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Reservations.ReleaseAsync(db, ids, ct);
        await Reminders.CancelPendingAsync(db, ids, ct);
        foreach (var (a, s, windowStart, windowEnd) in placed)
        {
            a.LocationId = s.LocationId;
            a.ProviderId = s.ProviderId;
            a.RoomId = s.RoomId;
            a.Start = s.Start;
            a.End = s.End;
            a.WindowStart = windowStart;
            a.WindowEnd = windowEnd;
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
        if (episode is not null)
        {
            episode.IndexDate = main.LocalStart.Date.ToDateOnly();
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
            return SchedulingLimits.Taken("That time was just taken by another booking (or the patient was just booked elsewhere at that time).",
                await BookAppointment.AlternativesAsync(db, book, appointment.Type!, locationId, start, earliest, ct, patientId, ids));
        }
        return placed.Select(p => p.A).ToList();
    }

    private static async Task<Outcome<List<Appointment>>> NotAvailableAsync(ClinicDb db, ScheduleBook book, Appointment appointment, int locationId,
        DateTime start, int? providerId, DateTime earliest, RescheduleInput input, CancellationToken ct)
    {
        var type = appointment.Type!;
        if (SlotFinder.Check(type, book, new BusyIndex(), locationId, start, providerId, input.RoomId, earliest) is null)
        {
            if (start < earliest)
            {
                return Outcome.Invalid("start", "This time is too soon.");
            }
            var who = providerId is { } p && book.Providers.TryGetValue(p, out var provider) ? provider.Name : null;
            return Outcome.Invalid(input.ProviderId is not null || who is null ? "start" : "providerId", who is null
                ? "Nobody who can do this is working at that location at that time."
                : $"{who} is not working at that location at that time. Choose another time, or ask for any provider.");
        }
        var alternatives = await BookAppointment.AlternativesAsync(db, book, type, locationId, start, earliest, ct, appointment.PatientId, [appointment.Id]);
        if (providerId is { } keep)
        {
            alternatives = [.. alternatives.Where(s => s.ProviderId == keep)];
        }
        return SchedulingLimits.Taken("That time is taken.", alternatives);
    }

    public static async Task<Outcome<List<Appointment>>> CancelAsync(Guid patientId, Guid appointmentId, CancelInput input, DateTime? earliest, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var appointment = await db.Appointments.Include(a => a.Type).FirstOrDefaultAsync(a => a.Id == appointmentId && a.PatientId == patientId, ct);
        if (appointment is null)
        {
            return Outcome.NotFound("No such appointment.");
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
        return cancelling;
    }

    public enum Mark { CheckIn, NoShow, Confirm, Complete }

    public static async Task<Outcome<List<Appointment>>> MarkAsync(Guid patientId, Guid appointmentId, Mark mark, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var a = await db.Appointments.Include(x => x.Location).FirstOrDefaultAsync(x => x.Id == appointmentId && x.PatientId == patientId, ct);
        if (a is null)
        {
            return Outcome.NotFound("No such appointment.");
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
        return new List<Appointment> { a };
    }

    private static string Join(string? note, string add) => string.IsNullOrEmpty(note) ? add : (note + "\n" + add) is var s && s.Length > 390 ? s[^390..] : note + "\n" + add;

    private static Failure Reject(string field, string message) => Outcome.Invalid(field, message);
}

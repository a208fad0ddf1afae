using Talus.Clinical.FollowUp;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Scheduling;

public sealed class BookInput
{
    /// <summary>Appointment type code (consultation, imaging, lab-draw, procedure, follow-up, safety-call).</summary>
    [Required, StringLength(40)] public string Type { get; set; } = "";
    [Range(1, int.MaxValue, ErrorMessage = "Choose a location.")] public int LocationId { get; set; }
    /// <summary>Start instant, as returned by the slot search (UTC).</summary>
    [Required] public DateTimeOffset? Start { get; set; }
    public int? ProviderId { get; set; }
    public int? RoomId { get; set; }
    [StringLength(300)] public string? Note { get; set; }
    public bool Confirmed { get; set; }
    /// <summary>For a procedure: also book its protocol follow-ups as one series.</summary>
    public bool WithFollowUps { get; set; } = true;
    /// <summary>For a procedure: the joint and side (both or neither). Neither = the patient's one current plan with an injection.</summary>
    public Talus.Clinical.Joint? Joint { get; set; }
    /// <summary>For a procedure: the side of <see cref="Joint"/>.</summary>
    public Talus.Clinical.Side? Side { get; set; }
}

/// <summary>What a booking wrote: the appointments (the first is the one asked for) and the follow-ups that found no time.</summary>
public sealed record Booking(IReadOnlyList<Appointment> Appointments, IReadOnlyList<FollowUpStep> Unscheduled);

public sealed record PlannedStep(FollowUpStep Step, Slot? Slot, DateOnly WindowStart, DateOnly WindowEnd);

/// <summary>Books an appointment (and, for a procedure, its protocol follow-ups) as one atomic reservation.</summary>
public static class BookAppointment
{
    /// <summary>
    /// The rules of the caller: nothing earlier than <paramref name="EarliestUtc"/> (now plus any notice) and nothing later than
    /// <paramref name="LatestUtc"/> (the portal's horizon; staff: <see cref="SchedulingLimits.MaxDaysAhead"/> days).
    /// </summary>
    public sealed record Options(DateTime EarliestUtc, bool PatientSelfService = false, FollowUpSettings? Protocol = null, DateTime? LatestUtc = null,
        Settings.PracticeSettings? Settings = null)
    {
        public DateTime Latest(DateTime now) => LatestUtc ?? now.AddDays(SchedulingLimits.MaxDaysAhead);

        /// <summary>
        /// For a type that starts an episode (a procedure), booked or moved to <paramref name="date"/>: the procedure gate
        /// (Features/Procedure/ProcedureGate.cs: candidacy, washouts, override and product on that day). Null = allowed.
        /// </summary>
        public async Task<Failure?> ProcedureGateAsync(AppointmentType type, ClinicDb db, Guid patientId, Talus.Clinical.Joint? joint,
            Talus.Clinical.Side? side, DateOnly date, CancellationToken ct) =>
            !type.StartsEpisode ? null : await Procedure.ProcedureGate.ForBookingAsync(db,
                Settings ?? throw new InvalidOperationException("Booking or moving a procedure needs the practice settings for the procedure gate."),
                patientId, joint, side, date, ct);
    }

    public static async Task<Outcome<Booking>> RunAsync(Guid patientId, BookInput input, Options options, ClinicDb db, TimeProvider clock,
        IStringLocalizer<PatientText> text, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var type = await db.AppointmentTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == input.Type && t.IsActive, ct);
        if (type is null)
        {
            return Outcome.Invalid("type", "No such appointment type.");
        }
        if (options.PatientSelfService && !type.PatientBookable)
        {
            return Outcome.Invalid("type", "This kind of appointment is booked by the clinic staff. Please call us.");
        }
        var start = input.Start!.Value.UtcDateTime;
        if (start > options.Latest(now))
        {
            return Outcome.Invalid("start", options.PatientSelfService
                ? $"Online booking is open for the next {(options.Latest(now) - now).TotalDays:0} days."
                : $"Appointments can be booked up to {SchedulingLimits.MaxDaysAhead} days ahead.");
        }
        var book = await ScheduleBook.LoadAsync(db, ct);
        if (!book.Places.TryGetValue(input.LocationId, out var place))
        {
            return Outcome.Invalid("locationId", "No such location, or it is not open for booking.");
        }
        var series = type.StartsEpisode && input.WithFollowUps && !options.PatientSelfService;
        var busy = await BusyIndex.LoadAsync(db, start.AddMinutes(-1), series ? start.AddDays(800) : start.AddMinutes(type.ReservedMinutes + 1), null, ct);
        busy.ForPatient = patientId;
        if (!busy.IsPatientFree(start.Ticks, start.AddMinutes(type.ReservedMinutes).Ticks))
        {
            return SchedulingLimits.Taken(SchedulingLimits.PatientBusy,
                await AlternativesAsync(db, book, type, input.LocationId, start, options.EarliestUtc, ct, patientId));
        }
        var slot = SlotFinder.Check(type, book, busy, input.LocationId, start, input.ProviderId, input.RoomId, options.EarliestUtc);
        if (slot is null)
        {
            var empty = new BusyIndex();
            return SlotFinder.Check(type, book, empty, input.LocationId, start, input.ProviderId, input.RoomId, options.EarliestUtc) is null
                ? Outcome.Invalid("start", start < options.EarliestUtc
                    ? "This time is too soon to book."
                    : "Nobody who can do this is working at that location at that time (or the room or equipment it needs is missing).")
                : SchedulingLimits.Taken("That time was just taken.", await AlternativesAsync(db, book, type, input.LocationId, start, options.EarliestUtc, ct, patientId));
        }

        if (await options.ProcedureGateAsync(type, db, patientId, input.Joint, input.Side, slot.LocalStart.Date.ToDateOnly(), ct) is { } notAllowed)
        {
            return notAllowed;
        }

        var appointments = new List<Appointment>();
        var unscheduled = new List<FollowUpStep>();
        var main = NewAppointment(patientId, type, slot, now, input.Note, input.Confirmed);
        appointments.Add(main);
        if (series)
        {
            var episode = new Episode { PatientId = patientId, CreatedAt = now, IndexDate = slot.LocalStart.Date.ToDateOnly() };
            db.Episodes.Add(episode);
            main.EpisodeId = episode.Id;
            main.EpisodeStep = "procedure";
            busy.Hold(slot);
            var types = await db.AppointmentTypes.AsNoTracking().Where(t => t.IsActive).ToDictionaryAsync(t => t.Code, ct);
            foreach (var planned in PlanFollowUps(book, busy, types, slot, options.Protocol ?? new FollowUpSettings()))
            {
                if (planned.Slot is null || !types.TryGetValue(planned.Step.TypeCode, out var stepType))
                {
                    unscheduled.Add(planned.Step);
                    continue;
                }
                var a = NewAppointment(patientId, stepType, planned.Slot, now, null, false);
                a.EpisodeId = episode.Id;
                a.EpisodeStep = planned.Step.Code;
                a.WindowStart = planned.WindowStart;
                a.WindowEnd = planned.WindowEnd;
                appointments.Add(a);
            }
        }

        foreach (var a in appointments)
        {
            db.Appointments.Add(a);
            Reservations.Add(db, a);
        }
        await Reminders.ScheduleAsync(db, appointments, text, now, ct);
        if (options.Settings is { } practice)
        {
            // SPEC §7.2: scheduling a service for an uninsured or self-pay patient starts the GFE clock.
            await Billing.GfeDue.ForBookingAsync(main, slot.LocalStart.Date.ToDateOnly(), place.Zone.Id, db, practice, now, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Reservations.IsTaken(e))
        {
            db.ChangeTracker.Clear();
            return SchedulingLimits.Taken("That time was just taken by another booking (or the patient was just booked elsewhere at that time).",
                await AlternativesAsync(db, book, type, input.LocationId, start, options.EarliestUtc, ct, patientId));
        }
        return new Booking(appointments, unscheduled);
    }

    /// <summary>Where the follow-ups of a procedure at this slot would go (nothing is written).</summary>
    public static List<PlannedStep> PlanFollowUps(ScheduleBook book, BusyIndex busy, IReadOnlyDictionary<string, AppointmentType> types, Slot procedure,
        FollowUpSettings protocol)
    {
        var plan = new List<PlannedStep>();
        var indexDate = procedure.LocalStart.Date.ToDateOnly();
        var preferredMinute = procedure.LocalStart.Hour * 60 + procedure.LocalStart.Minute;
        foreach (var step in EpisodeProtocol.FollowUps(protocol))
        {
            if (!types.TryGetValue(step.TypeCode, out var type))
            {
                plan.Add(new(step, null, indexDate.AddDays(step.EarliestDay), indexDate.AddDays(step.LatestDay)));
                continue;
            }
            // Same provider and location first, then anyone at that location, then any location.
            int[]?[] providerChoices = procedure.ProviderId is { } p ? [[p], null] : [null];
            Slot? chosen = null;
            foreach (var locations in new int[]?[] { [procedure.LocationId], null })
            {
                foreach (var providers in providerChoices)
                {
                    chosen = NearestInWindow(book, busy, type, step, indexDate, preferredMinute, locations, providers, procedure.End);
                    if (chosen is not null)
                    {
                        break;
                    }
                }
                if (chosen is not null)
                {
                    break;
                }
            }
            if (chosen is not null)
            {
                busy.Hold(chosen);
            }
            plan.Add(new(step, chosen, indexDate.AddDays(step.EarliestDay), indexDate.AddDays(step.LatestDay)));
        }
        return plan;
    }

    public static Slot? NearestInWindow(ScheduleBook book, BusyIndex busy, AppointmentType type, FollowUpStep step, DateOnly indexDate,
        int preferredMinute, int[]? locations, int[]? providers, DateTime notBefore)
    {
        // Days in order of distance from the target day, earlier first on ties.
        var days = Enumerable.Range(step.EarliestDay, step.LatestDay - step.EarliestDay + 1)
            .OrderBy(d => Math.Abs(d - step.TargetDay)).ThenBy(d => d);
        foreach (var d in days)
        {
            var found = SlotFinder.Find(new SlotQuery
            {
                Type = type, LocationIds = locations, ProviderIds = providers, From = indexDate.AddDays(d), Days = 1, Count = 500, EarliestUtc = notBefore,
            }, book, busy);
            if (found.Count > 0)
            {
                return found.MinBy(s => Math.Abs(s.LocalStart.Hour * 60 + s.LocalStart.Minute - preferredMinute));
            }
        }
        return null;
    }

    public static async Task<List<Slot>> AlternativesAsync(ClinicDb db, ScheduleBook book, AppointmentType type, int locationId, DateTime after,
        DateTime earliest, CancellationToken ct, Guid? patientId = null, IReadOnlyCollection<Guid>? ignore = null)
    {
        var from = after > earliest ? after : earliest;
        var busy = await BusyIndex.LoadAsync(db, from, from.AddDays(31), ignore, ct);
        busy.ForPatient = patientId;
        var near = SlotFinder.Find(new SlotQuery { Type = type, LocationIds = [locationId], Days = 30, Count = 5, EarliestUtc = from }, book, busy);
        return near.Count > 0 ? near : SlotFinder.Find(new SlotQuery { Type = type, Days = 30, Count = 5, EarliestUtc = from }, book, busy);
    }

    public static Appointment NewAppointment(Guid patientId, AppointmentType type, Slot slot, DateTime now, string? note, bool confirmed) => new()
    {
        PatientId = patientId, TypeId = type.Id, LocationId = slot.LocationId, ProviderId = slot.ProviderId, RoomId = slot.RoomId,
        Start = slot.Start, End = slot.End, Status = AppointmentStatus.Booked, Confirmed = confirmed, Note = note?.Trim(), CreatedAt = now,
        Equipment = [.. slot.EquipmentIds.Select(id => new AppointmentEquipment { EquipmentId = id })],
    };
}

/// <summary>Proposes a procedure's follow-up series without writing anything (for confirmation before booking).</summary>
public static class ProposeEpisode
{
    public static async Task<Outcome<List<PlannedStep>>> RunAsync(ProposeInput input, FollowUpSettings protocol, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var start = input.Start!.Value.UtcDateTime;
        if (start > now.AddDays(SchedulingLimits.MaxDaysAhead))
        {
            return Outcome.Invalid("start", $"Appointments can be booked up to {SchedulingLimits.MaxDaysAhead} days ahead.");
        }
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => t.IsActive).ToDictionaryAsync(t => t.Code, ct);
        if (!types.TryGetValue(AppointmentTypeCodes.Procedure, out var procedure))
        {
            return Outcome.NotFound("The practice has no active procedure appointment type.");
        }
        var book = await ScheduleBook.LoadAsync(db, ct);
        var busy = await BusyIndex.LoadAsync(db, start.AddMinutes(-1), start.AddDays(800), null, ct);
        var slot = SlotFinder.Check(procedure, book, busy, input.LocationId, start, input.ProviderId, input.RoomId, now);
        if (slot is null)
        {
            return Outcome.Invalid("start", "The procedure cannot be booked at that time and place.");
        }
        busy.Hold(slot);
        return BookAppointment.PlanFollowUps(book, busy, types, slot, protocol);
    }
}

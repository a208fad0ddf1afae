using Talus.Clinical.FollowUp;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

/// <summary>
/// Demo schedule: appointment types, imaging and lab rooms, provider patterns per location, an absence, an extra
/// clinic, and appointments from three weeks back to four weeks ahead (with a few procedure episodes), so the day
/// view is busy on first start. Appointments are placed with the same slot finder the app uses, so none overlap.
/// </summary>
public static class SchedulingDemo
{
    public static async Task SeedAsync(ClinicDb db, TimeProvider clock, Random random, CancellationToken ct)
    {
        await DefaultAppointmentTypes.EnsureAsync(db, ct);
        await AddMissingResourcesAsync(db, ct);
        await AddPatternsAsync(db, clock, ct);
        var patients = await db.Patients.AsNoTracking().OrderBy(p => p.Mrn).Select(p => new Visitor(p.Id, p.PreferredLocationId)).ToArrayAsync(ct);
        await AddAppointmentsAsync(db, clock, random, patients, -21, 28, 0.6, ct);
    }

    public static async Task AddMissingResourcesAsync(ClinicDb db, CancellationToken ct)
    {
        var locations = await db.Locations.Include(l => l.Rooms).Include(l => l.Equipment).AsSplitQuery().ToListAsync(ct);
        foreach (var l in locations)
        {
            if (!l.Rooms.Any(r => r.Kind == RoomKind.Imaging))
            {
                l.Rooms.Add(new Room { Name = "X-ray", Kind = RoomKind.Imaging });
            }
            if (!l.Rooms.Any(r => r.Kind == RoomKind.Lab))
            {
                l.Rooms.Add(new Room { Name = "Lab", Kind = RoomKind.Lab });
            }
            if (!l.Equipment.Any(e => e.Kind == EquipmentKind.XRay))
            {
                l.Equipment.Add(new Equipment { Name = "X-ray unit", Kind = EquipmentKind.XRay });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Clinicians rotate over their locations by weekday, 8:00–12:00 and 13:00–17:00 local.</summary>
    public static async Task AddPatternsAsync(ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var clinicians = await db.Staff.AsNoTracking().Where(s => s.Role == Roles.Clinician).OrderBy(s => s.Id)
            .Select(s => new { s.Id, Locations = s.Locations.Select(l => l.LocationId).OrderBy(x => x).ToList() }).ToListAsync(ct);
        var today = Talus.Web.Shared.PracticeClock.Today(clock);
        var n = 0;
        foreach (var c in clinicians.Where(c => c.Locations.Count > 0))
        {
            for (var d = 1; d <= 5; d++)
            {
                var loc = c.Locations[(d + n) % c.Locations.Count];
                db.WorkPatterns.Add(new WorkPattern { StaffMemberId = c.Id, LocationId = loc, Day = (DayOfWeek)d, Start = new(8, 0), End = new(12, 0) });
                db.WorkPatterns.Add(new WorkPattern { StaffMemberId = c.Id, LocationId = loc, Day = (DayOfWeek)d, Start = new(13, 0), End = new(17, 0) });
            }
            n++;
        }
        if (clinicians.Count > 1)
        {
            var nextFriday = today.AddDays(((int)DayOfWeek.Friday - (int)today.DayOfWeek + 7) % 7 + 7);
            db.WorkExceptions.Add(new WorkException { StaffMemberId = clinicians[^1].Id, Kind = WorkExceptionKind.Absence, Date = nextFriday, Reason = "Vacation" });
            var nextSaturday = nextFriday.AddDays(1);
            db.WorkExceptions.Add(new WorkException
            {
                StaffMemberId = clinicians[0].Id, Kind = WorkExceptionKind.ExtraClinic, LocationId = clinicians[0].Locations[0], Date = nextSaturday,
                Start = new(9, 0), End = new(13, 0), Reason = "Saturday procedure clinic",
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A patient to book and the location they belong to (none yet: booked anywhere).</summary>
    public sealed record Visitor(Guid Id, int? Location);

    /// <summary>
    /// Fills the schedule from <paramref name="fromDay"/> to <paramref name="toDay"/> (days from today) to about
    /// <paramref name="fill"/>. Nine visits in ten at a location go to its own patients, the rest to anyone: patients are
    /// mostly seen where they belong, and some where a slot was free first (decision 0019).
    /// </summary>
    public static async Task<int> AddAppointmentsAsync(ClinicDb db, TimeProvider clock, Random random, Visitor[] patients, int fromDay, int toDay, double fill, CancellationToken ct)
    {
        if (patients.Length == 0)
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var types = await db.AppointmentTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        var book = await ScheduleBook.LoadAsync(db, ct);
        var busy = await BusyIndex.LoadAsync(db, now.AddDays(fromDay - 1), now.AddDays(toDay + 800), null, ct);
        var created = new List<Appointment>();
        (string Code, double Weight)[] mix = [(AppointmentTypeCodes.Consultation, 0.4), (AppointmentTypeCodes.FollowUp, 0.4), (AppointmentTypeCodes.Procedure, 0.08), (AppointmentTypeCodes.SafetyCall, 0.12)];

        var local = patients.Where(p => p.Location is not null).GroupBy(p => p.Location!.Value).ToDictionary(g => g.Key, g => g.ToArray());

        // One patient is never in two appointments at once (the reservations refuse it): each slot is checked for its patient.
        void NextPatient(int location)
        {
            var pool = random.NextDouble() < 0.9 && local.TryGetValue(location, out var own) ? own : patients;
            busy.ForPatient = pool[random.Next(pool.Length)].Id;
        }

        Appointment Place(AppointmentType type, Slot slot)
        {
            var a = BookAppointment.NewAppointment(busy.ForPatient!.Value, type, slot, now.AddDays(-random.Next(1, 30)), null, random.NextDouble() < 0.5);
            a.Status = slot.End <= now
                ? random.NextDouble() switch { < 0.05 => AppointmentStatus.NoShow, < 0.09 => AppointmentStatus.Cancelled, _ => AppointmentStatus.Completed }
                : slot.Start <= now ? AppointmentStatus.CheckedIn : AppointmentStatus.Booked;
            if (a.Status == AppointmentStatus.Cancelled)
            {
                a.CancelReason = "Patient called to cancel";
            }
            busy.Hold(slot);
            created.Add(a);
            return a;
        }

        foreach (var place in book.Places.Values.OrderBy(p => p.Id))
        {
            var localToday = Availability.LocalDate(place.Zone, now);
            for (var d = fromDay; d <= toDay; d++)
            {
                var date = localToday.AddDays(d);
                foreach (var provider in book.Providers.Values.Where(p => p.LocationIds.Contains(place.Id)))
                {
                    foreach (var block in book.WorkingTime(provider.Id, place, date))
                    {
                        for (var m = block.Start; m < block.End;)
                        {
                            if (random.NextDouble() > fill)
                            {
                                m += 15;
                                continue;
                            }
                            var pick = random.NextDouble();
                            var code = mix.First(x => (pick -= x.Weight) < 0 || x.Code == mix[^1].Code).Code;
                            var type = types[code];
                            NextPatient(place.Id);
                            if (Availability.ToUtc(place.Zone, date, m) is not { } start
                                || SlotFinder.Check(type, book, busy, place.Id, start, provider.Id, null, DateTime.MinValue) is not { } slot)
                            {
                                m += 15;
                                continue;
                            }
                            var a = Place(type, slot);
                            if (type.StartsEpisode && slot.Start > now)
                            {
                                var episode = new Episode { PatientId = a.PatientId, CreatedAt = a.CreatedAt, IndexDate = slot.LocalStart.Date.ToDateOnly() };
                                db.Episodes.Add(episode);
                                a.EpisodeId = episode.Id;
                                a.EpisodeStep = "procedure";
                                foreach (var step in BookAppointment.PlanFollowUps(book, busy, types, slot, new FollowUpSettings()).Where(s => s.Slot is not null))
                                {
                                    var f = BookAppointment.NewAppointment(a.PatientId, types[step.Step.TypeCode], step.Slot!, a.CreatedAt, null, false);
                                    f.EpisodeId = episode.Id;
                                    f.EpisodeStep = step.Step.Code;
                                    f.WindowStart = step.WindowStart;
                                    f.WindowEnd = step.WindowEnd;
                                    created.Add(f);
                                }
                            }
                            m += (type.ReservedMinutes + 14) / 15 * 15;
                        }
                    }
                }
                // Imaging and lab draws need no provider: a few per open day.
                foreach (var code in new[] { AppointmentTypeCodes.Imaging, AppointmentTypeCodes.LabDraw })
                {
                    foreach (var hour in new[] { 9, 11, 14, 16 })
                    {
                        NextPatient(place.Id);
                        if (random.NextDouble() < fill && Availability.ToUtc(place.Zone, date, hour * 60) is { } start
                            && SlotFinder.Check(types[code], book, busy, place.Id, start, null, null, DateTime.MinValue) is { } slot)
                        {
                            Place(types[code], slot);
                        }
                    }
                }
            }
        }

        foreach (var batch in created.Chunk(500))
        {
            foreach (var a in batch)
            {
                db.Appointments.Add(a);
                if (a.Status != AppointmentStatus.Cancelled)
                {
                    Reservations.Add(db, a);
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return created.Count;
    }
}

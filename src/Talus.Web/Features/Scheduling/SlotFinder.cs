using Microsoft.EntityFrameworkCore;
using NodaTime;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

/// <summary>The practice's bookable resources and working times: small reference data, read in a few queries.</summary>
public sealed class ScheduleBook
{
    public sealed record Place(int Id, string Name, DateTimeZone Zone, Dictionary<DayOfWeek, MinuteRange> Hours, HashSet<DateOnly> Closures);
    public sealed record Unit(int Id, int LocationId, string Name, string Kind);
    public sealed record Provider(int Id, string Name, int[] LocationIds);

    public required Dictionary<int, Place> Places { get; init; }
    public required List<Unit> Rooms { get; init; }
    public required List<Unit> Equipment { get; init; }
    public required Dictionary<int, Provider> Providers { get; init; }
    public required ILookup<int, WorkPattern> Patterns { get; init; }
    public required ILookup<int, WorkException> Exceptions { get; init; }

    public static async Task<ScheduleBook> LoadAsync(ClinicDb db, CancellationToken ct)
    {
        var locations = await db.Locations.AsNoTracking().Where(l => l.IsActive).Select(l => new { l.Id, l.Name, l.TimeZone }).ToListAsync(ct);
        var hours = await db.OpeningHours.AsNoTracking().ToListAsync(ct);
        var closures = await db.Closures.AsNoTracking().Select(c => new { c.LocationId, c.Date }).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Name)
            .Select(r => new Unit(r.Id, r.LocationId, r.Name, r.Kind.ToString())).ToListAsync(ct);
        var equipment = await db.Equipment.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Name)
            .Select(r => new Unit(r.Id, r.LocationId, r.Name, r.Kind.ToString())).ToListAsync(ct);
        var providers = await db.Staff.AsNoTracking().Where(s => s.IsActive && s.Role == Roles.Clinician).OrderBy(s => s.DisplayName)
            .Select(s => new Provider(s.Id, s.DisplayName, s.Locations.Select(l => l.LocationId).ToArray())).ToListAsync(ct);
        var patterns = await db.WorkPatterns.AsNoTracking().ToListAsync(ct);
        var exceptions = await db.WorkExceptions.AsNoTracking().ToListAsync(ct);
        return new ScheduleBook
        {
            Places = locations.ToDictionary(l => l.Id, l => new Place(l.Id, l.Name, Availability.Zone(l.TimeZone),
                hours.Where(h => h.LocationId == l.Id).ToDictionary(h => h.Day, h => MinuteRange.Of(h.Opens, h.Closes)),
                [.. closures.Where(c => c.LocationId == l.Id).Select(c => c.Date)])),
            Rooms = rooms,
            Equipment = equipment,
            Providers = providers.ToDictionary(p => p.Id),
            Patterns = patterns.ToLookup(p => p.StaffMemberId),
            Exceptions = exceptions.ToLookup(e => e.StaffMemberId),
        };
    }

    /// <summary>The provider's working time at a location on a local date.</summary>
    public List<MinuteRange> WorkingTime(int providerId, Place place, DateOnly date) =>
        Availability.WorkingTime(date,
            place.Hours.TryGetValue(date.DayOfWeek, out var open) ? open : null,
            place.Closures.Contains(date),
            Patterns[providerId].Where(p => p.LocationId == place.Id),
            Exceptions[providerId].Where(e => e.LocationId is null || e.LocationId == place.Id));

    /// <summary>When a resource without a provider (room, equipment) may be used: the location's opening hours.</summary>
    public static List<MinuteRange> OpeningTime(Place place, DateOnly date) =>
        place.Closures.Contains(date) || !place.Hours.TryGetValue(date.DayOfWeek, out var open) ? [] : [open];
}

/// <summary>Busy intervals per resource (provider, room, equipment unit), sorted, for a window of time.</summary>
public sealed class BusyIndex
{
    private readonly Dictionary<long, List<(long Start, long End)>> byResource = [];
    private readonly Dictionary<Guid, List<(long Start, long End)>> byPatient = [];

    /// <summary>The patient being booked: slots that overlap another appointment of theirs are not offered.</summary>
    public Guid? ForPatient { get; set; }

    public void AddPatient(Guid patientId, DateTime start, DateTime end)
    {
        if (!byPatient.TryGetValue(patientId, out var list))
        {
            byPatient[patientId] = list = [];
        }
        list.Add((start.Ticks, end.Ticks));
    }

    /// <summary>Whether <see cref="ForPatient"/> (if any) has no other appointment overlapping the interval.</summary>
    public bool IsPatientFree(long start, long end) =>
        ForPatient is not { } p || !byPatient.TryGetValue(p, out var list) || !list.Exists(i => i.Start < end && i.End > start);

    public static long Key(char kind, int id) => ((long)kind << 32) | (uint)id;

    public void Add(char kind, int id, DateTime start, DateTime end)
    {
        var key = Key(kind, id);
        if (!byResource.TryGetValue(key, out var list))
        {
            byResource[key] = list = [];
        }
        list.Add((start.Ticks, end.Ticks));
    }

    /// <summary>Marks a slot as taken (a tentative booking of the same series), keeping the lists sorted.</summary>
    public void Hold(Slot slot)
    {
        if (ForPatient is { } patient)
        {
            AddPatient(patient, slot.Start, slot.End);
        }
        if (slot.ProviderId is { } p)
        {
            Insert('P', p, slot.Start, slot.End);
        }
        if (slot.RoomId is { } r)
        {
            Insert('R', r, slot.Start, slot.End);
        }
        foreach (var e in slot.EquipmentIds)
        {
            Insert('E', e, slot.Start, slot.End);
        }
    }

    private void Insert(char kind, int id, DateTime start, DateTime end)
    {
        Add(kind, id, start, end);
        byResource[Key(kind, id)].Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    public void Seal()
    {
        foreach (var list in byResource.Values)
        {
            list.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
    }

    public bool IsFree(char kind, int id, long start, long end)
    {
        if (!byResource.TryGetValue(Key(kind, id), out var list))
        {
            return true;
        }
        // Intervals of one resource never overlap, so ends are sorted too: find the first that ends after start.
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].End <= start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        // Overlapping lists can occur only in hand-made data; scan the few that start before end.
        for (var i = lo; i < list.Count && list[i].Start < end; i++)
        {
            if (list[i].End > start)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Two queries: appointments (provider and room) and their equipment, for the window.</summary>
    public static async Task<BusyIndex> LoadAsync(ClinicDb db, DateTime windowStart, DateTime windowEnd, IReadOnlyCollection<Guid>? ignore, CancellationToken ct)
    {
        // Reservations never exceed a day, so the start bound keeps the index range short.
        var earliestStart = windowStart.AddDays(-1);
        var busy = new BusyIndex();
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.Start >= earliestStart && a.Start < windowEnd && a.End > windowStart && a.Status != AppointmentStatus.Cancelled)
            .Select(a => new { a.Id, a.PatientId, a.ProviderId, a.RoomId, a.Start, a.End })
            .ToListAsync(ct);
        foreach (var a in appointments)
        {
            if (ignore is not null && ignore.Contains(a.Id))
            {
                continue;
            }
            busy.AddPatient(a.PatientId, a.Start, a.End);
            if (a.ProviderId is { } p)
            {
                busy.Add('P', p, a.Start, a.End);
            }
            if (a.RoomId is { } r)
            {
                busy.Add('R', r, a.Start, a.End);
            }
        }
        var equipment = await (from q in db.AppointmentEquipment.AsNoTracking()
                               join a in db.Appointments on q.AppointmentId equals a.Id
                               where a.Start >= earliestStart && a.Start < windowEnd && a.End > windowStart && a.Status != AppointmentStatus.Cancelled
                               select new { a.Id, q.EquipmentId, a.Start, a.End }).ToListAsync(ct);
        foreach (var e in equipment)
        {
            if (ignore is null || !ignore.Contains(e.Id))
            {
                busy.Add('E', e.EquipmentId, e.Start, e.End);
            }
        }
        busy.Seal();
        return busy;
    }
}

public sealed record SlotQuery
{
    public required AppointmentType Type { get; init; }
    public int[]? LocationIds { get; init; }
    public int[]? ProviderIds { get; init; }
    /// <summary>First local date to search (defaults to today at each location).</summary>
    public DateOnly? From { get; init; }
    public int Days { get; init; } = 30;
    public int Count { get; init; } = 10;
    /// <summary>Only slots starting at or after this local time of day.</summary>
    public TimeOnly? NotBefore { get; init; }
    /// <summary>Only slots starting at or before this local time of day.</summary>
    public TimeOnly? NotAfter { get; init; }
    public int StepMinutes { get; init; } = 15;
    /// <summary>Nothing earlier than this instant (now plus any notice period).</summary>
    public required DateTime EarliestUtc { get; init; }
}

public sealed record Slot(DateTime Start, DateTime End, int LocationId, string LocationName, int? ProviderId, string? ProviderName,
    int? RoomId, string? RoomName, int[] EquipmentIds, LocalDateTime LocalStart);

/// <summary>First-available search, entirely in memory over a <see cref="ScheduleBook"/> and a <see cref="BusyIndex"/>.</summary>
public static class SlotFinder
{
    public static List<Slot> Find(SlotQuery q, ScheduleBook book, BusyIndex busy)
    {
        var results = new List<Slot>();
        var places = book.Places.Values.Where(p => q.LocationIds is not { Length: > 0 } || q.LocationIds.Contains(p.Id)).OrderBy(p => p.Name).ToList();
        var firstDates = places.ToDictionary(p => p.Id, p => q.From ?? Availability.LocalDate(p.Zone, q.EarliestUtc));
        var day = new List<Slot>();
        for (var offset = 0; offset < q.Days && results.Count < q.Count; offset++)
        {
            day.Clear();
            foreach (var place in places)
            {
                FindOnDay(q, book, busy, place, firstDates[place.Id].AddDays(offset), day);
            }
            day.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.LocationName, b.LocationName));
            foreach (var s in day)
            {
                if (results.Count == q.Count)
                {
                    break;
                }
                results.Add(s);
            }
        }
        return results;
    }

    /// <summary>Whether the exact start works for this type at this place (optionally with given resources).</summary>
    public static Slot? Check(AppointmentType type, ScheduleBook book, BusyIndex busy, int locationId, DateTime startUtc,
        int? providerId, int? roomId, DateTime earliestUtc)
    {
        if (!book.Places.TryGetValue(locationId, out var place) || startUtc < earliestUtc)
        {
            return null;
        }
        var local = Availability.ToLocal(place.Zone, startUtc);
        var date = local.Date.ToDateOnly();
        var minute = local.Hour * 60 + local.Minute;
        var q = new SlotQuery
        {
            Type = type, EarliestUtc = earliestUtc, Count = 1, StepMinutes = 1,
            ProviderIds = providerId is { } p ? [p] : null,
            NotBefore = new TimeOnly(minute / 60, minute % 60), NotAfter = new TimeOnly(minute / 60, minute % 60),
        };
        var found = new List<Slot>();
        FindOnDay(q, book, busy, place, date, found, roomId, exactStart: startUtc);
        return found.OrderBy(s => s.ProviderName, StringComparer.Ordinal).FirstOrDefault();
    }

    private static void FindOnDay(SlotQuery q, ScheduleBook book, BusyIndex busy, ScheduleBook.Place place, DateOnly date,
        List<Slot> into, int? onlyRoom = null, DateTime? exactStart = null)
    {
        var type = q.Type;
        var rooms = type.RoomKind is { } rk
            ? book.Rooms.Where(r => r.LocationId == place.Id && r.Kind == rk.ToString() && (onlyRoom is null || r.Id == onlyRoom)).ToArray()
            : [];
        if (type.RoomKind is not null && rooms.Length == 0)
        {
            return;
        }
        var kinds = type.EquipmentKinds();
        var units = new ScheduleBook.Unit[kinds.Length][];
        for (var k = 0; k < kinds.Length; k++)
        {
            var kind = kinds[k].ToString();
            units[k] = [.. book.Equipment.Where(e => e.LocationId == place.Id && e.Kind == kind)];
            if (units[k].Length == 0)
            {
                return;
            }
        }
        var reserved = type.ReservedMinutes;
        var notBefore = q.NotBefore is { } nb ? nb.Hour * 60 + nb.Minute : 0;
        var notAfter = q.NotAfter is { } na ? na.Hour * 60 + na.Minute : 24 * 60;

        IEnumerable<(ScheduleBook.Provider? Provider, List<MinuteRange> Time)> who = type.NeedsProvider
            ? book.Providers.Values
                .Where(p => p.LocationIds.Contains(place.Id) && (q.ProviderIds is not { Length: > 0 } || q.ProviderIds.Contains(p.Id)))
                .Select(p => ((ScheduleBook.Provider?)p, book.WorkingTime(p.Id, place, date)))
            : [(null, ScheduleBook.OpeningTime(place, date))];

        var equipmentIds = new int[kinds.Length];
        foreach (var (provider, time) in who)
        {
            foreach (var block in time)
            {
                var first = Math.Max(block.Start, notBefore);
                first = (first + q.StepMinutes - 1) / q.StepMinutes * q.StepMinutes;
                for (var m = first; m + reserved <= block.End && m <= notAfter; m += q.StepMinutes)
                {
                    if (Availability.ToUtc(place.Zone, date, m) is not { } start || start < q.EarliestUtc
                        || (exactStart is { } exact && start != exact))
                    {
                        continue;
                    }
                    var end = start.AddMinutes(reserved);
                    long s = start.Ticks, e = end.Ticks;
                    if (!busy.IsPatientFree(s, e) || (provider is not null && !busy.IsFree('P', provider.Id, s, e)))
                    {
                        continue;
                    }
                    ScheduleBook.Unit? room = null;
                    if (rooms.Length > 0)
                    {
                        room = Array.Find(rooms, r => busy.IsFree('R', r.Id, s, e));
                        if (room is null)
                        {
                            continue;
                        }
                    }
                    var ok = true;
                    for (var k = 0; k < units.Length && ok; k++)
                    {
                        var unit = Array.Find(units[k], u => busy.IsFree('E', u.Id, s, e));
                        ok = unit is not null;
                        equipmentIds[k] = unit?.Id ?? 0;
                    }
                    if (!ok)
                    {
                        continue;
                    }
                    into.Add(new Slot(start, end, place.Id, place.Name, provider?.Id, provider?.Name, room?.Id, room?.Name,
                        [.. equipmentIds], LocalDate.FromDateOnly(date).At(LocalTime.FromMinutesSinceMidnight(m))));
                }
            }
        }
    }
}

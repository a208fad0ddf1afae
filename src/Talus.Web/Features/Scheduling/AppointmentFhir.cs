using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Fhir;
using Task = System.Threading.Tasks.Task;
using FhirSlot = Hl7.Fhir.Model.Slot;

namespace Talus.Web.Features.Scheduling;

/// <summary>Appointments as FHIR R4 Appointment (SPEC §8.5): instants in UTC, created (the GFE trigger), type, patient, provider, location.</summary>
public static class AppointmentFhir
{
    public static readonly FhirType Type = new("Appointment", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("date", SearchParamType.Date, "Start, with prefixes (dates without a zone are UTC)."),
            new("status", SearchParamType.Token, "booked | arrived | fulfilled | noshow | cancelled."),
        ],
        ReadAsync, SearchAsync);

    public static Hl7.Fhir.Model.Appointment.AppointmentStatus StatusOf(AppointmentStatus s) => s switch
    {
        AppointmentStatus.CheckedIn => Hl7.Fhir.Model.Appointment.AppointmentStatus.Arrived,
        AppointmentStatus.Completed => Hl7.Fhir.Model.Appointment.AppointmentStatus.Fulfilled,
        AppointmentStatus.NoShow => Hl7.Fhir.Model.Appointment.AppointmentStatus.Noshow,
        AppointmentStatus.Cancelled => Hl7.Fhir.Model.Appointment.AppointmentStatus.Cancelled,
        _ => Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked,
    };

    public static Hl7.Fhir.Model.Appointment ToFhir(this Appointment a, AppointmentType? type, FhirSystems systems)
    {
        var accepted = ParticipationStatus.Accepted;
        var fhir = new Hl7.Fhir.Model.Appointment
        {
            Id = a.Id.ToString(),
            Status = StatusOf(a.Status),
            Start = new DateTimeOffset(DateTime.SpecifyKind(a.Start, DateTimeKind.Utc)),
            End = new DateTimeOffset(DateTime.SpecifyKind(a.End, DateTimeKind.Utc)),
            Created = new DateTimeOffset(DateTime.SpecifyKind(a.CreatedAt, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
            AppointmentType = type is null ? null : new CodeableConcept(systems.CodeSystem("appointment-type"), type.Code, type.Name),
            CancelationReason = a.CancelReason is { Length: > 0 } reason ? new CodeableConcept { Text = reason } : null,
            Participant = [new Hl7.Fhir.Model.Appointment.ParticipantComponent { Actor = new ResourceReference($"Patient/{a.PatientId}"), Status = accepted }],
        };
        if (a.ProviderId is { } provider)
        {
            fhir.Participant.Add(new() { Actor = new ResourceReference($"Practitioner/{provider}"), Status = accepted });
        }
        fhir.Participant.Add(new() { Actor = new ResourceReference($"Location/{a.LocationId}"), Status = accepted });
        return fhir;
    }

    private static Task<FhirFound?> ReadAsync(FhirRequest request, string id) =>
        request.FindAsync(request.Db.Appointments.AsNoTracking().Include(a => a.Type), id, a => a.ToFhir(a.Type, request.Systems));

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Searched(request.Db.Appointments.AsNoTracking().Include(a => a.Type), query);
        if (query.Tokens("status") is { } statuses)
        {
            var wanted = Enum.GetValues<AppointmentStatus>()
                .Where(s => statuses.Any(t => t.Code == Hl7.Fhir.Utility.EnumUtility.GetLiteral(StatusOf(s)))).ToList();
            rows = rows.Where(a => wanted.Contains(a.Status));
        }
        rows = query.WhereInstants(rows, "date", a => a.Start);
        return await request.PageAsync(rows, query, a => a.Start, a => a.ToFhir(a.Type, request.Systems));
    }

    // ---- Schedule and Slot (SPEC §8.5 Scheduling) ----

    public static readonly FhirType ScheduleType = new("Schedule", Auth.Policies.FhirDirectory,
        [
            new("actor", SearchParamType.Reference, "Practitioner/{id} or Location/{id}."),
            new("active", SearchParamType.Token, "true | false."),
        ],
        ReadScheduleAsync, SearchSchedulesAsync, PatientData: false);

    public static readonly FhirType SlotType = new("Slot", Auth.Policies.FhirDirectory,
        [
            new("schedule", SearchParamType.Reference, "Schedule/{id}: p{provider} or l{location}."),
            new("start", SearchParamType.Date, $"Start instant; give ge and lt (or le) bounds at most {MaxSlotDays} days apart."),
            new("status", SearchParamType.Token, "free | busy."),
            new("service-type", SearchParamType.Token, "The appointment type code: free slots are those of one type (required for free)."),
        ],
        // Free slots are availability computed for a window (a search needs a start window), not stored record data.
        ReadSlotAsync, SearchSlotsAsync, PatientData: false, RecordData: false);

    /// <summary>The widest window one Slot search may cover (free times are computed, not stored).</summary>
    public const int MaxSlotDays = 31;

    /// <summary>
    /// A provider's schedule (id p{staff}: the provider and the locations they work at as actors) or a location's
    /// (id l{location}: the location and its rooms, for appointment types without a provider).
    /// </summary>
    private static async Task<List<Schedule>> SchedulesAsync(FhirRequest request)
    {
        var db = request.Db;
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Code).ToListAsync(request.Ct);
        var providers = await db.Staff.AsNoTracking().Where(s => s.Role == Data.Roles.Clinician)
            .Select(s => new { s.Id, s.DisplayName, s.IsActive, Locations = s.Locations.Select(l => l.LocationId).ToList() }).ToListAsync(request.Ct);
        var locations = await db.Locations.AsNoTracking().Select(l => new { l.Id, l.Name, l.IsActive }).ToListAsync(request.Ct);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.IsActive).Select(r => new { r.LocationId, r.Name }).ToListAsync(request.Ct);
        CodeableConcept Service(AppointmentType t) => new(request.Systems.CodeSystem("appointment-type"), t.Code, t.Name);
        var schedules = providers.Select(p => new Schedule
        {
            Id = $"p{p.Id}",
            Active = p.IsActive,
            ServiceType = [.. types.Where(t => t.NeedsProvider).Select(Service)],
            Actor = [new ResourceReference($"Practitioner/{p.Id}", p.DisplayName), .. p.Locations.Select(l => new ResourceReference($"Location/{l}"))],
            Comment = "Free times follow the provider's work pattern and the location's opening hours.",
        }).Concat(locations.Select(l => new Schedule
        {
            Id = $"l{l.Id}",
            Active = l.IsActive,
            ServiceType = [.. types.Where(t => !t.NeedsProvider).Select(Service)],
            Actor = [new ResourceReference($"Location/{l.Id}", l.Name), .. rooms.Where(r => r.LocationId == l.Id).Select(r => new ResourceReference { Display = $"Room {r.Name}" })],
            Comment = "Appointments without a provider: free times follow the location's opening hours and its rooms.",
        }));
        return [.. schedules];
    }

    private static async Task<FhirFound?> ReadScheduleAsync(FhirRequest request, string id) =>
        (await SchedulesAsync(request)).FirstOrDefault(s => s.Id == id) is { } s ? new FhirFound(s, null) : null;

    private static async Task<FhirPage> SearchSchedulesAsync(FhirRequest request, FhirQuery query)
    {
        IEnumerable<Schedule> all = await SchedulesAsync(request);
        if (query.Ids is { } ids)
        {
            all = all.Where(s => ids.Contains(s.Id));
        }
        if (query.String("actor") is { } actor)
        {
            all = all.Where(s => s.Actor.Any(a => a.Reference == actor));
        }
        if (query.Tokens("active") is { } active)
        {
            all = all.Where(s => active.Any(a => a.Code == (s.Active == true ? "true" : "false")));
        }
        return query.PageOf(all, s => s.Id, s => new FhirFound(s, null));
    }

    private static string Instant(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);

    private static FhirSlot ToSlot(string id, string schedule, FhirSlot.SlotStatus status, DateTime start, DateTime end, AppointmentType? type, FhirSystems systems) => new()
    {
        Id = id,
        Schedule = new ResourceReference($"Schedule/{schedule}"),
        Status = status,
        Start = new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)),
        End = new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)),
        ServiceType = type is null ? [] : [new CodeableConcept(systems.CodeSystem("appointment-type"), type.Code, type.Name)],
    };

    /// <summary>
    /// The slots of a window: busy = the booked appointments of each schedule (busy-{appointment}); free = the slot
    /// search of the scheduling feature for one appointment type (free-{type}-{provider or 0}-{location}-{unix minute}).
    /// </summary>
    private static async Task<List<FhirSlot>> SlotsAsync(FhirRequest request, DateTime from, DateTime to, string? schedule, bool free, bool busy, AppointmentType? type)
    {
        var db = request.Db;
        var slots = new List<FhirSlot>();
        int? provider = schedule is ['p', .. var p] && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        int? location = schedule is ['l', .. var l] && int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var lid) ? lid : null;
        if (schedule is not null && provider is null && location is null)
        {
            return slots;
        }
        if (busy)
        {
            var appointments = db.Appointments.AsNoTracking().Include(a => a.Type)
                .Where(a => a.Status != AppointmentStatus.Cancelled && a.Start < to && a.End > from);
            if (provider is { } pr)
            {
                appointments = appointments.Where(a => a.ProviderId == pr);
            }
            if (location is { } lo)
            {
                appointments = appointments.Where(a => a.LocationId == lo && a.ProviderId == null);
            }
            if (type is not null)
            {
                appointments = appointments.Where(a => a.TypeId == type.Id);
            }
            slots.AddRange((await appointments.ToListAsync(request.Ct)).Select(a =>
                ToSlot($"busy-{a.Id}", a.ProviderId is { } ap ? $"p{ap}" : $"l{a.LocationId}", FhirSlot.SlotStatus.Busy, a.Start, a.End, a.Type, request.Systems)));
        }
        if (free && type is not null)
        {
            var now = (request.Clock ?? throw new InvalidOperationException("The FHIR request has no clock.")).GetUtcNow().UtcDateTime;
            var earliest = from > now ? from : now;
            if (earliest < to)
            {
                var book = await ScheduleBook.LoadAsync(db, request.Ct);
                var found = await FindSlots.SearchAsync(type, new SlotSearchInput
                {
                    Type = type.Code, ProviderIds = provider is { } p1 ? [p1] : null, LocationIds = location is { } l1 ? [l1] : null,
                    From = DateOnly.FromDateTime(earliest), Days = (int)Math.Ceiling((to - earliest).TotalDays) + 1, Count = 2000,
                }, earliest, book, db, request.Ct);
                slots.AddRange(found.Where(f => f.Start >= from && f.Start < to && (location is null || f.ProviderId is null)).Select(f =>
                    ToSlot($"free-{type.Id}-{f.ProviderId ?? 0}-{f.LocationId}-{f.Start.Ticks / TimeSpan.TicksPerMinute}",
                        f.ProviderId is { } fp ? $"p{fp}" : $"l{f.LocationId}", FhirSlot.SlotStatus.Free, f.Start, f.End, type, request.Systems)));
            }
        }
        return slots;
    }

    private static async Task<FhirFound?> ReadSlotAsync(FhirRequest request, string id)
    {
        if (id.StartsWith("busy-", StringComparison.Ordinal))
        {
            return Guid.TryParse(id.AsSpan(5), out var g) && await request.Db.Appointments.AsNoTracking().Include(a => a.Type)
                .FirstOrDefaultAsync(a => a.Id == g && a.Status != AppointmentStatus.Cancelled, request.Ct) is { } a
                ? new FhirFound(ToSlot(id, a.ProviderId is { } p ? $"p{p}" : $"l{a.LocationId}", FhirSlot.SlotStatus.Busy, a.Start, a.End, a.Type, request.Systems), null)
                : null;
        }
        // A free slot is found again by searching its minute: it is served only while it is still free.
        if (id.Split('-') is not ["free", var t, var p2, var l2, var minute]
            || !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var typeId)
            || !int.TryParse(p2, NumberStyles.None, CultureInfo.InvariantCulture, out var providerId)
            || !int.TryParse(l2, NumberStyles.None, CultureInfo.InvariantCulture, out var locationId)
            || !long.TryParse(minute, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > DateTime.MaxValue.Ticks / TimeSpan.TicksPerMinute - 1)
        {
            return null;
        }
        var type = await request.Db.AppointmentTypes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == typeId && x.IsActive, request.Ct);
        if (type is null)
        {
            return null;
        }
        var start = new DateTime(m * TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        var slots = await SlotsAsync(request, start, start.AddMinutes(1), providerId > 0 ? $"p{providerId}" : $"l{locationId}", free: true, busy: false, type);
        return slots.FirstOrDefault(s => s.Id == id) is { } slot ? new FhirFound(slot, null) : null;
    }

    private static async Task<FhirPage> SearchSlotsAsync(FhirRequest request, FhirQuery query)
    {
        // The window: ge/gt and lt/le bounds, at most MaxSlotDays apart (free times are computed for every day in it).
        DateTime? from = null, to = null;
        foreach (var d in query.Dates("start"))
        {
            switch (d.Prefix)
            {
                case "ge": from = d.From; break;
                case "gt" or "sa": from = d.To; break;
                case "lt" or "eb": to = d.From; break;
                case "le": to = d.To; break;
                case "eq": (from, to) = (d.From, d.To); break;
                default: throw new FhirSearchException("start supports eq, ge, gt, lt and le on Slot.");
            }
        }
        if (from is not { } start || to is not { } end || end <= start || (end - start).TotalDays > MaxSlotDays)
        {
            throw new FhirSearchException($"Slot searches need a start window: start=ge{{date}}&start=lt{{date}}, at most {MaxSlotDays} days.");
        }
        var statuses = query.Tokens("status");
        var free = statuses is null || statuses.Any(s => s.Code == "free");
        var busy = statuses is null || statuses.Any(s => s.Code == "busy");
        AppointmentType? type = null;
        if (query.Tokens("service-type") is { } services)
        {
            var codes = services.Where(s => s.System is null || s.System == request.Systems.CodeSystem("appointment-type")).Select(s => s.Code).ToList();
            type = await request.Db.AppointmentTypes.AsNoTracking().FirstOrDefaultAsync(t => codes.Contains(t.Code) && t.IsActive, request.Ct);
            if (type is null)
            {
                return new FhirPage([], null);
            }
        }
        else if (statuses is not null && free && !busy)
        {
            throw new FhirSearchException("Free slots are those of one appointment type: add service-type={code}.");
        }
        var schedule = query.String("schedule") is { } s ? (s.StartsWith("Schedule/", StringComparison.Ordinal) ? s["Schedule/".Length..] : s) : null;
        IEnumerable<FhirSlot> slots = await SlotsAsync(request, start, end, schedule, free, busy, type);
        if (query.Ids is { } ids)
        {
            slots = slots.Where(x => ids.Contains(x.Id));
        }
        // In start order, then id: the cursor is both (the minute keeps the key sortable as text).
        return query.PageOf(slots, x => $"{x.Start!.Value.UtcTicks:D19}.{x.Id}", x => new FhirFound(x, null));
    }
}

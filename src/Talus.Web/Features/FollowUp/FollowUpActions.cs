using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.FollowUp;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.FollowUp;

public sealed record FollowUpVisitView(Guid Id, Guid ProcedureId, int LocationId, Talus.Clinical.Joint Joint, Talus.Clinical.Side Side, ProgramVisit Visit,
    DateOnly IndexDate, DateOnly TargetDate, DateOnly WindowStart, DateOnly WindowEnd, IReadOnlyList<Talus.Clinical.Instruments.InstrumentId> Questionnaires,
    bool ImagingDue, FollowUpStatus Status, DateTime? CompletedAt, LostReason? LostReason, string? LostNote, DateTime? InvitedAt, int RemindersSent,
    int CallAttempts, DateTime? LastCallAt, string? LastCallNote)
{
    public static FollowUpVisitView From(FollowUpVisit v) => new(v.Id, v.ProcedureId, v.LocationId, v.Joint, v.Side, v.Visit, v.IndexDate, v.TargetDate,
        v.WindowStart, v.WindowEnd, v.Instruments(), v.ImagingDue, v.Status, v.CompletedAt, v.LostReason, v.LostNote, v.InvitedAt, v.RemindersSent,
        v.CallAttempts, v.LastCallAt, v.LastCallNote);
}

/// <summary>Staff record that a patient is lost to follow-up, and why.</summary>
public sealed class LostInput
{
    [Required, Display(Name = "Reason")] public LostReason? Reason { get; set; }
    [StringLength(1000), Display(Name = "Note")] public string? Note { get; set; }
}

/// <summary>A call made from the call list, with what came of it.</summary>
public sealed class CallInput
{
    [Required, StringLength(1000, MinimumLength = 1), Display(Name = "Note")] public string? Note { get; set; }
}

/// <summary>What staff do with a follow-up visit: send a new link, record a call, record the patient as lost.</summary>
public static class FollowUpActions
{
    public static async Task<Outcome<FollowUpLinks.Created>> SendLinkAsync(Guid patientId, Guid visitId, string? by, ClinicDb db,
        FollowUpContactSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var created = await FollowUpLinks.CreateAsync(patientId, visitId, settings.LinkValidDays, by, db, clock.GetUtcNow().UtcDateTime, ct);
        if (created.Failure is null)
        {
            await db.SaveChangesAsync(ct);
        }
        return created;
    }

    public static async Task<Outcome<FollowUpVisit>> RecordCallAsync(Guid patientId, Guid visitId, CallInput input, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var visit = await db.FollowUpVisits.FirstOrDefaultAsync(v => v.Id == visitId && v.PatientId == patientId, ct);
        if (visit is null)
        {
            return Outcome.NotFound();
        }
        visit.CallAttempts++;
        visit.LastCallAt = clock.GetUtcNow().UtcDateTime;
        visit.LastCallNote = input.Note!.Trim();
        await db.SaveChangesAsync(ct);
        return visit;
    }

    /// <summary>
    /// Marks the visit and every later visit of the same procedure not yet answered as lost, with the reason; answers
    /// that still arrive are kept (they complete the visit and are marked outside the window when late).
    /// </summary>
    public static async Task<Outcome<FollowUpVisit>> RecordLostAsync(Guid patientId, Guid visitId, LostInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var visit = await db.FollowUpVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == visitId && v.PatientId == patientId, ct);
        if (visit is null)
        {
            return Outcome.NotFound();
        }
        if (visit.Status == FollowUpStatus.Completed)
        {
            return Outcome.Conflict("This visit was answered; it cannot be lost to follow-up.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Enums are stored as names, so the visit order is compared here, not in SQL.
        var affected = (await db.FollowUpVisits.Where(v => v.ProcedureId == visit.ProcedureId && v.Status != FollowUpStatus.Completed).ToListAsync(ct))
            .Where(v => v.Visit >= visit.Visit).ToList();
        foreach (var v in affected)
        {
            (v.Status, v.LostReason, v.LostNote, v.LostAt, v.LostRecordedBy) =
                (FollowUpStatus.LostToFollowUp, input.Reason, string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(), now, by);
        }
        await db.SaveChangesAsync(ct);
        return affected.First(v => v.Id == visitId);
    }
}

/// <summary>Completion per program visit and location: answered, lost, still open, over every visit whose window has opened.</summary>
public static class Completion
{
    public sealed record Row(ProgramVisit Visit, int LocationId, string Location, int Due, int Completed, int Lost, int Open)
    {
        /// <summary>Completed over due (open visits count in the denominator: nobody is dropped).</summary>
        public double? Rate => Due == 0 ? null : (double)Completed / Due;
    }

    public static async Task<IReadOnlyList<Row>> RunAsync(ClinicDb db, DateOnly today, CancellationToken ct)
    {
        var counts = await db.FollowUpVisits.AsNoTracking()
            .Where(v => v.WindowStart <= today)
            .GroupBy(v => new { v.Visit, v.LocationId, v.Status })
            .Select(g => new { g.Key.Visit, g.Key.LocationId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var names = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        return [.. counts.GroupBy(c => (c.Visit, c.LocationId)).OrderBy(g => g.Key.Visit).ThenBy(g => names.GetValueOrDefault(g.Key.LocationId))
            .Select(g => new Row(g.Key.Visit, g.Key.LocationId, names.GetValueOrDefault(g.Key.LocationId, "?"), g.Sum(c => c.Count),
                g.Where(c => c.Status == FollowUpStatus.Completed).Sum(c => c.Count),
                g.Where(c => c.Status is FollowUpStatus.LostToFollowUp or FollowUpStatus.Missed).Sum(c => c.Count),
                g.Where(c => c.Status is FollowUpStatus.Open or FollowUpStatus.Upcoming).Sum(c => c.Count)))];
    }
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>A GFE owed: who, why, by when; overdue when the due day has passed.</summary>
public sealed record GfeDueRow(Guid Id, Guid PatientId, string PatientName, string Mrn, int LocationId, GfeTrigger Trigger, DateOnly? ServiceDate,
    DateOnly TriggeredOn, DateOnly DueBy, string Rule, bool Overdue);

/// <summary>An issued GFE version; <see cref="ReissueBy"/> is set when a newer estimate version changes it (SPEC §7.2 re-issue).</summary>
public sealed record GfeIssuedRow(Guid Id, Guid PatientId, string PatientName, string Mrn, int Version, DateOnly IssuedOn, DateOnly? ServiceDate,
    long TotalCents, string Currency, bool OpenDispute, DateOnly? ReissueBy);

public sealed record GfeWorklistView(DateOnly Today, IReadOnlyList<GfeDueRow> Overdue, IReadOnlyList<GfeDueRow> Due, IReadOnlyList<GfeIssuedRow> Issued,
    int OpenDisputes);

/// <summary>The financial counselor's GFE worklist: owed (overdue first), then issued, within the caller's locations.</summary>
public static class GfeWorklist
{
    /// <summary>How many recently issued GFEs the worklist shows.</summary>
    public const int IssuedShown = 50;

    public static async Task<GfeWorklistView> LoadAsync(ClaimsPrincipal user, ClinicDb db, PracticeSettings practice, TimeProvider clock, CancellationToken ct)
    {
        var allowed = ScheduleViews.AllowedLocations(user);
        var today = PracticeClock.Today(clock);
        var due = await db.GfeDueItems.AsNoTracking()
            .Where(d => d.Status == GfeDueStatus.Open && (allowed == null || allowed.Contains(d.LocationId)))
            .OrderBy(d => d.DueBy).ThenBy(d => d.CreatedAt)
            .Join(db.Patients, d => d.PatientId, p => p.Id, (d, p) => new GfeDueRow(d.Id, d.PatientId, p.GivenName + " " + p.FamilyName, p.Mrn, d.LocationId,
                d.Trigger, d.ServiceDate, d.TriggeredOn, d.DueBy, d.Rule, d.DueBy < today))
            .Take(500).ToListAsync(ct);

        var issued = await db.GoodFaithEstimates.AsNoTracking()
            .Where(g => allowed == null || allowed.Contains(g.LocationId))
            .Where(g => !db.GoodFaithEstimates.Any(n => n.SeriesId == g.SeriesId && n.Version > g.Version))
            .OrderByDescending(g => g.IssuedAt).ThenByDescending(g => g.Version).Take(IssuedShown)
            .Select(g => new
            {
                g.Id, g.PatientId, g.Version, g.IssuedOn, g.ServiceDate, g.TotalCents, g.Currency, g.LocationId, g.SeriesId, g.EstimateVersion,
                Name = db.Patients.Where(p => p.Id == g.PatientId).Select(p => p.GivenName + " " + p.FamilyName).First(),
                Mrn = db.Patients.Where(p => p.Id == g.PatientId).Select(p => p.Mrn).First(),
                Dispute = db.Disputes.Any(d => d.GfeId == g.Id && d.Status == DisputeStatus.Open),
                Changed = db.Estimates.Any(e => e.SeriesId == g.SeriesId && e.Version > g.EstimateVersion && e.Status != EstimateStatus.Superseded),
            }).ToListAsync(ct);
        var settings = await practice.GetAsync<GoodFaithEstimateSettings>(ct);
        var rows = issued.Select(g => new GfeIssuedRow(g.Id, g.PatientId, g.Name, g.Mrn, g.Version, g.IssuedOn, g.ServiceDate, g.TotalCents, g.Currency, g.Dispute,
            g.Changed ? BusinessDays.Add(g.ServiceDate ?? today, -settings.ReissueBeforeServiceBusinessDays, settings.Calendar) : null)).ToList();
        var disputes = await db.Disputes.AsNoTracking().CountAsync(d => d.Status == DisputeStatus.Open
            && (allowed == null || db.GoodFaithEstimates.Any(g => g.Id == d.GfeId && allowed.Contains(g.LocationId))), ct);
        return new(today, [.. due.Where(d => d.Overdue)], [.. due.Where(d => !d.Overdue)], rows, disputes);
    }
}

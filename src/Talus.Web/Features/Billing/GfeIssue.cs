using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

public sealed class IssueGfeInput
{
    /// <summary>The estimate version the GFE is issued from.</summary>
    [Required] public Guid? EstimateId { get; set; }
}

/// <summary>
/// Issues a Good Faith Estimate from an estimate version (SPEC §7.2): refuses one that misses a required element (and
/// names them), keeps every version unchanged, re-issues only when scope or charges changed, closes the due items, asks
/// for re-consent (the consent binds the estimate version the patient saw) and emails a sign-in link through the outbox.
/// </summary>
public static class GfeIssue
{
    public static async Task<Outcome<GoodFaithEstimateRecord>> RunAsync(Guid patientId, IssueGfeInput input, string? by, string portalUrl, ClinicDb db,
        PracticeSettings practice, TimeProvider clock, IStringLocalizer<PatientText> text, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, ct);
        var estimate = await db.Estimates.AsNoTracking().Include(e => e.Lines)
            .FirstOrDefaultAsync(e => e.Id == input.EstimateId && e.PatientId == patientId, ct);
        if (patient is null || estimate is null)
        {
            return Outcome.NotFound("No such estimate for this patient.");
        }
        if (estimate.Status == EstimateStatus.Superseded)
        {
            return Outcome.Conflict($"Estimate version {estimate.Version} was superseded: issue the GFE from the current version.");
        }
        if (!GfeDue.IsSelfPay(estimate.Coverage))
        {
            return Outcome.Refused("A Good Faith Estimate is for uninsured or self-pay patients; this estimate bills the payer.",
                [new Reason("GFE-WHO", "The estimate's coverage is InsuredBilling: no GFE is owed (SPEC §7.2 \"Who\"). Record the coverage as uninsured or self-pay first.",
                    "Your insurance is billed for this care.", "SPEC §7.2; 45 CFR 149.610(a)")]);
        }
        var location = await db.Locations.AsNoTracking().Where(l => l.Id == estimate.LocationId).Select(l => new { l.TimeZone }).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = PracticeClock.Date(now, location.TimeZone);
        var settings = await GfeDue.SettingsForAsync(estimate.LocationId, db, practice, ct);
        var serviceDate = await ServiceDateAsync(patientId, estimate, location.TimeZone, today, db, ct);

        var content = GfeContent.From(patient, estimate, serviceDate, settings);
        var missing = GoodFaithEstimate.Validate(content.ToDocument());
        if (missing.Count > 0)
        {
            return Outcome.Invalid(new Dictionary<string, string[]>
            {
                ["estimate"] = [.. missing.Select(m => $"Element {m.Number.ToString(CultureInfo.InvariantCulture)} ({m.Element}): {m.Detail}")],
            });
        }

        var previous = await db.GoodFaithEstimates.AsNoTracking().Where(g => g.SeriesId == estimate.SeriesId)
            .OrderByDescending(g => g.Version).FirstOrDefaultAsync(ct);
        if (previous is not null)
        {
            var reissue = GoodFaithEstimate.CheckReissue(GfeContent.FromJson(previous.ContentJson).ToDocument(), content.ToDocument(),
                serviceDate ?? today, settings);
            if (!reissue.Required && previous.ServiceDate == serviceDate)
            {
                return Outcome.Conflict($"GFE version {previous.Version} already states these items and charges; nothing to re-issue.",
                    new Dictionary<string, object?> { ["gfeId"] = previous.Id });
            }
        }

        var record = Record(estimate, (previous?.Version ?? 0) + 1, content, today, now, by);
        var id = record.Id;
        db.GoodFaithEstimates.Add(record);
        foreach (var due in await db.GfeDueItems.Where(d => d.PatientId == patientId && d.Status == GfeDueStatus.Open).ToListAsync(ct))
        {
            due.Status = GfeDueStatus.Issued;
            due.IssuedGfeId = id;
            due.ClosedAt = now;
        }
        // Consent binds the estimate version the patient saw: a newly issued one asks for consent again (Features/Consent).
        await SupersedeConsents.ForEstimateChangeAsync(patientId, estimate.Id, estimate.Version, db, clock, ct);
        if (patient.Email is { Length: > 0 } email)
        {
            db.Outbox.Add(Email(patient, email, portalUrl, text, now));
        }
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The issued version of an estimate's GFE content, with its PDF rendered once and its SHA-256.</summary>
    public static GoodFaithEstimateRecord Record(Estimate estimate, int version, GfeContent content, DateOnly issuedOn, DateTime issuedAt, string? by)
    {
        var id = Guid.CreateVersion7();
        var pdf = GfePdf.Render(content, version, issuedOn, id);
        return new GoodFaithEstimateRecord
        {
            Id = id, PatientId = estimate.PatientId, SeriesId = estimate.SeriesId, Version = version, EstimateId = estimate.Id, EstimateVersion = estimate.Version,
            LocationId = estimate.LocationId, ServiceDate = content.ServiceDate, IssuedOn = issuedOn, IssuedAt = issuedAt, IssuedBy = by,
            TotalCents = content.TotalCents, Currency = content.Currency, ContentJson = content.ToJson(), Pdf = pdf, PdfSha256 = ConsentDocument.Sha256(pdf),
        };
    }

    /// <summary>The email that tells the patient a GFE is ready: no clinical or financial detail, a link to sign in.</summary>
    public static OutboxMessage Email(Patient patient, string email, string portalUrl, IStringLocalizer<PatientText> text, DateTime now)
        => PatientText.In(patient.PreferredLanguage, _ => new OutboxMessage
        {
            PatientId = patient.Id, Channel = ReminderChannel.Email, To = email, Subject = text["GfeEmailSubject"],
            Body = $"{text["ReminderGreeting", patient.GivenName]}\n\n{text["GfeEmailBody"]}\n{portalUrl.TrimEnd('/')}/portal\n\n{text["ReminderFooter"]}",
            DueAt = now, NextAttemptAt = now, Status = OutboxStatus.Pending, CreatedAt = now,
        });

    /// <summary>
    /// The scheduled date of the primary service: the booking that made the GFE due, else the estimate's episode
    /// procedure, else the patient's next booked procedure; null when nothing is scheduled.
    /// </summary>
    private static async Task<DateOnly?> ServiceDateAsync(Guid patientId, Estimate estimate, string zoneId, DateOnly today, ClinicDb db, CancellationToken ct)
    {
        var due = await db.GfeDueItems.AsNoTracking().Where(d => d.PatientId == patientId && d.Status == GfeDueStatus.Open && d.ServiceDate != null)
            .OrderBy(d => d.ServiceDate).Select(d => d.ServiceDate).FirstOrDefaultAsync(ct);
        if (due is not null)
        {
            return due;
        }
        var from = PracticeClock.StartUtc(today, zoneId);
        var start = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.Start >= from
                && (estimate.EpisodeId != null ? a.EpisodeId == estimate.EpisodeId && a.EpisodeStep == "procedure" : a.Type!.StartsEpisode))
            .OrderBy(a => a.Start).Select(a => (DateTime?)a.Start).FirstOrDefaultAsync(ct);
        return start is { } s ? PracticeClock.Date(s, zoneId) : null;
    }
}

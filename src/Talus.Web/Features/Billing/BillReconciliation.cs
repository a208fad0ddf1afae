using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

public sealed class RecordBillInput
{
    /// <summary>The provider or facility (its NPI, as listed on the GFE).</summary>
    [Required, RegularExpression("^[0-9]{10}$", ErrorMessage = "An NPI is 10 digits.")] public string Npi { get; set; } = "";
    /// <summary>The final billed amount in cents.</summary>
    [Range(0, 100_000_000)] public long BilledCents { get; set; }
    [Required, RegularExpression("^USD$", ErrorMessage = "Amounts are in USD.")] public string Currency { get; set; } = "USD";
    /// <summary>Date of the initial bill (the dispute window counts from it).</summary>
    [Required] public DateOnly? BilledOn { get; set; }
}

public sealed class OpenDisputeInput
{
    [Required, RegularExpression("^[0-9]{10}$", ErrorMessage = "An NPI is 10 digits.")] public string Npi { get; set; } = "";
    [Required] public DateOnly? OpenedOn { get; set; }
    [StringLength(500)] public string? Note { get; set; }
}

public sealed class CloseDisputeInput
{
    [Required] public DateOnly? ClosedOn { get; set; }
    [StringLength(500)] public string? Note { get; set; }
}

/// <summary>One provider's line of the reconciliation: expected on the GFE, billed, and whether the excess reaches the threshold.</summary>
public sealed record ProviderReconciliation(string Name, string Npi, long ExpectedCents, long? BilledCents, DateOnly? BilledOn, long ExcessCents,
    bool DisputeEligible, Guid? OpenDisputeId);

/// <summary>The reconciliation of one issued GFE with the final bills, per provider (SPEC §7.2 dispute threshold).</summary>
public sealed record Reconciliation(Guid GfeId, int GfeVersion, IReadOnlyList<ProviderReconciliation> Providers, bool AnyEligible, DateOnly? InitiateBy,
    bool WithinWindow, long ThresholdCents, long FeeCents, string DisputeInformationUrl, string Explanation, bool CollectionsPaused);

/// <summary>
/// Bill reconciliation: the final billed amount per provider or facility, flagged when it is at least $400 above that
/// provider's own GFE total (45 CFR 149.620; SPEC §7.2), and patient-provider disputes that pause collections while open.
/// </summary>
public static class BillReconciliation
{
    public static async Task<Outcome<Reconciliation>> ForAsync(Guid patientId, Guid gfeId, ClinicDb db, PracticeSettings practice, TimeProvider clock,
        CancellationToken ct)
    {
        var gfe = await db.GoodFaithEstimates.AsNoTracking().Where(g => g.Id == gfeId && g.PatientId == patientId)
            .Select(g => new { g.Id, g.Version, g.ContentJson, g.LocationId }).FirstOrDefaultAsync(ct);
        if (gfe is null)
        {
            return Outcome.NotFound("No such Good Faith Estimate for this patient.");
        }
        var content = GfeContent.FromJson(gfe.ContentJson);
        var bills = (await db.BilledAmounts.AsNoTracking().Where(b => b.GfeId == gfeId).ToListAsync(ct))
            .GroupBy(b => b.EntityNpi).ToDictionary(g => g.Key, g => g.OrderByDescending(b => b.RecordedAt).First());
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.GfeId == gfeId && d.Status == DisputeStatus.Open)
            .Select(d => new { d.Id, d.EntityNpi }).ToListAsync(ct);
        var zone = await db.Locations.AsNoTracking().Where(l => l.Id == gfe.LocationId).Select(l => l.TimeZone).FirstAsync(ct);
        var settings = await practice.GetAsync<GoodFaithEstimateSettings>(ct);
        var today = PracticeClock.Date(clock.GetUtcNow().UtcDateTime, zone);
        var firstBill = bills.Count == 0 ? (DateOnly?)null : bills.Values.Min(b => b.BilledOn);
        var check = GoodFaithEstimate.CheckDispute(content.ToDocument(), [.. bills.Values.Select(b => new ProviderAmount(b.EntityNpi, b.BilledCents))],
            firstBill ?? today, today, settings);
        var providers = content.Providers.Select(p =>
        {
            var billed = bills.GetValueOrDefault(p.Npi);
            var verdict = check.Providers.First(v => v.ProviderId == p.Npi);
            return new ProviderReconciliation(p.Name, p.Npi, p.TotalCents, billed?.BilledCents, billed?.BilledOn, billed is null ? 0 : verdict.ExcessCents,
                billed is not null && verdict.ExceedsThreshold, disputes.FirstOrDefault(d => d.EntityNpi == p.Npi)?.Id);
        }).ToList();
        return new Reconciliation(gfeId, gfe.Version, providers, providers.Any(p => p.DisputeEligible), firstBill is null ? null : check.InitiateBy,
            check.WithinWindow, settings.DisputeThresholdCents, settings.DisputeFeeCents, GfeContent.DisputeInformationUrl,
            firstBill is null ? "No final bill recorded yet." : check.Reason.ClinicianText + " " + check.FeeText, disputes.Count > 0);
    }

    public static async Task<Outcome<Reconciliation>> RecordBillAsync(Guid patientId, Guid gfeId, RecordBillInput input, string? by, ClinicDb db,
        PracticeSettings practice, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (await ListedAsync(patientId, gfeId, input.Npi, db, ct) is { } failure)
        {
            return failure;
        }
        db.BilledAmounts.Add(new BilledAmount
        {
            PatientId = patientId, GfeId = gfeId, EntityNpi = input.Npi, BilledCents = input.BilledCents, Currency = input.Currency,
            BilledOn = input.BilledOn!.Value, RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = by,
        });
        await db.SaveChangesAsync(ct);
        return await ForAsync(patientId, gfeId, db, practice, clock, ct);
    }

    public static async Task<Outcome<Dispute>> OpenDisputeAsync(Guid patientId, Guid gfeId, OpenDisputeInput input, string? by, ClinicDb db, TimeProvider clock,
        CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (await ListedAsync(patientId, gfeId, input.Npi, db, ct) is { } failure)
        {
            return failure;
        }
        if (await db.Disputes.AnyAsync(d => d.GfeId == gfeId && d.EntityNpi == input.Npi && d.Status == DisputeStatus.Open, ct))
        {
            return Outcome.Conflict("A dispute about this provider's bill is already open.");
        }
        var dispute = new Dispute
        {
            PatientId = patientId, GfeId = gfeId, EntityNpi = input.Npi, Status = DisputeStatus.Open, OpenedOn = input.OpenedOn!.Value, Note = input.Note,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by,
        };
        db.Disputes.Add(dispute);
        await db.SaveChangesAsync(ct);
        return dispute;
    }

    public static async Task<Outcome<Dispute>> CloseDisputeAsync(Guid patientId, Guid disputeId, CloseDisputeInput input, ClinicDb db, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var dispute = await db.Disputes.FirstOrDefaultAsync(d => d.Id == disputeId && d.PatientId == patientId, ct);
        if (dispute is null)
        {
            return Outcome.NotFound("No such dispute for this patient.");
        }
        if (dispute.Status == DisputeStatus.Closed)
        {
            return Outcome.Conflict("This dispute is already closed.");
        }
        if (input.ClosedOn < dispute.OpenedOn)
        {
            return Outcome.Invalid("closedOn", "A dispute cannot close before it opened.");
        }
        dispute.Status = DisputeStatus.Closed;
        dispute.ClosedOn = input.ClosedOn;
        dispute.Note = input.Note ?? dispute.Note;
        dispute.Concurrency = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return dispute;
    }

    /// <summary>Is any dispute open for this patient? Then collections are paused (45 CFR 149.620).</summary>
    public static Task<bool> CollectionsPausedAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        db.Disputes.AnyAsync(d => d.PatientId == patientId && d.Status == DisputeStatus.Open, ct);

    private static async Task<Failure?> ListedAsync(Guid patientId, Guid gfeId, string npi, ClinicDb db, CancellationToken ct)
    {
        var json = await db.GoodFaithEstimates.AsNoTracking().Where(g => g.Id == gfeId && g.PatientId == patientId).Select(g => g.ContentJson).FirstOrDefaultAsync(ct);
        if (json is null)
        {
            return Outcome.NotFound("No such Good Faith Estimate for this patient.");
        }
        return GfeContent.FromJson(json).Providers.Any(p => p.Npi == npi) ? null : Outcome.Invalid("npi", "This provider or facility is not on the Good Faith Estimate.");
    }
}

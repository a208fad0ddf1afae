using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Plan;

namespace Talus.Web.Features.Procedure;

/// <summary>What the clinician records after an injection; joint, side and product come from the plan.</summary>
public sealed class ProcedureInput
{
    [Required, Display(Name = "Plan")] public Guid? PlanId { get; set; }
    [Required, Display(Name = "Date")] public DateOnly? PerformedOn { get; set; }
    [Required, Display(Name = "Location")] public int? LocationId { get; set; }
    [Required, Display(Name = "Operator")] public int? OperatorId { get; set; }
    [Display(Name = "Harvest site")] public HarvestSite HarvestSite { get; set; } = HarvestSite.None;
    [StringLength(200), Display(Name = "Processing system")] public string? ProcessingSystem { get; set; }
    [StringLength(400), Display(Name = "Processing settings")] public string? ProcessingSettings { get; set; }
    [Range(0.0, 500.0), Display(Name = "Harvest volume (mL)")] public decimal? HarvestVolumeMl { get; set; }
    [Required, Range(0.1, 100.0), Display(Name = "Injectate volume (mL)")] public decimal? InjectateVolumeMl { get; set; }
    [Range(0.0, 100000.0), Display(Name = "Nucleated cells (millions)")] public decimal? NucleatedCellsMillions { get; set; }
    [Range(0.0, 20000.0), Display(Name = "Platelets (×10³/µL)")] public decimal? PlateletCountThousandsPerMicroliter { get; set; }
    [Required, Display(Name = "Image guidance")] public ImageGuidance? ImageGuidance { get; set; }
    [Required, Display(Name = "Anesthesia")] public Anesthesia? Anesthesia { get; set; }
    [Range(1, 600), Display(Name = "Duration (minutes)")] public int? DurationMinutes { get; set; }
    [StringLength(80), Display(Name = "Lot number")] public string? ExternalLot { get; set; }
    [StringLength(80), Display(Name = "Donor id")] public string? ExternalDonorId { get; set; }
    [Display(Name = "Expiry date")] public DateOnly? ExternalExpiry { get; set; }
    [StringLength(4000), Display(Name = "Complications")] public string? Complications { get; set; }

    // How the product was prepared on the day (SPEC §6.3 inputs); the defaults describe a same-day autologous procedure.
    public bool SameDay { get; set; } = true;
    public bool SameProcedure { get; set; } = true;
    public bool CultureExpanded { get; set; }
    public bool EnzymaticDigestion { get; set; }
    public bool IsolatedCellFraction { get; set; }
}

/// <summary>
/// Records a procedure. Before anything is written: the product is classified (SPEC §6.3) — RED is refused with its
/// reasons, AMBER needs the counsel sign-off in the practice settings, RESEARCH_ONLY needs an IND and a signed research
/// consent — and a signed, not superseded consent for this plan version and product must exist. The dated after-care
/// plan (SPEC §4.7) is generated and stored with the record.
/// </summary>
public static class RecordProcedure
{
    public static BiologicProduct ProductOf(TreatmentPlan plan, ProcedureInput input) => new()
    {
        Type = plan.Product!.Value,
        Source = plan.Product == InjectionProduct.AllogeneicPerinatal ? TissueSource.Allogeneic : plan.Source,
        SameDay = input.SameDay,
        SameProcedure = input.SameProcedure,
        CultureExpanded = input.CultureExpanded,
        EnzymaticDigestion = input.EnzymaticDigestion,
        IsolatedCellFraction = input.IsolatedCellFraction,
        IndNumber = plan.IndNumber,
    };

    public static async Task<Outcome<ProcedureRecord>> RunAsync(Guid patientId, ProcedureInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var plan = await db.TreatmentPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PlanId && p.PatientId == patientId, ct);
        if (plan is null)
        {
            return Outcome.Invalid<ProcedureRecord>("planId", "No treatment plan with this id for this patient.");
        }
        if (plan.Product is not { } product)
        {
            return Outcome.Invalid<ProcedureRecord>("planId", "This plan has no injection product.");
        }
        var errors = new Dictionary<string, string[]>();
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == input.LocationId, ct);
        if (location is null)
        {
            errors["locationId"] = ["No such location."];
        }
        if (!await db.Staff.AnyAsync(s => s.Id == input.OperatorId && s.Role == Roles.Clinician && s.IsActive, ct))
        {
            errors["operatorId"] = ["The operator must be an active clinician."];
        }
        var today = Talus.Web.Shared.PracticeClock.Today(clock, location?.TimeZone);
        if (input.PerformedOn > today)
        {
            errors["performedOn"] = ["The procedure date cannot be in the future."];
        }
        var allogeneic = plan.Source == TissueSource.Allogeneic || product == InjectionProduct.AllogeneicPerinatal;
        if (InjectionProducts.NeedsTissueHarvest(product) && input.HarvestSite is HarvestSite.None or HarvestSite.PeripheralBlood)
        {
            errors["harvestSite"] = ["Name the bone-marrow or fat harvest site for this product."];
        }
        if (allogeneic && string.IsNullOrWhiteSpace(input.ExternalLot))
        {
            errors["externalLot"] = ["A product received from outside needs its lot number."];
        }
        if (input.ExternalExpiry is { } expiry && input.PerformedOn is { } on && expiry < on)
        {
            errors["externalExpiry"] = ["The product had expired on the procedure date."];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ProcedureRecord>(errors);
        }

        var classification = ProductClassification.Classify(ProductOf(plan, input), await JourneySettings.RegulationAsync(db, ct));
        var regulatory = classification.Reasons.Where(r => r.Code.StartsWith("REG", StringComparison.Ordinal)).Select(r => r.ClinicianText);
        if (classification.Flag == RegulatoryFlag.Red)
        {
            return Outcome.Refused<ProcedureRecord>($"Blocked: {PlanText.Product(product)} as prepared is RED. {string.Join(" ", regulatory)}", classification.Reasons);
        }
        if (!classification.MayProceed)
        {
            return Outcome.Refused<ProcedureRecord>($"Blocked: {PlanText.Product(product)} is {PlanText.Flag(classification.Flag)} and the counsel sign-off is not recorded in the practice settings.", classification.Reasons);
        }

        var consent = await db.ConsentPackets.AsNoTracking()
            .Where(c => c.PlanId == plan.Id && c.Product == product && c.Status == ConsentStatus.Signed)
            .OrderByDescending(c => c.SignedAt).FirstOrDefaultAsync(ct);
        if (!plan.IsCurrent || consent is null)
        {
            return Outcome.Refused<ProcedureRecord>(plan.IsCurrent
                ? $"No signed consent for plan version {plan.Version} and {PlanText.Product(product)}. The patient must sign the consent first."
                : $"Plan version {plan.Version} has been replaced; its consent is no longer valid. Use the current plan and a new consent.");
        }
        if (classification.Flag == RegulatoryFlag.ResearchOnly && (string.IsNullOrWhiteSpace(plan.IndNumber) || !consent.ResearchConsent))
        {
            return Outcome.Refused<ProcedureRecord>("Research use: an IND number and a signed research consent are required.", classification.Reasons);
        }

        var performedOn = input.PerformedOn!.Value;
        var afterCare = AfterCarePlan.For(performedOn, plan.Joint, InjectionProducts.NeedsTissueHarvest(product), JourneySettings.AfterCare());
        var record = new ProcedureRecord
        {
            PatientId = patientId, PlanId = plan.Id, PlanVersion = plan.Version, ConsentPacketId = consent.Id, PerformedOn = performedOn,
            LocationId = location!.Id, OperatorId = input.OperatorId!.Value, Joint = plan.Joint, Side = plan.Side, Product = product,
            Source = allogeneic ? TissueSource.Allogeneic : plan.Source, HarvestSite = input.HarvestSite,
            ProcessingSystem = Blank(input.ProcessingSystem), ProcessingSettings = Blank(input.ProcessingSettings),
            HarvestVolumeMl = input.HarvestVolumeMl, InjectateVolumeMl = input.InjectateVolumeMl!.Value,
            NucleatedCellsMillions = input.NucleatedCellsMillions, PlateletCountThousandsPerMicroliter = input.PlateletCountThousandsPerMicroliter,
            ImageGuidance = input.ImageGuidance!.Value, Anesthesia = input.Anesthesia!.Value, DurationMinutes = input.DurationMinutes,
            ExternalLot = Blank(input.ExternalLot), ExternalDonorId = Blank(input.ExternalDonorId), ExternalExpiry = input.ExternalExpiry,
            Complications = Blank(input.Complications), Flag = classification.Flag, IndNumber = plan.IndNumber,
            ClassificationJson = JsonSerializer.Serialize(classification.Reasons),
            AfterCareJson = JsonSerializer.Serialize(afterCare),
            RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = by,
        };
        db.Procedures.Add(record);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok<ProcedureRecord>(record);
    }

    public static IReadOnlyList<AfterCareInstruction> AfterCareOf(ProcedureRecord p) =>
        JsonSerializer.Deserialize<AfterCareInstruction[]>(p.AfterCareJson) ?? [];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class AdverseEventInput
{
    [Required, Display(Name = "Type")] public AdverseEventType? Type { get; set; }
    [StringLength(4000), Display(Name = "Description")] public string? Description { get; set; }
    [Required, Display(Name = "Severity")] public Severity? Severity { get; set; }
    [Required, Display(Name = "Onset date")] public DateOnly? OnsetOn { get; set; }
    [Display(Name = "Resolution date")] public DateOnly? ResolvedOn { get; set; }
    [Required, Display(Name = "Outcome")] public AdverseOutcome? Outcome { get; set; }
    [Required, Display(Name = "Related to the procedure")] public Relatedness? RelatedToProcedure { get; set; }
}

/// <summary>Adds an adverse event to a procedure, at any time after it.</summary>
public static class AddAdverseEvent
{
    public static async Task<Outcome<AdverseEvent>> RunAsync(Guid patientId, Guid procedureId, AdverseEventInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var procedure = await db.Procedures.AsNoTracking().FirstOrDefaultAsync(p => p.Id == procedureId && p.PatientId == patientId, ct);
        if (procedure is null)
        {
            return Outcome.Missing<AdverseEvent>();
        }
        var errors = new Dictionary<string, string[]>();
        var today = Talus.Web.Shared.PracticeClock.Today(clock);
        if (input.OnsetOn < procedure.PerformedOn || input.OnsetOn > today)
        {
            errors["onsetOn"] = [$"The onset date is between the procedure ({procedure.PerformedOn:yyyy-MM-dd}) and today."];
        }
        if (input.ResolvedOn is { } resolved && (resolved < input.OnsetOn || resolved > today))
        {
            errors["resolvedOn"] = ["The resolution date is between the onset and today."];
        }
        if (input.Outcome is AdverseOutcome.Resolved or AdverseOutcome.ResolvedWithSequelae && input.ResolvedOn is null)
        {
            errors["resolvedOn"] = ["A resolved event needs its resolution date."];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<AdverseEvent>(errors);
        }
        var ae = new AdverseEvent
        {
            PatientId = patientId, ProcedureId = procedureId, Type = input.Type!.Value, Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Severity = input.Severity!.Value, OnsetOn = input.OnsetOn!.Value, ResolvedOn = input.ResolvedOn, Outcome = input.Outcome!.Value,
            RelatedToProcedure = input.RelatedToProcedure!.Value, RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = by,
        };
        db.AdverseEvents.Add(ae);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok<AdverseEvent>(ae);
    }
}

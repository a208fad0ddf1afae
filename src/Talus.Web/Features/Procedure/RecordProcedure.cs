using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;
using PlanText = Talus.Web.Features.Plan.PlanText;
using TreatmentPlan = Talus.Web.Features.Plan.TreatmentPlan;

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

/// <summary>What recording answers: the record, and the booked procedure appointment it completed (null = none was booked).</summary>
public sealed record RecordedProcedure(ProcedureRecord Record, Appointment? CompletedAppointment);

/// <summary>
/// Records a procedure. Before anything is written the procedure gate (<see cref="ProcedureGate"/>) must allow it for the
/// plan's joint and side on that date: a current candidacy assessment, no absolute contraindication, washouts cleared,
/// relative findings overridden, and the product as prepared allowed (SPEC §6.3: RED refused, AMBER only with the counsel
/// sign-off in the practice settings). RESEARCH_ONLY needs an IND and a signed research consent, and a signed, not
/// superseded consent for this plan version and product must exist. The dated after-care plan (SPEC §4.7, the practice's
/// AfterCareSettings) is stored with the record, and the patient's booked procedure appointment of that day is completed
/// (its follow-up series stays as booked).
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

    public static async Task<Outcome<RecordedProcedure>> RunAsync(Guid patientId, ProcedureInput input, string? by, ClinicDb db, PracticeSettings settings,
        TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var plan = await db.TreatmentPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PlanId && p.PatientId == patientId, ct);
        if (plan is null)
        {
            return Outcome.Invalid("planId", "No treatment plan with this id for this patient.");
        }
        if (plan.Product is not { } product)
        {
            return Outcome.Invalid("planId", "This plan has no injection product.");
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
            return Outcome.Invalid(errors);
        }

        var performedOn = input.PerformedOn!.Value;
        var biologic = ProductOf(plan, input);
        var gate = await ProcedureGate.CheckAsync(db, settings, patientId, plan.Joint, plan.Side, performedOn, biologic, ct);
        if (gate.Count > 0)
        {
            return ProcedureGate.Refusal(plan.Joint, plan.Side, performedOn, gate);
        }

        var classification = ProductClassification.Classify(biologic, await settings.GetAsync<RegulationSettings>(ct));
        var consent = await db.ConsentPackets.AsNoTracking()
            .Where(c => c.PlanId == plan.Id && c.Product == product && c.Status == ConsentStatus.Signed)
            .OrderByDescending(c => c.SignedAt).FirstOrDefaultAsync(ct);
        if (!plan.IsCurrent || consent is null)
        {
            return Outcome.Refused(plan.IsCurrent
                ? $"No signed consent for plan version {plan.Version} and {PlanText.Product(product)}. The patient must sign the consent first."
                : $"Plan version {plan.Version} has been replaced; its consent is no longer valid. Use the current plan and a new consent.");
        }
        if (classification.Flag == RegulatoryFlag.ResearchOnly && (string.IsNullOrWhiteSpace(plan.IndNumber) || !consent.ResearchConsent))
        {
            return Outcome.Refused("Research use: an IND number and a signed research consent are required.", classification.Reasons);
        }

        var afterCare = AfterCarePlan.For(performedOn, plan.Joint, InjectionProducts.NeedsTissueHarvest(product), await settings.GetAsync<AfterCareSettings>(ct));
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
        FollowUp.ScheduleVisits.Add(db, record, await settings.GetAsync<Talus.Clinical.FollowUp.FollowUpSettings>(ct), today);
        var appointment = await BookedProcedureAsync(db, patientId, performedOn, location.Id, ct);
        if (appointment is not null)
        {
            // The booked procedure is done; its follow-up series (same episode) stays booked.
            appointment.Status = AppointmentStatus.Completed;
            appointment.Version = Guid.NewGuid();
        }
        await db.SaveChangesAsync(ct);
        return new RecordedProcedure(record, appointment);
    }

    /// <summary>
    /// The patient's booked (or checked-in) procedure appointment on that local date, the one at the recording location
    /// first; null when none was booked.
    /// </summary>
    public static async Task<Appointment?> BookedProcedureAsync(ClinicDb db, Guid patientId, DateOnly on, int locationId, CancellationToken ct)
    {
        // Any zone's local day lies within ±14 h of the UTC day.
        var from = on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-14);
        var to = on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(38);
        var candidates = await db.Appointments.Include(a => a.Location).Include(a => a.Type)
            .Where(a => a.PatientId == patientId && a.Type!.StartsEpisode && a.Start >= from && a.Start < to
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn))
            .ToListAsync(ct);
        return candidates
            .Where(a => Availability.LocalDate(Availability.Zone(a.Location!.TimeZone), a.Start) == on)
            .OrderByDescending(a => a.LocationId == locationId).ThenBy(a => a.Start).FirstOrDefault();
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
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var procedure = await db.Procedures.AsNoTracking().FirstOrDefaultAsync(p => p.Id == procedureId && p.PatientId == patientId, ct);
        if (procedure is null)
        {
            return Outcome.NotFound();
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
            return Outcome.Invalid(errors);
        }
        var ae = new AdverseEvent
        {
            PatientId = patientId, ProcedureId = procedureId, Type = input.Type!.Value, Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Severity = input.Severity!.Value, OnsetOn = input.OnsetOn!.Value, ResolvedOn = input.ResolvedOn, Outcome = input.Outcome!.Value,
            RelatedToProcedure = input.RelatedToProcedure!.Value, RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = by,
        };
        db.AdverseEvents.Add(ae);
        await db.SaveChangesAsync(ct);
        return ae;
    }
}

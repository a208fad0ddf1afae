using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Shared;

namespace Talus.Web.Features.Plan;

/// <summary>What the clinician decides for one joint: the same rules for the form and the REST API.</summary>
public sealed class PlanInput
{
    [Required, Display(Name = "Joint")] public Joint? Joint { get; set; }
    [Required, Display(Name = "Side")] public Side? Side { get; set; }
    [Display(Name = "Injection product")] public InjectionProduct? Product { get; set; }
    [Display(Name = "Tissue source")] public TissueSource Source { get; set; } = TissueSource.Autologous;
    [StringLength(40), RegularExpression(@"^[A-Za-z0-9\- ]+$", ErrorMessage = "IND number: letters, digits and dashes only."), Display(Name = "IND number")]
    public string? IndNumber { get; set; }
    [Display(Name = "Other option")] public NonInjectionOption? Alternative { get; set; }
    [Range(0, 3, ErrorMessage = "Planned injections must be between 0 and 3 (SPEC §4.6)."), Display(Name = "Planned injections")]
    public int PlannedInjections { get; set; } = 1;
    [Required, StringLength(4000, MinimumLength = 3), Display(Name = "Rationale")] public string Rationale { get; set; } = "";
    [StringLength(2000), Display(Name = "Physical therapy")] public string? PhysicalTherapy { get; set; }
    [StringLength(2000), Display(Name = "Orthotics and bracing")] public string? Orthotics { get; set; }
    [StringLength(2000), Display(Name = "Activity changes")] public string? ActivityChanges { get; set; }
    [StringLength(2000), Display(Name = "Weight management")] public string? WeightManagement { get; set; }
    [Display(Name = "Decision aid shown")] public Guid? DecisionAidRecordId { get; set; }
    /// <summary>The version the change is based on (null for a first plan); a stale version is refused with 409.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Plan versions start at 1; leave basedOnVersion out for a first plan.")]
    public int? BasedOnVersion { get; set; }

    public static PlanInput From(TreatmentPlan p) => new()
    {
        Joint = p.Joint, Side = p.Side, Product = p.Product, Source = p.Source, IndNumber = p.IndNumber, Alternative = p.Alternative,
        PlannedInjections = p.PlannedInjections, Rationale = p.Rationale, PhysicalTherapy = p.PhysicalTherapy, Orthotics = p.Orthotics,
        ActivityChanges = p.ActivityChanges, WeightManagement = p.WeightManagement, DecisionAidRecordId = p.DecisionAidRecordId,
        BasedOnVersion = p.Version,
    };
}

/// <summary>The plan in force after a save; <see cref="Changed"/> false when the input matched it (no new version).</summary>
public sealed record PlanSaved(TreatmentPlan Plan, bool Changed, int ConsentsSuperseded);

/// <summary>
/// Saves a plan: the first version, or the next one when anything changed. A new version supersedes every consent
/// given (or waiting) for an earlier version of this joint's plan: re-consent is required. Checks its own input: the
/// page and the API only call it.
/// </summary>
public static class SavePlan
{
    /// <summary>The annotations, then the rules they cannot express, named by camelCase field.</summary>
    public static Failure? Check(PlanInput input)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var errors = new FieldErrors();
        if (input.Product is null && input.Alternative is null)
        {
            errors.Add("product", "Choose an injection product or another option.");
        }
        if (input.Product is not null && input.PlannedInjections < 1)
        {
            errors.Add("plannedInjections", "A plan with an injection plans at least one injection.");
        }
        if (input.Product is null && input.PlannedInjections != 0)
        {
            errors.Add("plannedInjections", "A plan without an injection product plans no injections.");
        }
        if (input.Product is null && !string.IsNullOrWhiteSpace(input.IndNumber))
        {
            errors.Add("indNumber", "An IND number belongs to an injection product.");
        }
        return errors.ToFailure();
    }

    public static async Task<Shared.Outcome<PlanSaved>> RunAsync(Guid patientId, PlanInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (Check(input) is { } invalid)
        {
            return invalid;
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Shared.Outcome.NotFound("No such patient.");
        }
        DecisionAidRecord? aid = null;
        if (input.DecisionAidRecordId is { } aidId)
        {
            aid = await db.DecisionAids.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aidId && a.PatientId == patientId, ct);
            if (aid is null)
            {
                return Shared.Outcome.Invalid("decisionAidRecordId", "No decision aid with this id for this patient.");
            }
        }

        var joint = input.Joint!.Value;
        var side = input.Side!.Value;
        var current = await db.Set<TreatmentPlan>()
            .Where(p => p.PatientId == patientId && p.Joint == joint && p.Side == side && p.SupersededAt == null)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (current is not null && input.BasedOnVersion != current.Version)
        {
            return Shared.Outcome.Conflict(
                $"The plan for this joint is now at version {current.Version}, changed after this form was opened (or not opened from it). " +
                $"Review it and apply your change to version {current.Version} (basedOnVersion={current.Version}).",
                new Dictionary<string, object?> { ["currentVersion"] = current.Version });
        }

        var candidacy = await db.CandidacyAssessments.AsNoTracking()
            .Where(c => c.PatientId == patientId && c.Joint == joint && c.Side == side)
            .OrderByDescending(c => c.At).Select(c => new { c.Id, c.Verdict, c.OverrideVerdict }).FirstOrDefaultAsync(ct);

        var plan = new TreatmentPlan
        {
            PatientId = patientId, Joint = joint, Side = side, Version = (current?.Version ?? 0) + 1,
            Product = input.Product, Source = input.Product is null ? TissueSource.Autologous : input.Source,
            IndNumber = Blank(input.IndNumber), Alternative = input.Alternative, PlannedInjections = input.PlannedInjections,
            Rationale = input.Rationale.Trim(), PhysicalTherapy = Blank(input.PhysicalTherapy), Orthotics = Blank(input.Orthotics),
            ActivityChanges = Blank(input.ActivityChanges), WeightManagement = Blank(input.WeightManagement),
            DecisionAidRecordId = aid?.Id, DecisionAidContentVersion = aid?.ContentVersion,
            CandidacyAssessmentId = candidacy?.Id, CandidacyVerdict = candidacy?.OverrideVerdict ?? candidacy?.Verdict,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by,
        };
        if (current is not null && SameContent(current, plan))
        {
            return new PlanSaved(current, false, 0);
        }

        var superseded = 0;
        if (current is not null)
        {
            current.SupersededAt = plan.CreatedAt;
            superseded = await SupersedeConsents.ForPlanChangeAsync(patientId, joint, side, plan.Version, db, clock, ct);
        }
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return new PlanSaved(plan, true, superseded);
    }

    private static bool SameContent(TreatmentPlan a, TreatmentPlan b) =>
        a.Product == b.Product && a.Source == b.Source && a.IndNumber == b.IndNumber && a.Alternative == b.Alternative
        && a.PlannedInjections == b.PlannedInjections && a.Rationale == b.Rationale && a.PhysicalTherapy == b.PhysicalTherapy
        && a.Orthotics == b.Orthotics && a.ActivityChanges == b.ActivityChanges && a.WeightManagement == b.WeightManagement
        && a.DecisionAidRecordId == b.DecisionAidRecordId;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

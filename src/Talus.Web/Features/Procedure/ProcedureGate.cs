using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Candidacy;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;
using PlanText = Talus.Web.Features.Plan.PlanText;
using TreatmentPlan = Talus.Web.Features.Plan.TreatmentPlan;

namespace Talus.Web.Features.Procedure;

/// <summary>
/// The procedure gate, checked where the action happens: when a procedure is booked and when it is recorded. For one
/// joint and side on one date it refuses when there is no candidacy assessment or it is older than the practice's limit,
/// the verdict is NotCandidate (SPEC §2.2: never overridable), a washout has not cleared by that date (§2.4), relative
/// findings have no physician override (§2.3), or the product may not be given (§6.3). The rules are
/// <see cref="ProcedureClearance"/>; this loads the stored assessment (replaying its stored input to the procedure date
/// with the same rules when it was measured to another date or product) and the practice settings.
/// </summary>
public static class ProcedureGate
{
    /// <summary>The reasons the procedure may not happen; empty = allowed. <paramref name="product"/> null = as the current plan says.</summary>
    public static async Task<IReadOnlyList<Reason>> CheckAsync(ClinicDb db, PracticeSettings settings, Guid patientId, Joint joint, Side side,
        DateOnly date, BiologicProduct? product, CancellationToken ct)
    {
        var candidacy = await settings.GetAsync<CandidacySettings>(ct);
        if (product is null && await CurrentPlanAsync(db, patientId, joint, side, ct) is { } plan)
        {
            product = PrepareConsent.ProductOf(plan);
        }
        var classification = product is null ? null : ProductClassification.Classify(product, await settings.GetAsync<RegulationSettings>(ct));

        // The assessment in force on the procedure date: the latest made on or before it (a procedure recorded afterwards for an
        // earlier day is judged by what was known then); only when none was made by then, the latest (answered "made after").
        var assessments = (await db.CandidacyAssessments.AsNoTracking().Where(a => a.PatientId == patientId && a.Joint == joint && a.Side == side).ToListAsync(ct))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id.ToString()).ToList();
        var latest = assessments.FirstOrDefault(a => a.AssessedOn <= date) ?? assessments.FirstOrDefault();
        var facts = new ClearanceFacts { Regulatory = classification };
        if (latest is not null)
        {
            var result = JsonSerializer.Deserialize<CandidacyResult>(latest.ResultJson, AssessCandidacy.Json)!;
            CandidacyResult? replayed = null;
            if (result.AssessedFor != date || (product is not null && product.Type != latest.Product))
            {
                // The same rules on the same stored facts, measured to the procedure date and for the product to be given.
                var input = JsonSerializer.Deserialize<CandidacyInput>(latest.InputJson, AssessCandidacy.Json)!;
                replayed = Clinical.Candidacy.Assess(input with
                {
                    PlannedProcedureDate = date,
                    Product = product?.Type ?? input.Product,
                    Source = product?.Source ?? input.Source,
                }, candidacy, date);
            }
            facts = facts with { Assessment = result, AssessedOn = latest.AssessedOn, Overridden = latest.OverrideVerdict is not null, Replayed = replayed };
        }
        return ProcedureClearance.Check(facts, date, candidacy);
    }

    /// <summary>The refusal a use case returns: 409 with the reasons, in clinician words.</summary>
    public static Failure Refusal(Joint joint, Side side, DateOnly date, IReadOnlyList<Reason> reasons) =>
        Outcome.Refused($"Not allowed for the {PlanText.JointSide(joint, side).ToLowerInvariant()} on {date:yyyy-MM-dd}: " +
            string.Join(" ", reasons.Select(r => r.ClinicianText)), reasons);

    /// <summary>
    /// The gate at booking. Joint and side come from the booking when given, else from the patient's one current plan with an
    /// injection (what the front desk books from); several plans, or none, need them named.
    /// </summary>
    public static async Task<Failure?> ForBookingAsync(ClinicDb db, PracticeSettings settings, Guid patientId, Joint? joint, Side? side,
        DateOnly date, CancellationToken ct)
    {
        if (joint is { } j && !Enum.IsDefined(j))
        {
            return Outcome.Invalid("joint", "Choose one of the joints this program treats.");
        }
        if (side is { } sd && !Enum.IsDefined(sd))
        {
            return Outcome.Invalid("side", "Choose Left or Right.");
        }
        if (joint is null != side is null)
        {
            return Outcome.Invalid(joint is null ? "joint" : "side", "Give both the joint and the side of the procedure, or neither to use the treatment plan's.");
        }
        if (joint is null)
        {
            var plans = await db.TreatmentPlans.AsNoTracking()
                .Where(p => p.PatientId == patientId && p.SupersededAt == null && p.Product != null)
                .Select(p => new { p.Joint, p.Side }).ToListAsync(ct);
            if (plans.Count != 1)
            {
                return Outcome.Invalid("joint", plans.Count == 0
                    ? "The patient has no current treatment plan with an injection: a procedure is booked once the plan is made (or name the joint and side)."
                    : "The patient has plans for more than one joint: choose the joint and side of this procedure.");
            }
            (joint, side) = (plans[0].Joint, plans[0].Side);
        }
        var reasons = await CheckAsync(db, settings, patientId, joint.Value, side!.Value, date, null, ct);
        return reasons.Count == 0 ? null : Refusal(joint.Value, side.Value, date, reasons);
    }

    private static Task<TreatmentPlan?> CurrentPlanAsync(ClinicDb db, Guid patientId, Joint joint, Side side, CancellationToken ct) =>
        db.TreatmentPlans.AsNoTracking()
            .Where(p => p.PatientId == patientId && p.Joint == joint && p.Side == side && p.SupersededAt == null && p.Product != null)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
}

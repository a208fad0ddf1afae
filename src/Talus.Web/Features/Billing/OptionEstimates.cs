using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Settings;

namespace Talus.Web.Features.Billing;

/// <summary>
/// What this patient would pay for each decision-aid option, once the patient has an estimate: the presented estimate
/// for the planned option, and the same price book, coverage and payer rules for the others. Empty when the patient has
/// no estimate (the decision aid then keeps the SPEC §7.1 ranges).
/// </summary>
public static class OptionEstimates
{
    private static readonly Dictionary<string, (InjectionProduct? Product, NonInjectionOption? Alternative)> Options = new()
    {
        ["bmac"] = (InjectionProduct.BoneMarrowAspirateConcentrate, null),
        ["mfat"] = (InjectionProduct.MicrofragmentedAdipose, null),
        ["prp"] = (InjectionProduct.PlateletRichPlasma, null),
        ["steroid"] = (InjectionProduct.Corticosteroid, null),
        ["ha"] = (InjectionProduct.HyaluronicAcid, null),
        ["pt"] = (null, NonInjectionOption.PhysicalTherapy),
        ["orthotics"] = (null, NonInjectionOption.CustomOrthotics),
    };

    public static async Task<IReadOnlyDictionary<string, long>> ForPatientAsync(Guid patientId, Joint joint, Side side, ClinicDb db, PracticeSettings settings,
        CancellationToken ct)
    {
        var shown = await db.Estimates.AsNoTracking()
            .Where(e => e.PatientId == patientId && (e.Status == EstimateStatus.Presented || e.Status == EstimateStatus.Accepted))
            .OrderByDescending(e => e.PresentedAt).Select(e => new { e.PriceBookId, e.LocationId, e.TreatmentPlanId, e.PatientResponsibilityCents }).ToListAsync(ct);
        if (shown.Count == 0)
        {
            return new Dictionary<string, long>();
        }
        var bookId = shown[0].PriceBookId ?? await db.PriceBooks.Where(b => b.LocationId == shown[0].LocationId && b.Status == PriceBookStatus.Active)
            .OrderByDescending(b => b.Version).Select(b => (int?)b.Id).FirstOrDefaultAsync(ct);
        var book = await db.PriceBooks.AsNoTracking().Include(b => b.Items).FirstOrDefaultAsync(b => b.Id == bookId, ct);
        var coverage = await Coverages.CurrentAsync(patientId, db, ct);
        var status = coverage?.Status ?? CoverageStatus.Uninsured;
        var rules = coverage?.PayerName is { } payer ? await db.PayerRules.AsNoTracking().Where(r => r.PayerName == payer).ToListAsync(ct) : [];
        var billing = await settings.GetAsync<BillingSettings>(ct);
        var coding = await settings.GetAsync<ProcedureCodingSettings>(ct);

        var result = new Dictionary<string, long>();
        if (book is not null)
        {
            foreach (var (key, (product, alternative)) in Options)
            {
                var plan = new TreatmentPlan
                {
                    PatientId = patientId, Joint = joint, Side = side, Product = product, Alternative = alternative, PlannedInjections = product is null ? 0 : 1, Rationale = "",
                };
                var items = EpisodeItems.For(plan, billing, coding).Where(i => !i.SeparatelyScheduled).ToList();
                var priced = items.Select(i => (Item: i, Price: Estimates.FindItem(book, i))).ToList();
                if (priced.Any(p => p.Price is null))
                {
                    continue;
                }
                result[key] = priced.Sum(p => Coverages.PatientCents(status,
                    status == CoverageStatus.InsuredBilling ? Coverages.Decide(rules, coverage?.PayerName, p.Item.Kind, p.Price!.ServiceCode) : PayerDecision.NotCoveredExperimental,
                    checked(p.Price!.UnitCents * p.Item.Quantity)));
            }
        }
        // The option the patient's presented estimate is for shows that estimate itself.
        var plans = await db.TreatmentPlans.AsNoTracking().Where(p => p.PatientId == patientId && p.Joint == joint && p.Side == side)
            .Select(p => new { p.Id, p.Product, p.Alternative }).ToListAsync(ct);
        foreach (var e in shown.AsEnumerable().Reverse())
        {
            if (plans.FirstOrDefault(p => p.Id == e.TreatmentPlanId) is { } p
                && Options.FirstOrDefault(o => o.Value.Product == p.Product && o.Value.Alternative == p.Alternative).Key is { } key)
            {
                result[key] = e.PatientResponsibilityCents;
            }
        }
        return result;
    }
}

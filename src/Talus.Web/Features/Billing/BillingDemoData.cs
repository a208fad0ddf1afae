using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Settings;

namespace Talus.Web.Features.Billing;

/// <summary>
/// Synthetic money data: per location a provider group and a facility (NPIs with a valid check digit, made-up TINs), an
/// active price book within the SPEC §7.1 ranges, coverage answers, payer rules, and estimates built from demo plans.
/// </summary>
public static class BillingDemoData
{
    private const string Counselor = "Marisol Vega";

    /// <summary>Kind, product, description, code, price in dollars, billed by the facility (else the provider group).</summary>
    private static readonly (PriceItemKind Kind, InjectionProduct? Product, string Description, string Code, int Dollars, bool Facility)[] Book =
    [
        (PriceItemKind.Consultation, null, "New patient consultation and evaluation", "99204", 350, false),
        (PriceItemKind.XRay, null, "Weight-bearing ankle radiographs, 3 or more views", "73610", 120, true),
        (PriceItemKind.Mri, null, "MRI ankle without contrast", "73721", 900, true),
        (PriceItemKind.LabPanel, null, "Pre-procedure blood tests (blood count, metabolic panel)", "80053", 180, true),
        (PriceItemKind.BoneMarrowHarvest, null, "Bone marrow harvest from the pelvis", "20999", 1200, false),
        (PriceItemKind.AdiposeHarvest, null, "Fat tissue harvest (mini-liposuction)", "20999", 1400, false),
        (PriceItemKind.CellProcessing, InjectionProduct.BoneMarrowAspirateConcentrate, "Bone marrow concentration, same day", "20999", 2400, true),
        (PriceItemKind.CellProcessing, InjectionProduct.BoneMarrowAspirate, "Bone marrow aspirate preparation, same day", "20999", 900, true),
        (PriceItemKind.CellProcessing, InjectionProduct.MicrofragmentedAdipose, "Micro-fragmented fat processing, same day", "20999", 2200, true),
        (PriceItemKind.UltrasoundGuidance, null, "Ultrasound guidance for the injection", "76942", 250, false),
        (PriceItemKind.SmallJointInjection, null, "Small joint injection (toe joints, midfoot)", "20604", 250, false),
        (PriceItemKind.IntermediateJointInjection, null, "Intermediate joint injection (ankle, subtalar)", "20606", 300, false),
        (PriceItemKind.FollowUpVisit, null, "Follow-up visit", "99213", 150, false),
        (PriceItemKind.FollowUpImaging, null, "Follow-up radiographs", "73610", 120, true),
        (PriceItemKind.PlateletRichPlasma, null, "Platelet-rich plasma injection, all-inclusive", "0232T", 750, false),
        (PriceItemKind.Corticosteroid, null, "Triamcinolone (steroid) for the injection", "J3301", 40, false),
        (PriceItemKind.HyaluronicAcid, null, "Hyaluronic acid product", "J7325", 650, false),
        (PriceItemKind.CustomOrthotics, null, "Custom foot orthoses, pair", "L3020", 550, false),
        (PriceItemKind.PhysicalTherapyVisit, null, "Physical therapy visit", "97110", 120, false),
        (PriceItemKind.BraceOffTheShelf, null, "Ankle brace, ready-made", "L1906", 90, false),
        (PriceItemKind.BraceCustom, null, "Custom ankle-foot orthosis (gauntlet)", "L1940", 1200, false),
    ];

    public static async Task SeedAsync(ClinicDb db, PracticeSettings settings, TimeProvider clock, Random random, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var locations = await db.Locations.OrderBy(l => l.Id).ToListAsync(ct);
        var books = new List<PriceBook>();
        foreach (var (location, i) in locations.Select((l, i) => (l, i)))
        {
            // Each office prices a little differently (within the SPEC §7.1 ranges): 0.95, 1.00, 1.05, 1.10.
            var factor = 0.95m + (0.05m * (i % 4));
            var group = Entity(location, BillingEntityKind.Provider, "Coastal Foot & Ankle Medical Group", 23_456_000 + (i * 7919), i);
            var facility = Entity(location, BillingEntityKind.Facility, $"Talus Procedure Suite – {location.Name}", 34_567_000 + (i * 7919), i + 10);
            db.BillingEntities.AddRange(group, facility);
            var book = new PriceBook
            {
                Location = location, Version = 1, Status = PriceBookStatus.Active, EffectiveFrom = Shared.PracticeClock.Today(clock, location.TimeZone).AddDays(-180),
                CreatedAt = now.AddDays(-190), CreatedBy = Counselor, ActivatedAt = now.AddDays(-185), ActivatedBy = Counselor,
                Items = [.. Book.Select(b => new PriceItem
                {
                    Kind = b.Kind, Product = b.Product, Description = b.Description, ServiceCode = b.Code,
                    UnitCents = (long)Math.Round(b.Dollars * factor, MidpointRounding.AwayFromZero) * 100, BillingEntity = b.Facility ? facility : group,
                })],
            };
            db.PriceBooks.Add(book);
            books.Add(book);
        }
        db.PayerRules.AddRange(
            new PayerRule { PayerName = "Medicare", Kind = PriceItemKind.IntermediateJointInjection, Decision = PayerDecision.Covered, UpdatedAt = now, UpdatedBy = Counselor },
            new PayerRule { PayerName = "Medicare", Kind = PriceItemKind.HyaluronicAcid, Decision = PayerDecision.PriorAuthorization, UpdatedAt = now, UpdatedBy = Counselor },
            new PayerRule { PayerName = "Blue Shield PPO", ServiceCode = "20606", Decision = PayerDecision.PriorAuthorization, UpdatedAt = now, UpdatedBy = Counselor });
        await db.SaveChangesAsync(ct);

        // Coverage answers for the patients with a plan, and for the portal patient (insured, paying herself).
        string[] payers = ["Blue Shield PPO", "Anthem HMO", "Medicare", "Kaiser Permanente"];
        var withPlans = await db.TreatmentPlans.AsNoTracking().Where(p => p.SupersededAt == null && p.Product != null)
            .OrderBy(p => p.CreatedAt).Select(p => new { p.Id, p.PatientId }).ToListAsync(ct);
        var rosa = await db.Patients.AsNoTracking().Where(p => p.Mrn == "T1000001").Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        foreach (var patientId in withPlans.Select(p => p.PatientId).Distinct())
        {
            var roll = patientId == rosa ? 0 : random.Next(10);
            var status = roll < 5 ? CoverageStatus.InsuredSelfPay : roll < 8 ? CoverageStatus.Uninsured : CoverageStatus.InsuredBilling;
            db.Coverages.Add(new Coverage
            {
                PatientId = patientId, Status = status, PayerName = status == CoverageStatus.Uninsured ? null : payers[random.Next(payers.Length)],
                RecordedAt = now.AddDays(-random.Next(2, 40)), RecordedBy = "Dana Whitfield",
            });
        }
        await db.SaveChangesAsync(ct);

        // Estimates from the plans: the portal patient's presented to her; a few others presented, accepted or still drafts.
        var billing = await settings.GetAsync<BillingSettings>(ct);
        var coding = await settings.GetAsync<ProcedureCodingSettings>(ct);
        var chosen = withPlans.Where(p => p.PatientId == rosa).Concat(withPlans.Where(p => p.PatientId != rosa).Take(8)).ToList();
        foreach (var (plan, i) in chosen.Select((p, i) => (p, i)))
        {
            var built = await Estimates.BuildFromPlanAsync(plan.PatientId, new BuildEstimateInput { TreatmentPlanId = plan.Id }, Counselor, db, clock, billing, coding, ct);
            if (!built.IsOk || i % 4 == 3)
            {
                continue;
            }
            await Estimates.PresentAsync(plan.PatientId, built.Value!.Id, Counselor, db, clock, ct);
            if (i == 0)
            {
                await Estimates.ChoosePaymentAsync(plan.PatientId, built.Value.Id, new PaymentChoiceInput { Option = PaymentOption.Instalments, InstalmentCount = 6 },
                    db, clock, billing, ct);
            }
            else if (i % 4 == 2)
            {
                await Estimates.AcceptAsync(plan.PatientId, built.Value.Id, db, clock, ct);
            }
        }
    }

    private static BillingEntity Entity(Location location, BillingEntityKind kind, string name, int eight, int tinSeed)
    {
        // Synthetic NPI: first digit 1 and a valid check digit (Luhn over 80840 + 9 digits).
        var digits = "1" + eight.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return new BillingEntity
        {
            Location = location, Kind = kind, Name = name, Npi = digits + BillingEntities.CheckDigit(digits),
            Tin = $"95-{4100000 + (tinSeed * 1013):D7}", AddressLine = location.AddressLine, City = location.City, State = location.State,
            PostalCode = location.PostalCode,
        };
    }
}

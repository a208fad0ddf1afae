using Talus.Clinical;
using Talus.Web.Features.Billing;
using Talus.Web.Features.Plan;

namespace Talus.Web.Tests.Billing;

/// <summary>The money rules as truth tables: payer defaults (SPEC §7.1), who pays, NPI check digits, payment options, episode items.</summary>
public sealed class BillingRuleTests
{
    private static readonly PayerRule[] NoRules = [];

    [Theory]
    [InlineData(PriceItemKind.PlateletRichPlasma, "0232T", PayerDecision.NotCoveredExperimental)]
    [InlineData(PriceItemKind.BoneMarrowHarvest, "20999", PayerDecision.NotCoveredExperimental)]
    [InlineData(PriceItemKind.AdiposeHarvest, "20999", PayerDecision.NotCoveredExperimental)]
    [InlineData(PriceItemKind.CellProcessing, "20999", PayerDecision.NotCoveredExperimental)]
    [InlineData(PriceItemKind.CellProduct, "20999", PayerDecision.NotCoveredExperimental)]
    // A cell-based injection is coded 20999 (SPEC §8.2): not covered even though its kind is a joint injection.
    [InlineData(PriceItemKind.IntermediateJointInjection, "20999", PayerDecision.NotCoveredExperimental)]
    [InlineData(PriceItemKind.IntermediateJointInjection, "20606", PayerDecision.Covered)]
    [InlineData(PriceItemKind.Consultation, "99204", PayerDecision.Covered)]
    [InlineData(PriceItemKind.HyaluronicAcid, "J7325", PayerDecision.Covered)]
    public void Decide_NoPayerRule_CellBasedAndPrpNotCoveredOthersCovered(PriceItemKind kind, string code, PayerDecision expected) =>
        Assert.Equal(expected, Coverages.Decide(NoRules, "Any Plan", kind, code));

    [Fact]
    public void Decide_CodeRuleAndKindRule_CodeRuleWins()
    {
        PayerRule[] rules =
        [
            new() { PayerName = "Medicare", Kind = PriceItemKind.IntermediateJointInjection, Decision = PayerDecision.Covered },
            new() { PayerName = "Medicare", ServiceCode = "20606", Decision = PayerDecision.PriorAuthorization },
        ];
        Assert.Equal(PayerDecision.PriorAuthorization, Coverages.Decide(rules, "medicare", PriceItemKind.IntermediateJointInjection, "20606"));
        Assert.Equal(PayerDecision.Covered, Coverages.Decide(rules, "Medicare", PriceItemKind.IntermediateJointInjection, "20605"));
        // The kind rule does not reach a cell-based injection coded 20999; only a rule naming 20999 would.
        Assert.Equal(PayerDecision.NotCoveredExperimental, Coverages.Decide(rules, "Medicare", PriceItemKind.IntermediateJointInjection, "20999"));
    }

    [Fact]
    public void Decide_AnotherPayersRule_IsIgnored()
    {
        PayerRule[] rules = [new() { PayerName = "Anthem HMO", Kind = PriceItemKind.PlateletRichPlasma, Decision = PayerDecision.Covered }];
        Assert.Equal(PayerDecision.NotCoveredExperimental, Coverages.Decide(rules, "Medicare", PriceItemKind.PlateletRichPlasma, "0232T"));
        Assert.Equal(PayerDecision.Covered, Coverages.Decide(rules, "Anthem HMO", PriceItemKind.PlateletRichPlasma, "0232T"));
    }

    [Theory]
    [InlineData(CoverageStatus.Uninsured, PayerDecision.Covered, 1000)]
    [InlineData(CoverageStatus.InsuredSelfPay, PayerDecision.Covered, 1000)]
    [InlineData(CoverageStatus.InsuredBilling, PayerDecision.Covered, 0)]
    [InlineData(CoverageStatus.InsuredBilling, PayerDecision.NotCoveredExperimental, 1000)]
    [InlineData(CoverageStatus.InsuredBilling, PayerDecision.PriorAuthorization, 1000)]
    public void PatientCents_ByCoverageAndDecision_PatientPaysWhatThePayerDoesNot(CoverageStatus status, PayerDecision decision, long expected) =>
        Assert.Equal(expected, Coverages.PatientCents(status, decision, 1000));

    [Theory]
    [InlineData("1234567893", true)]
    [InlineData("1234567890", false)]
    [InlineData("123456789", false)]
    [InlineData("12345678a3", false)]
    public void IsValidNpi_CmsExample_ChecksTheLuhnDigitOverPrefix80840(string npi, bool valid) =>
        Assert.Equal(valid, BillingEntities.IsValidNpi(npi));

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(99_999L)]
    [InlineData(1_234_567L)]
    [InlineData(745_013L)]
    public void PaymentOptions_AnyTotal_EveryPlanAddsUpExactlyToTheCent(long cents)
    {
        var options = PaymentOptions.For(cents, new BillingSettings(), new DateOnly(2027, 1, 15));
        Assert.Equal(3, options.Plans.Count);
        foreach (var plan in options.Plans)
        {
            Assert.Equal(cents, plan.Instalments.Sum(i => i.Cents));
            Assert.Equal(plan.Count, plan.Instalments.Count);
            Assert.True(plan.Instalments.Max(i => i.Cents) - plan.Instalments.Min(i => i.Cents) < plan.Count, "later payments are equal; only the first carries the remainder");
        }
        Assert.Equal(cents, options.PayInFull.AmountCents + options.PayInFull.DiscountCents);
        Assert.Equal(cents, options.Deposit.DepositCents + options.Deposit.BalanceCents);
    }

    [Theory]
    [InlineData(100_001L, 5, 5_000L)]
    [InlineData(100_010L, 5, 5_001L)]
    [InlineData(450_000L, 0, 0L)]
    public void PayInFull_Discount_RoundsHalfAwayFromZeroToTheCent(long cents, int percent, long discount) =>
        Assert.Equal(discount, PaymentOptions.For(cents, new BillingSettings { PayInFullDiscountPercent = percent }, new DateOnly(2027, 1, 1)).PayInFull.DiscountCents);

    private static TreatmentPlan Plan(InjectionProduct? product, Joint joint = Joint.Ankle, int injections = 1, NonInjectionOption? alternative = null) => new()
    {
        Joint = joint, Side = Side.Right, Product = product, Alternative = alternative, PlannedInjections = injections, Rationale = "test",
    };

    [Fact]
    public void EpisodeItems_BmacAnkle_FromConsultationToFollowUpsWithTheRepeatScheduledSeparately()
    {
        var items = EpisodeItems.For(Plan(InjectionProduct.BoneMarrowAspirateConcentrate), new BillingSettings(), new ProcedureCodingSettings());
        var inEpisode = items.Where(i => !i.SeparatelyScheduled).Select(i => i.Kind).ToList();
        Assert.Equal([PriceItemKind.Consultation, PriceItemKind.XRay, PriceItemKind.LabPanel, PriceItemKind.BoneMarrowHarvest, PriceItemKind.CellProcessing,
            PriceItemKind.UltrasoundGuidance, PriceItemKind.IntermediateJointInjection, PriceItemKind.FollowUpVisit, PriceItemKind.FollowUpImaging], inEpisode);
        Assert.Equal(InjectionProduct.BoneMarrowAspirateConcentrate, items.Single(i => i.Kind == PriceItemKind.CellProcessing && !i.SeparatelyScheduled).Product);
        Assert.Equal(5, items.Single(i => i.Kind == PriceItemKind.FollowUpVisit).Quantity);
        Assert.Equal([PriceItemKind.BoneMarrowHarvest, PriceItemKind.CellProcessing, PriceItemKind.UltrasoundGuidance, PriceItemKind.IntermediateJointInjection],
            items.Where(i => i.SeparatelyScheduled).Select(i => i.Kind));
    }

    [Fact]
    public void EpisodeItems_PrpSeriesOfThree_OneAllInclusiveItemPerInjectionAndNoHarvest()
    {
        var items = EpisodeItems.For(Plan(InjectionProduct.PlateletRichPlasma, injections: 3), new BillingSettings(), new ProcedureCodingSettings());
        Assert.Equal(3, items.Single(i => i.Kind == PriceItemKind.PlateletRichPlasma && !i.SeparatelyScheduled).Quantity);
        Assert.DoesNotContain(items, i => i.Kind is PriceItemKind.BoneMarrowHarvest or PriceItemKind.UltrasoundGuidance or PriceItemKind.IntermediateJointInjection);
    }

    [Theory]
    [InlineData(Joint.FirstMtp, PriceItemKind.SmallJointInjection)]
    [InlineData(Joint.Ankle, PriceItemKind.IntermediateJointInjection)]
    [InlineData(Joint.Subtalar, PriceItemKind.IntermediateJointInjection)]
    public void EpisodeItems_Corticosteroid_InjectionByJointSizeAndTheDrug(Joint joint, PriceItemKind injection)
    {
        var items = EpisodeItems.For(Plan(InjectionProduct.Corticosteroid, joint), new BillingSettings(), new ProcedureCodingSettings());
        Assert.Contains(items, i => i.Kind == injection && !i.SeparatelyScheduled);
        Assert.Contains(items, i => i.Kind == PriceItemKind.Corticosteroid);
    }

    [Fact]
    public void EpisodeItems_PhysicalTherapy_ConsultationAndTheCourse()
    {
        var items = EpisodeItems.For(Plan(null, injections: 0, alternative: NonInjectionOption.PhysicalTherapy), new BillingSettings(), new ProcedureCodingSettings());
        Assert.Equal([(PriceItemKind.Consultation, 1), (PriceItemKind.PhysicalTherapyVisit, 8)], items.Select(i => (i.Kind, i.Quantity)));
    }
}

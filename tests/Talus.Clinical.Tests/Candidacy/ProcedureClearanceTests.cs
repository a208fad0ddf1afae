using static Talus.Clinical.Tests.CandidacyFixtures;

namespace Talus.Clinical.Tests;

/// <summary>The procedure gate as a truth table: one eligible, assessed, allowed patient, varied one fact at a time.</summary>
public class ProcedureClearanceTests
{
    private static readonly DateOnly ProcedureDay = Today.AddDays(10);

    private static readonly ProductClassificationResult Allowed =
        ProductClassification.Classify(new BiologicProduct { Type = InjectionProduct.BoneMarrowAspirateConcentrate, SameDay = true, SameProcedure = true },
            new RegulationSettings { CounselSignOffRecorded = true });

    private static ClearanceFacts Facts(CandidacyInput input, bool overridden = false, DateOnly? assessedOn = null) => new()
    {
        Assessment = CandidacyFixtures.Assess(input),
        AssessedOn = assessedOn ?? Today,
        Overridden = overridden,
        Regulatory = Allowed,
    };

    private static IReadOnlyList<string> Codes(ClearanceFacts facts, DateOnly? day = null, CandidacySettings? settings = null) =>
        [.. ProcedureClearance.Check(facts, day ?? ProcedureDay, settings ?? Settings).Select(r => r.Code)];

    [Fact]
    public void Check_EligibleAssessedAllowed_NoReasons() =>
        Assert.Empty(Codes(Facts(Eligible())));

    [Fact]
    public void Check_NoAssessment_Refused() =>
        Assert.Contains("GATE-NO-ASSESSMENT", Codes(new ClearanceFacts { Regulatory = Allowed }));

    // Practice default [D]: MaxAssessmentAgeDays = 90 between the assessment and the procedure date.
    [Theory]
    [InlineData(0, false)]
    [InlineData(90, false)]
    [InlineData(91, true)]
    [InlineData(400, true)]
    public void Check_AssessmentAge_RefusedOnlyBeyondThePracticeLimit(int daysOld, bool stale)
    {
        var codes = Codes(Facts(Eligible()), Today.AddDays(daysOld));
        Assert.Equal(stale, codes.Contains("GATE-ASSESSMENT-STALE"));
    }

    [Fact]
    public void Check_AssessmentAgeSetting_IsThePracticesValue() =>
        Assert.Contains("GATE-ASSESSMENT-STALE", Codes(Facts(Eligible()), Today.AddDays(10), Settings with { MaxAssessmentAgeDays = 7 }));

    [Fact]
    public void Check_AssessmentAfterTheProcedureDate_Refused() =>
        Assert.Contains("GATE-ASSESSMENT-AFTER", Codes(Facts(Eligible(), assessedOn: ProcedureDay.AddDays(1))));

    // SPEC §2.2: absolute contraindication blocks scheduling and is never overridable.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Check_AbsoluteContraindication_RefusedEvenWithOverride(bool overridden)
    {
        var codes = Codes(Facts(Eligible() with { ActiveInfection = true }, overridden));
        Assert.Contains("V-NOT-CANDIDATE", codes);
        Assert.Contains("A1", codes);
    }

    [Fact]
    public void Check_NeedsMoreInformation_Refused() =>
        Assert.Contains("V-NEEDS-INFORMATION", Codes(Facts(Eligible() with { Platelets = null })));

    // SPEC §2.3: relative findings need the physician's override; with it, allowed.
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Check_RelativeFinding_RefusedWithoutOverrideOnly(bool overridden, bool refused)
    {
        var codes = Codes(Facts(Eligible() with { Bmi = 36m }, overridden));
        Assert.Equal(refused, codes.Contains("GATE-NO-OVERRIDE"));
        Assert.Equal(refused, codes.Contains("R2"));
    }

    [Fact]
    public void Check_UnfavorableBandWithoutOverride_Refused()
    {
        var codes = Codes(Facts(Eligible() with { Grades = [OaGrade.KellgrenLawrence(4, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10))] }));
        Assert.Contains("GATE-NO-OVERRIDE", codes);
        Assert.Contains("V-NOT-RECOMMENDED", codes);
    }

    [Fact]
    public void Check_RelativeFindingClearedByTheProcedureDate_NeedsNoOverride()
    {
        // IA steroid 40 days before the assessment: relative (30–83 days) until day 84 after the injection (SPEC §2.4).
        var facts = Facts(Eligible() with { History = [DaysAgo(HistoryKind.IntraArticularSteroidTargetJoint, 40)] });
        Assert.Contains("GATE-NO-OVERRIDE", Codes(facts, Today.AddDays(43)));
        Assert.DoesNotContain("GATE-NO-OVERRIDE", Codes(facts, Today.AddDays(44)));
    }

    // SPEC §2.4: NSAIDs stop ≥ 7 days before; a washout is never overridable.
    [Theory]
    [InlineData(0, true)]   // last dose today: clears on day 7
    [InlineData(6, true)]
    [InlineData(7, false)]
    [InlineData(30, false)]
    public void Check_NsaidWashout_RefusedUntilItClears(int procedureDay, bool refused)
    {
        var facts = Facts(Eligible() with { History = [DaysAgo(HistoryKind.Nsaid, 0)] }, overridden: true);
        Assert.Equal(refused, Codes(facts, Today.AddDays(procedureDay)).Contains("W4"));
    }

    [Fact]
    public void Check_WashoutFoundOnlyWhenReplayedToTheProcedureDate_Refused()
    {
        // Assessed to a planned date after the washout cleared; the procedure moved earlier: the replay finds the washout.
        var input = Eligible() with { History = [DaysAgo(HistoryKind.Nsaid, 1)], PlannedProcedureDate = Today.AddDays(20) };
        var facts = Facts(input) with { Replayed = Talus.Clinical.Candidacy.Assess(input with { PlannedProcedureDate = Today.AddDays(2) }, Settings, Today.AddDays(2)) };
        Assert.DoesNotContain("W4", Codes(Facts(input), Today.AddDays(2)));
        Assert.Contains("W4", Codes(facts, Today.AddDays(2)));
    }

    [Fact]
    public void Check_WashoutInStoredAndReplayed_OneReasonWithTheLaterDate()
    {
        var input = Eligible() with { History = [DaysAgo(HistoryKind.Nsaid, 1)] };
        var replayed = Talus.Clinical.Candidacy.Assess(input with { PlannedProcedureDate = Today.AddDays(2) }, Settings, Today.AddDays(2));
        var reasons = ProcedureClearance.Check(Facts(input, overridden: true) with { Replayed = replayed }, Today.AddDays(2), Settings);
        var w4 = Assert.Single(reasons, r => r.Code == "W4");
        Assert.Contains(Today.AddDays(6).ToString("yyyy-MM-dd"), w4.ClinicianText, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AbsoluteFindingOnlyForThePlannedProduct_Refused()
    {
        // Assessed for PRP; the plan is BMAC: a haematologic malignancy rules out the marrow harvest (SPEC §2.2 A4).
        var input = Eligible(InjectionProduct.PlateletRichPlasma) with { HematologicOrBoneMalignancy = true };
        var replayed = Talus.Clinical.Candidacy.Assess(input with { Product = InjectionProduct.BoneMarrowAspirateConcentrate }, Settings, ProcedureDay);
        Assert.Contains("A4", Codes(Facts(input) with { Replayed = replayed }));
    }

    // SPEC §6.3: RED never; AMBER only with counsel sign-off; GREEN and RESEARCH_ONLY pass the gate (consent checks follow).
    [Theory]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, false, false, true)]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, true, false, false)]
    [InlineData(InjectionProduct.StromalVascularFraction, true, true, true)]
    [InlineData(InjectionProduct.PlateletRichPlasma, false, false, false)]
    public void Check_Regulatory_RefusedWhenTheProductMayNotBeGiven(InjectionProduct type, bool signOff, bool isolated, bool refused)
    {
        var classification = ProductClassification.Classify(
            new BiologicProduct { Type = type, SameDay = true, SameProcedure = true, IsolatedCellFraction = isolated },
            new RegulationSettings { CounselSignOffRecorded = signOff });
        var codes = Codes(Facts(Eligible()) with { Regulatory = classification });
        Assert.Equal(refused, codes.Contains("GATE-REGULATORY"));
    }

    [Fact]
    public void Check_NoProductKnown_Refused() =>
        Assert.Contains("GATE-NO-PRODUCT", Codes(Facts(Eligible()) with { Regulatory = null }));

    [Fact]
    public void Check_EveryReason_HasClinicianAndPatientTextAndSource()
    {
        var reasons = ProcedureClearance.Check(new ClearanceFacts(), ProcedureDay, Settings);
        Assert.All(reasons, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.ClinicianText));
            Assert.False(string.IsNullOrWhiteSpace(r.PatientText));
            Assert.False(string.IsNullOrWhiteSpace(r.Source));
        });
    }
}

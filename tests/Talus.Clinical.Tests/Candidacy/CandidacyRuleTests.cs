using static Talus.Clinical.Tests.CandidacyFixtures;

namespace Talus.Clinical.Tests;

/// <summary>Absolute contraindications, bands, missing data, earliest date and overrides (SPEC §1.6, §2.2, §2.7).</summary>
public class CandidacyRuleTests
{
    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    [InlineData("A4")]
    [InlineData("A5")]
    [InlineData("A6")]
    public void Assess_AbsoluteContraindication_NotCandidate(string code)
    {
        var input = code switch
        {
            "A1" => Eligible() with { ActiveInfection = true },
            "A2" => Eligible() with { HemodynamicInstability = true },
            "A4" => Eligible() with { ActiveMalignancy = true },
            "A5" => Eligible() with { PregnantOrBreastfeeding = true },
            _ => Eligible() with { CanGiveInformedConsent = false },
        };

        var result = Assess(input);

        Assert.Equal(CandidacyVerdict.NotCandidate, result.Verdict);
        Assert.Equal(FindingSeverity.Absolute, SeverityOf(result, code));
        Assert.Contains(code, result.Because.ClinicianText);
    }

    // SPEC §2.2 A7 applies to allogeneic products only.
    [Theory]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, TissueSource.Autologous, CandidacyVerdict.Candidate)]
    [InlineData(InjectionProduct.AllogeneicPerinatal, TissueSource.Allogeneic, CandidacyVerdict.NotCandidate)]
    [InlineData(InjectionProduct.CultureExpandedMsc, TissueSource.Allogeneic, CandidacyVerdict.NotCandidate)]
    public void Assess_PositiveViralSerology_BlocksAllogeneicOnly(InjectionProduct product, TissueSource source, CandidacyVerdict verdict)
    {
        var result = Assess(Eligible(product) with { Source = source, PositiveViralSerology = true });

        Assert.Equal(verdict, result.Verdict);
    }

    [Fact]
    public void Assess_AllogeneicWithoutSerology_NeedsSerology()
    {
        var result = Assess(Eligible(InjectionProduct.AllogeneicPerinatal) with { Source = TissueSource.Allogeneic });

        Assert.Equal(CandidacyVerdict.NeedsMoreInformation, result.Verdict);
        Assert.Equal(["HIV/HBV/HCV serology"], result.MissingInformation);
    }

    // SPEC §2.2 A4: haematologic / bone malignancy blocks a marrow harvest, not PRP.
    [Theory]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, CandidacyVerdict.NotCandidate)]
    [InlineData(InjectionProduct.PlateletRichPlasma, CandidacyVerdict.Candidate)]
    public void Assess_HaematologicMalignancyHistory_BlocksMarrowHarvest(InjectionProduct product, CandidacyVerdict verdict)
    {
        var result = Assess(Eligible(product) with { HematologicOrBoneMalignancy = true, MalignancyHistory = true, MalignancyLastActiveOn = Today.AddYears(-10) });

        Assert.Equal(verdict, result.Verdict);
    }

    // SPEC §2.3 R3: anticoagulant relative for harvest; caution for PRP; INR asked for harvest only.
    [Theory]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, FindingSeverity.Relative)]
    [InlineData(InjectionProduct.PlateletRichPlasma, FindingSeverity.Caution)]
    public void Assess_OnAnticoagulant_RelativeForHarvestCautionOtherwise(InjectionProduct product, FindingSeverity expected)
    {
        var result = Assess(Eligible(product) with { History = [new HistoryEvent(HistoryKind.Anticoagulant, Today, Ongoing: true)] });

        Assert.Equal(expected, SeverityOf(result, "R3"));
    }

    [Fact]
    public void Assess_PrpWithoutInr_DoesNotAskForInr()
    {
        var result = Assess(Eligible(InjectionProduct.PlateletRichPlasma) with { Inr = null });

        Assert.Equal(CandidacyVerdict.Candidate, result.Verdict);
    }

    [Theory]
    [InlineData("R6")]
    [InlineData("R7")]
    [InlineData("R9")]
    [InlineData("R11")]
    public void Assess_RelativeCondition_CandidateWithConditions(string code)
    {
        var input = code switch
        {
            "R6" => Eligible() with { InflammatoryArthritis = true },
            "R7" => Eligible() with { History = [new HistoryEvent(HistoryKind.Immunosuppressant, Today, Ongoing: true)] },
            "R9" => Eligible() with { CurrentSmoker = true },
            _ => Eligible() with { InstabilityOrMechanicalSymptoms = true },
        };

        var result = Assess(input);

        Assert.Equal(CandidacyVerdict.CandidateWithConditions, result.Verdict);
        Assert.True(Finding(result, code).Overridable);
        Assert.Null(result.EarliestEligibleDate);
    }

    // SPEC §1.6 bands of the target joint.
    [Theory]
    [InlineData(GradingSystem.KellgrenLawrence, "0", CandidacyBand.NotIndicated, CandidacyVerdict.NotCandidate)]
    [InlineData(GradingSystem.KellgrenLawrence, "1", CandidacyBand.Favorable, CandidacyVerdict.Candidate)]
    [InlineData(GradingSystem.KellgrenLawrence, "2", CandidacyBand.Favorable, CandidacyVerdict.Candidate)]
    [InlineData(GradingSystem.KellgrenLawrence, "3", CandidacyBand.Guarded, CandidacyVerdict.CandidateWithConditions)]
    [InlineData(GradingSystem.KellgrenLawrence, "4", CandidacyBand.Unfavorable, CandidacyVerdict.NotRecommended)]
    [InlineData(GradingSystem.Takakura, "2", CandidacyBand.Favorable, CandidacyVerdict.Candidate)]
    [InlineData(GradingSystem.Takakura, "3a", CandidacyBand.Guarded, CandidacyVerdict.CandidateWithConditions)]
    [InlineData(GradingSystem.Takakura, "3b", CandidacyBand.Unfavorable, CandidacyVerdict.NotRecommended)]
    [InlineData(GradingSystem.Takakura, "4", CandidacyBand.Unfavorable, CandidacyVerdict.NotRecommended)]
    public void Assess_TargetJointGrade_BandAndVerdict(GradingSystem system, string value, CandidacyBand band, CandidacyVerdict verdict)
    {
        var grade = new OaGrade(system, value, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10), "v");

        var result = Assess(Eligible() with { Grades = [grade] });

        Assert.Equal(band, result.Band);
        Assert.Equal(verdict, result.Verdict);
    }

    [Fact]
    public void Assess_OtherSideEndStage_IgnoredForTargetJoint()
    {
        var result = Assess(Eligible() with
        {
            Grades =
            [
                OaGrade.KellgrenLawrence(4, Joint.Ankle, Side.Left, "Dr Reader", new(2025, 1, 10)),
                OaGrade.KellgrenLawrence(4, Joint.Subtalar, Side.Right, "Dr Reader", new(2025, 1, 10)),
                OaGrade.KellgrenLawrence(2, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10)),
            ],
        });

        Assert.Equal(CandidacyBand.Favorable, result.Band);
        Assert.Equal(CandidacyVerdict.Candidate, result.Verdict);
    }

    [Fact]
    public void Assess_TakakuraOnFirstMtpOnly_GradeRejectedAndImagingMissing()
    {
        var result = Assess(Eligible() with
        {
            TargetJoint = Joint.FirstMtp,
            Grades = [new OaGrade(GradingSystem.Takakura, "2", Joint.FirstMtp, Side.Right, "Dr Reader", new(2025, 1, 10), "v")],
        });

        Assert.Equal(CandidacyVerdict.NeedsMoreInformation, result.Verdict);
        Assert.Contains("imaging grade of target joint", result.MissingInformation);
        Assert.Contains(result.Findings, f => f.Reason.Code == "G-INVALID" && f.Reason.ClinicianText.Contains("ankle"));
    }

    // SPEC §2.7: missing data names every missing item.
    [Theory]
    [InlineData("Platelets", "platelet count")]
    [InlineData("SymptomDurationMonths", "symptom duration")]
    [InlineData("Grades", "imaging grade of target joint")]
    [InlineData("DateOfBirth", "date of birth")]
    [InlineData("Pain", "pain intensity (NRS or VAS)")]
    [InlineData("Bmi", "BMI")]
    [InlineData("Hb", "haemoglobin")]
    [InlineData("Inr", "INR")]
    [InlineData("History", "medication, injection, surgery and illness history")]
    [InlineData("Smoker", "smoking status")]
    [InlineData("Alignment", "ankle alignment (talar tilt / coronal deformity in degrees)")]
    [InlineData("Diabetes", "diabetes status or HbA1c")]
    [InlineData("DiabeticNoHbA1c", "HbA1c")]
    [InlineData("Pregnancy", "pregnancy or breastfeeding status")]
    public void Assess_OneItemMissing_NeedsMoreInformationNamingIt(string field, string item)
    {
        var input = field switch
        {
            "Platelets" => Eligible() with { Platelets = null },
            "SymptomDurationMonths" => Eligible() with { SymptomDurationMonths = null },
            "Grades" => Eligible() with { Grades = [] },
            "DateOfBirth" => Eligible() with { DateOfBirth = null },
            "Pain" => Eligible() with { PainNrs = null, PainVas = null },
            "Bmi" => Eligible() with { Bmi = null },
            "Hb" => Eligible() with { HemoglobinGramsPerDeciliter = null },
            "Inr" => Eligible() with { Inr = null },
            "History" => Eligible() with { History = null },
            "Smoker" => Eligible() with { CurrentSmoker = null },
            "Alignment" => Eligible() with { MalalignmentDegrees = null },
            "Diabetes" => Eligible() with { Diabetic = null },
            "DiabeticNoHbA1c" => Eligible() with { Diabetic = true },
            _ => Eligible() with { PregnantOrBreastfeeding = null },
        };

        var result = Assess(input);

        Assert.Equal(CandidacyVerdict.NeedsMoreInformation, result.Verdict);
        Assert.Equal([item], result.MissingInformation);
        Assert.Contains(item, result.Because.ClinicianText);
    }

    [Fact]
    public void Assess_NothingKnown_ListsEveryMissingItem()
    {
        var result = Assess(new CandidacyInput { TargetJoint = Joint.Ankle, TargetSide = Side.Left, Product = InjectionProduct.BoneMarrowAspirateConcentrate });

        Assert.Equal(CandidacyVerdict.NeedsMoreInformation, result.Verdict);
        foreach (var item in new[] { "platelet count", "symptom duration", "imaging grade of target joint", "date of birth", "BMI", "INR", "creatinine", "ALT", "AST", "active infection (joint, skin over injection or harvest site, bone, blood)" })
        {
            Assert.Contains(item, result.MissingInformation);
        }

        Assert.True(result.MissingInformation.Count == 28, string.Join(" | ", result.MissingInformation));
    }

    [Fact]
    public void Assess_AbsoluteWithMissingData_NotCandidateStillListsMissing()
    {
        var result = Assess(Eligible() with { ActiveInfection = true, Bmi = null });

        Assert.Equal(CandidacyVerdict.NotCandidate, result.Verdict);
        Assert.Equal(["BMI"], result.MissingInformation);
    }

    [Fact]
    public void Assess_SeveralWashouts_EarliestDateIsTheLatest()
    {
        var result = Assess(Eligible() with
        {
            History =
            [
                DaysAgo(HistoryKind.IntraArticularSteroidTargetJoint, 20),
                DaysAgo(HistoryKind.Nsaid, 2),
                DaysAgo(HistoryKind.FeverOrIllness, 3),
            ],
        });

        Assert.Equal(CandidacyVerdict.CandidateWithConditions, result.Verdict);
        Assert.Equal(Today.AddDays(64), result.EarliestEligibleDate);
    }

    [Fact]
    public void Assess_WashoutAndLastingRelativeFinding_NoEarliestDate()
    {
        var result = Assess(Eligible() with { Bmi = 36m, History = [DaysAgo(HistoryKind.Nsaid, 2)] });

        Assert.Equal(CandidacyVerdict.CandidateWithConditions, result.Verdict);
        Assert.Null(result.EarliestEligibleDate);
        Assert.Equal(Today.AddDays(5), Finding(result, "W4").ClearsOn);
    }

    [Fact]
    public void Assess_PlannedDateAfterWashout_Candidate()
    {
        var result = Assess(Eligible() with
        {
            PlannedProcedureDate = Today.AddDays(30),
            History = [DaysAgo(HistoryKind.IntraArticularSteroidTargetJoint, 60)],
        });

        Assert.Equal(CandidacyVerdict.Candidate, result.Verdict);
        Assert.Equal(Today.AddDays(30), result.AssessedFor);
    }

    [Fact]
    public void Assess_EveryFinding_HasCodeClinicianPatientTextAndSource()
    {
        var result = Assess(Eligible() with
        {
            Bmi = 36m,
            HbA1cPercent = 9m,
            CurrentSmoker = true,
            Grades = [OaGrade.KellgrenLawrence(3, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10))],
            History = [DaysAgo(HistoryKind.IntraArticularSteroidTargetJoint, 10), DaysAgo(HistoryKind.Nsaid, 1)],
        });

        Assert.True(result.Findings.Count >= 6);
        Assert.All(result.Findings, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Reason.Code));
            Assert.False(string.IsNullOrWhiteSpace(f.Reason.ClinicianText));
            Assert.False(string.IsNullOrWhiteSpace(f.Reason.PatientText));
            Assert.StartsWith("SPEC §", f.Reason.Source);
        });
    }

    // SPEC §1.6: override needs a documented reason.
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Override_WithoutReason_ValidationError(string reason)
    {
        var result = Assess(Eligible() with { Grades = [OaGrade.KellgrenLawrence(4, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10))] });

        var outcome = Candidacy.Override(result, "Dr Foot", reason, Today);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Field == "reason");
    }

    [Fact]
    public void Override_UnfavorableWithReason_CandidateRecordingWhatWasOverridden()
    {
        var result = Assess(Eligible() with { Grades = [OaGrade.KellgrenLawrence(4, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10))] });

        var outcome = Candidacy.Override(result, "Dr Foot", "Declines fusion after surgical consult; accepts lower expected benefit.", Today);

        Assert.True(outcome.Succeeded);
        Assert.Equal(CandidacyVerdict.Candidate, outcome.Override!.Verdict);
        Assert.Equal(CandidacyVerdict.NotRecommended, outcome.Override.Original.Verdict);
        Assert.Equal("B4", Assert.Single(outcome.Override.Overridden).Reason.Code);
    }

    [Fact]
    public void Override_WashoutStillPending_StaysWithConditions()
    {
        var result = Assess(Eligible() with { Bmi = 37m, History = [DaysAgo(HistoryKind.Nsaid, 1)] });

        var outcome = Candidacy.Override(result, "Dr Foot", "BMI stable, motivated, discussed risks.", Today);

        Assert.Equal(CandidacyVerdict.CandidateWithConditions, outcome.Override!.Verdict);
        Assert.Equal("R2", Assert.Single(outcome.Override.Overridden).Reason.Code);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Override_AbsoluteMissingOrNothingToOverride_Refused(bool absolute, bool missing)
    {
        var input = absolute ? Eligible() with { ActiveInfection = true } : missing ? Eligible() with { Bmi = null } : Eligible();

        var outcome = Candidacy.Override(Assess(input), "Dr Foot", "Reason given", Today);

        Assert.False(outcome.Succeeded);
        Assert.Single(outcome.Errors);
    }

    [Fact]
    public void Validate_PastPlannedDateAndOutOfRangePain_Errors()
    {
        var errors = Candidacy.Validate(Eligible() with { PlannedProcedureDate = Today.AddDays(-1), PainNrs = 11 }, Today);

        Assert.Contains(errors, e => e.Field == nameof(CandidacyInput.PlannedProcedureDate));
        Assert.Contains(errors, e => e.Field == nameof(CandidacyInput.PainNrs));
        Assert.Empty(Candidacy.Validate(Eligible(), Today));
    }
}

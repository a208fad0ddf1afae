using static Talus.Clinical.Tests.CandidacyFixtures;

namespace Talus.Clinical.Tests;

/// <summary>Each threshold of SPEC §2.1–§2.4 at and around its boundary, one fact varied from an eligible patient.</summary>
public class CandidacyThresholdTests
{
    [Fact]
    public void Assess_EligiblePatient_Candidate()
    {
        var result = Assess(Eligible());

        Assert.Equal(CandidacyVerdict.Candidate, result.Verdict);
        Assert.Equal(CandidacyBand.Favorable, result.Band);
        Assert.Empty(result.MissingInformation);
        Assert.DoesNotContain(result.Findings, f => f.Severity is not FindingSeverity.Info);
        Assert.Equal(Settings.RulesVersion, result.RulesVersion);
        Assert.Null(result.EarliestEligibleDate);
    }

    // SPEC §2.4: IA steroid < 30 days hard stop; 30–83 relative; ≥ 84 met.
    [Theory]
    [InlineData(1, FindingSeverity.Washout)]
    [InlineData(29, FindingSeverity.Washout)]
    [InlineData(30, FindingSeverity.Relative)]
    [InlineData(83, FindingSeverity.Relative)]
    [InlineData(84, null)]
    [InlineData(400, null)]
    public void Assess_IntraArticularSteroidDaysBefore_HardStopRelativeOrMet(int daysAgo, FindingSeverity? expected)
    {
        var result = Assess(Eligible() with { History = [DaysAgo(HistoryKind.IntraArticularSteroidTargetJoint, daysAgo)] });

        Assert.Equal(expected, SeverityOf(result, "W1"));
        if (expected is null)
        {
            Assert.Equal(CandidacyVerdict.Candidate, result.Verdict);
        }
        else
        {
            Assert.Equal(CandidacyVerdict.CandidateWithConditions, result.Verdict);
            Assert.Equal(Today.AddDays(84 - daysAgo), Finding(result, "W1").ClearsOn);
            Assert.Equal(Today.AddDays(84 - daysAgo), result.EarliestEligibleDate);
        }
    }

    // SPEC §2.3 R1: HbA1c ≥ 8.5 relative; 7.0–8.4 caution.
    [Theory]
    [InlineData("6.9", null, CandidacyVerdict.Candidate)]
    [InlineData("7.0", FindingSeverity.Caution, CandidacyVerdict.Candidate)]
    [InlineData("8.4", FindingSeverity.Caution, CandidacyVerdict.Candidate)]
    [InlineData("8.5", FindingSeverity.Relative, CandidacyVerdict.CandidateWithConditions)]
    [InlineData("11", FindingSeverity.Relative, CandidacyVerdict.CandidateWithConditions)]
    public void Assess_HbA1c_CautionOrRelative(string hbA1c, FindingSeverity? expected, CandidacyVerdict verdict)
    {
        var result = Assess(Eligible() with { Diabetic = true, HbA1cPercent = decimal.Parse(hbA1c, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(expected, SeverityOf(result, "R1"));
        Assert.Equal(verdict, result.Verdict);
    }

    // SPEC §2.3 R2: BMI ≥ 35 relative; 30–34.9 caution.
    [Theory]
    [InlineData("29.9", null)]
    [InlineData("30", FindingSeverity.Caution)]
    [InlineData("34.9", FindingSeverity.Caution)]
    [InlineData("35", FindingSeverity.Relative)]
    [InlineData("42.3", FindingSeverity.Relative)]
    public void Assess_Bmi_CautionOrRelative(string bmi, FindingSeverity? expected)
    {
        var result = Assess(Eligible() with { Bmi = decimal.Parse(bmi, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(expected, SeverityOf(result, "R2"));
    }

    // SPEC §2.2 A3: platelets < 50 ×10³/µL absolute; §2.3 R5: < 100 relative.
    [Theory]
    [InlineData(20, "A3", CandidacyVerdict.NotCandidate)]
    [InlineData(49, "A3", CandidacyVerdict.NotCandidate)]
    [InlineData(50, "R5", CandidacyVerdict.CandidateWithConditions)]
    [InlineData(99, "R5", CandidacyVerdict.CandidateWithConditions)]
    [InlineData(100, null, CandidacyVerdict.Candidate)]
    public void Assess_Platelets_CriticalLowOrNormal(int platelets, string? code, CandidacyVerdict verdict)
    {
        var result = Assess(Eligible() with { Platelets = platelets });

        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(code == "A3", SeverityOf(result, "A3") == FindingSeverity.Absolute);
        Assert.Equal(code == "R5", SeverityOf(result, "R5") == FindingSeverity.Relative);
    }

    [Fact]
    public void Assess_PlateletDysfunctionDiagnosis_NotCandidateA3()
    {
        var result = Assess(Eligible() with { PlateletDysfunction = true });

        Assert.Equal(CandidacyVerdict.NotCandidate, result.Verdict);
        Assert.Equal(FindingSeverity.Absolute, SeverityOf(result, "A3"));
    }

    // SPEC §2.3 R4 Hb < 10; R13 creatinine > 2, ALT/AST > 100, LVEF < 45; R10 malalignment > 10°.
    [Theory]
    [InlineData("Hb", "9.9", "R4")]
    [InlineData("Hb", "10", null)]
    [InlineData("Creatinine", "2.0", null)]
    [InlineData("Creatinine", "2.1", "R13")]
    [InlineData("Alt", "100", null)]
    [InlineData("Alt", "101", "R13")]
    [InlineData("Ast", "100", null)]
    [InlineData("Ast", "101", "R13")]
    [InlineData("Lvef", "45", null)]
    [InlineData("Lvef", "44", "R13")]
    [InlineData("Malalignment", "10", null)]
    [InlineData("Malalignment", "10.5", "R10")]
    [InlineData("Inr", "1.5", null)]
    [InlineData("Inr", "1.6", "R3")]
    public void Assess_LabOrMeasureAtBoundary_RelativeWhenBeyond(string measure, string value, string? code)
    {
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var input = measure switch
        {
            "Hb" => Eligible() with { HemoglobinGramsPerDeciliter = v },
            "Creatinine" => Eligible() with { CreatinineMgPerDeciliter = v },
            "Alt" => Eligible() with { AltUnitsPerLiter = v },
            "Ast" => Eligible() with { AstUnitsPerLiter = v },
            "Lvef" => Eligible() with { LvefPercent = v },
            "Malalignment" => Eligible() with { MalalignmentDegrees = v },
            _ => Eligible() with { Inr = v },
        };

        var result = Assess(input);

        Assert.Equal(code is null ? CandidacyVerdict.Candidate : CandidacyVerdict.CandidateWithConditions, result.Verdict);
        if (code is not null)
        {
            Assert.Equal(FindingSeverity.Relative, SeverityOf(result, code));
        }
    }

    // SPEC §2.4 washouts: HA/PRP ≥ 84 days; systemic steroid ≥ 14; NSAID ≥ 7.
    [Theory]
    [InlineData(HistoryKind.IntraArticularInjectionTargetJoint, 83, "W2", true)]
    [InlineData(HistoryKind.IntraArticularInjectionTargetJoint, 84, "W2", false)]
    [InlineData(HistoryKind.SystemicCorticosteroid, 13, "W3", true)]
    [InlineData(HistoryKind.SystemicCorticosteroid, 14, "W3", false)]
    [InlineData(HistoryKind.Nsaid, 6, "W4", true)]
    [InlineData(HistoryKind.Nsaid, 7, "W4", false)]
    public void Assess_WashoutDaysBefore_WashoutUntilComplete(HistoryKind kind, int daysAgo, string code, bool pending)
    {
        var result = Assess(Eligible() with { History = [DaysAgo(kind, daysAgo)] });

        Assert.Equal(pending ? FindingSeverity.Washout : null, SeverityOf(result, code));
        Assert.Equal(pending ? CandidacyVerdict.CandidateWithConditions : CandidacyVerdict.Candidate, result.Verdict);
    }

    [Fact]
    public void Assess_NsaidStillTaken_WashoutSevenDaysFromTodayAndAfterCareNote()
    {
        var result = Assess(Eligible() with { History = [new HistoryEvent(HistoryKind.Nsaid, Today.AddDays(-300), Ongoing: true)] });

        Assert.Equal(Today.AddDays(7), Finding(result, "W4").ClearsOn);
        Assert.Contains(result.Findings, f => f.Reason.Code == "W4" && f.Severity == FindingSeverity.Info && f.Reason.ClinicianText.Contains("14 days after"));
    }

    [Fact]
    public void Assess_LowDoseAspirin_NoteNotBlock()
    {
        var result = Assess(Eligible() with { History = [new HistoryEvent(HistoryKind.LowDoseAspirin, Today, Ongoing: true)] });

        Assert.Equal(CandidacyVerdict.Candidate, result.Verdict);
        var note = Assert.Single(result.Findings, f => f.Reason.Code == "W5");
        Assert.Equal(FindingSeverity.Info, note.Severity);
        Assert.Contains("prescriber", note.Reason.ClinicianText);
    }

    // SPEC §2.3 R12 fever within 14 days; R14 surgery within 12 months; R8 malignancy within 5 years.
    [Theory]
    [InlineData(HistoryKind.FeverOrIllness, 13, "R12")]
    [InlineData(HistoryKind.FeverOrIllness, 14, null)]
    [InlineData(HistoryKind.SurgeryOnTargetJoint, 364, "R14")]
    [InlineData(HistoryKind.SurgeryOnTargetJoint, 366, null)]
    public void Assess_RecentEvent_RelativeUntilWindowEnds(HistoryKind kind, int daysAgo, string? code)
    {
        var result = Assess(Eligible() with { History = [DaysAgo(kind, daysAgo)] });

        if (code is null)
        {
            Assert.Equal(CandidacyVerdict.Candidate, result.Verdict);
        }
        else
        {
            var finding = Finding(result, code);
            Assert.Equal(FindingSeverity.Relative, finding.Severity);
            Assert.NotNull(finding.ClearsOn);
            Assert.Equal(finding.ClearsOn, result.EarliestEligibleDate);
        }
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Assess_MalignancyYearsAgo_RelativeWithinFiveYears(int yearsAgo, bool fires)
    {
        var result = Assess(Eligible() with { MalignancyHistory = true, MalignancyLastActiveOn = Today.AddYears(-yearsAgo) });

        Assert.Equal(fires ? FindingSeverity.Relative : null, SeverityOf(result, "R8"));
    }

    // SPEC §2.1 I5: age 18–75, caution outside 40–70.
    [Theory]
    [InlineData(17, FindingSeverity.Inclusion, CandidacyVerdict.NotCandidate)]
    [InlineData(18, FindingSeverity.Caution, CandidacyVerdict.Candidate)]
    [InlineData(39, FindingSeverity.Caution, CandidacyVerdict.Candidate)]
    [InlineData(40, null, CandidacyVerdict.Candidate)]
    [InlineData(70, null, CandidacyVerdict.Candidate)]
    [InlineData(71, FindingSeverity.Caution, CandidacyVerdict.Candidate)]
    [InlineData(75, FindingSeverity.Caution, CandidacyVerdict.Candidate)]
    [InlineData(76, FindingSeverity.Inclusion, CandidacyVerdict.NotCandidate)]
    public void Assess_AgeOnProcedureDate_InclusionOrCaution(int age, FindingSeverity? expected, CandidacyVerdict verdict)
    {
        var result = Assess(Eligible() with { DateOfBirth = Today.AddYears(-age) });

        Assert.Equal(expected, SeverityOf(result, "I5"));
        Assert.Equal(verdict, result.Verdict);
    }

    [Fact]
    public void Assess_DayBeforeEighteenthBirthday_NotCandidate()
    {
        var result = Assess(Eligible() with { DateOfBirth = Today.AddYears(-18).AddDays(1) });

        Assert.Equal(FindingSeverity.Inclusion, SeverityOf(result, "I5"));
    }

    // SPEC §2.1 I2 ≥ 6 months; I3 ≥ 3 months and ≥ 2 modalities; I4 NRS ≥ 4 or VAS ≥ 40.
    [Theory]
    [InlineData(5, 3, 2, 4, "I2")]
    [InlineData(6, 3, 2, 4, null)]
    [InlineData(6, 2, 2, 4, "I3")]
    [InlineData(6, 3, 1, 4, "I3")]
    [InlineData(6, 3, 2, 3, "I4")]
    public void Assess_InclusionAtBoundary_NotCandidateWhenUnmet(int symptomMonths, int careMonths, int modalities, int nrs, string? failed)
    {
        ConservativeModality[] tried = [ConservativeModality.Bracing, ConservativeModality.NsaidsOrAnalgesics];
        var result = Assess(Eligible() with
        {
            SymptomDurationMonths = symptomMonths,
            ConservativeCareMonths = careMonths,
            ConservativeModalities = tried[..modalities],
            PainNrs = nrs,
        });

        Assert.Equal(failed is null ? CandidacyVerdict.Candidate : CandidacyVerdict.NotCandidate, result.Verdict);
        if (failed is not null)
        {
            Assert.Equal(FindingSeverity.Inclusion, SeverityOf(result, failed));
        }
    }

    [Fact]
    public void Assess_SameModalityTwice_CountsOnce()
    {
        var result = Assess(Eligible() with { ConservativeModalities = [ConservativeModality.Orthotics, ConservativeModality.Orthotics] });

        Assert.Equal(FindingSeverity.Inclusion, SeverityOf(result, "I3"));
    }

    [Theory]
    [InlineData("39.5", CandidacyVerdict.NotCandidate)]
    [InlineData("40", CandidacyVerdict.Candidate)]
    public void Assess_VasWithoutNrs_ThresholdForty(string vas, CandidacyVerdict verdict)
    {
        var result = Assess(Eligible() with { PainNrs = null, PainVas = decimal.Parse(vas, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(verdict, result.Verdict);
    }
}

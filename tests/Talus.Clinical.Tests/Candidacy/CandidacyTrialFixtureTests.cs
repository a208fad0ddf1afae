using static Talus.Clinical.Tests.CandidacyFixtures;

namespace Talus.Clinical.Tests;

/// <summary>Patients shaped like the enrolment criteria of real trials (SPEC §2.6).</summary>
public class CandidacyTrialFixtureTests
{
    // Royan NCT01436058 enrolled only end-stage ankles that were candidates for total ankle replacement:
    // our program calls them NotRecommended (KL 4 is a relative barrier, SPEC §1.6), overridable with a reason.
    [Fact]
    public void Assess_RoyanEndStageAnkle_NotRecommendedButOverridable()
    {
        var royan = Eligible(InjectionProduct.CultureExpandedMsc) with
        {
            Grades =
            [
                OaGrade.KellgrenLawrence(4, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10)),
                OaGrade.Takakura("4", Side.Right, "Dr Reader", new(2025, 1, 10)),
            ],
        };

        var result = Assess(royan);

        Assert.Equal(CandidacyVerdict.NotRecommended, result.Verdict);
        Assert.Equal(CandidacyBand.Unfavorable, result.Band);
        Assert.True(Candidacy.Override(result, "Dr Foot", "Research protocol, IRB approved; declines arthroplasty.", Today).Succeeded);
    }

    // NCT03130335 (BMA pilot): KL I–II, ≥ 3 months and ≥ 2 modalities; excluded NSAID use < 1 week before
    // and current smokers. Here: within inclusion, but took naproxen 3 days ago and smokes.
    [Fact]
    public void Assess_Nct03130335SmokerOnNsaid_ConditionsWithNsaidWashout()
    {
        var patient = Eligible(InjectionProduct.BoneMarrowAspirate) with
        {
            Grades = [OaGrade.KellgrenLawrence(1, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10))],
            ConservativeCareMonths = 3,
            ConservativeModalities = [ConservativeModality.PhysicalTherapy, ConservativeModality.NsaidsOrAnalgesics],
            CurrentSmoker = true,
            History = [DaysAgo(HistoryKind.Nsaid, 3)],
        };

        var result = Assess(patient);

        Assert.Equal(CandidacyVerdict.CandidateWithConditions, result.Verdict);
        Assert.Equal(FindingSeverity.Relative, SeverityOf(result, "R9"));
        Assert.Equal(Today.AddDays(4), Finding(result, "W4").ClearsOn);
    }

    // Allogeneic AD-MSC phase II (Stem Cell Res Ther 2023): excluded HbA1c > 8.5%, Cr > 2, ALT/AST > 100, HCV.
    [Fact]
    public void Assess_IranianPhaseTwoExclusions_NotCandidateForSerologyWithRelativeFindings()
    {
        var patient = Eligible(InjectionProduct.CultureExpandedMsc) with
        {
            Source = TissueSource.Allogeneic,
            PositiveViralSerology = true,
            Diabetic = true,
            HbA1cPercent = 8.6m,
            CreatinineMgPerDeciliter = 2.4m,
        };

        var result = Assess(patient);

        Assert.Equal(CandidacyVerdict.NotCandidate, result.Verdict);
        Assert.Equal(FindingSeverity.Absolute, SeverityOf(result, "A7"));
        Assert.Equal(FindingSeverity.Relative, SeverityOf(result, "R1"));
        Assert.Equal(FindingSeverity.Relative, SeverityOf(result, "R13"));
    }
}

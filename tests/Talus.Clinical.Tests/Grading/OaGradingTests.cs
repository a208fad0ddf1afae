namespace Talus.Clinical.Tests;

/// <summary>Grade validation, band mapping (SPEC §1.6) and the Coughlin–Shurnas derivation (SPEC §1.3).</summary>
public class OaGradingTests
{
    private static readonly DateOnly ReadOn = new(2025, 1, 10);
    private static readonly GradeBandSettings Bands = new();

    private static OaGrade Grade(GradingSystem system, string value, Joint joint) => new(system, value, joint, Side.Left, "Dr Reader", ReadOn, "v1");

    [Theory]
    [InlineData(GradingSystem.KellgrenLawrence, "0", CandidacyBand.NotIndicated)]
    [InlineData(GradingSystem.KellgrenLawrence, "1", CandidacyBand.Favorable)]
    [InlineData(GradingSystem.KellgrenLawrence, "2", CandidacyBand.Favorable)]
    [InlineData(GradingSystem.KellgrenLawrence, "3", CandidacyBand.Guarded)]
    [InlineData(GradingSystem.KellgrenLawrence, "4", CandidacyBand.Unfavorable)]
    [InlineData(GradingSystem.Takakura, "1", CandidacyBand.Favorable)]
    [InlineData(GradingSystem.Takakura, "2", CandidacyBand.Favorable)]
    [InlineData(GradingSystem.Takakura, "3a", CandidacyBand.Guarded)]
    [InlineData(GradingSystem.Takakura, "3b", CandidacyBand.Unfavorable)]
    [InlineData(GradingSystem.Takakura, "4", CandidacyBand.Unfavorable)]
    [InlineData(GradingSystem.CoughlinShurnas, "0", CandidacyBand.NotIndicated)]
    [InlineData(GradingSystem.CoughlinShurnas, "2", CandidacyBand.Favorable)]
    [InlineData(GradingSystem.CoughlinShurnas, "3", CandidacyBand.Guarded)]
    [InlineData(GradingSystem.CoughlinShurnas, "4", CandidacyBand.Unfavorable)]
    public void BandFor_EachSystemGrade_SpecBand(GradingSystem system, string value, CandidacyBand band)
    {
        var joint = system switch { GradingSystem.Takakura => Joint.Ankle, GradingSystem.CoughlinShurnas => Joint.FirstMtp, _ => Joint.Subtalar };

        Assert.Equal(band, OaGrading.BandFor(Grade(system, value, joint), Bands));
    }

    [Fact]
    public void BandFor_KlGuardedFromTwoBySetting_Guarded()
    {
        var strict = new GradeBandSettings { KellgrenLawrenceGuardedFrom = 2 };

        Assert.Equal(CandidacyBand.Guarded, OaGrading.BandFor(Grade(GradingSystem.KellgrenLawrence, "2", Joint.Ankle), strict));
    }

    [Theory]
    [InlineData(GradingSystem.Takakura, "2", Joint.FirstMtp, "ankle")]
    [InlineData(GradingSystem.Takakura, "2", Joint.Subtalar, "ankle")]
    [InlineData(GradingSystem.CoughlinShurnas, "2", Joint.Ankle, "first MTP")]
    [InlineData(GradingSystem.LaTrobe, "2/1", Joint.Ankle, "midfoot")]
    [InlineData(GradingSystem.KellgrenLawrence, "5", Joint.Ankle, "0–4")]
    [InlineData(GradingSystem.Takakura, "3c", Joint.Ankle, "3a, 3b")]
    [InlineData(GradingSystem.LaTrobe, "4/0", Joint.Midfoot, "0–3")]
    public void Validate_SystemNotForJointOrBadValue_ClearError(GradingSystem system, string value, Joint joint, string mentions)
    {
        var errors = OaGrading.Validate(Grade(system, value, joint));

        Assert.Contains(errors, e => e.Message.Contains(mentions));
    }

    [Theory]
    [InlineData(GradingSystem.KellgrenLawrence, "3", Joint.Calcaneocuboid)]
    [InlineData(GradingSystem.KellgrenLawrence, "4", Joint.FirstMtp)]
    [InlineData(GradingSystem.Takakura, "3b", Joint.Ankle)]
    [InlineData(GradingSystem.CoughlinShurnas, "1", Joint.FirstMtp)]
    [InlineData(GradingSystem.LaTrobe, "0/3", Joint.Midfoot)]
    public void Validate_SystemForItsJoint_NoError(GradingSystem system, string value, Joint joint)
    {
        Assert.Empty(OaGrading.Validate(Grade(system, value, joint)));
    }

    [Fact]
    public void KellgrenLawrence_DefaultDefinitionVersion_Kl1957Original()
    {
        var grade = OaGrade.KellgrenLawrence(2, Joint.Ankle, Side.Right, "Dr Reader", ReadOn);

        Assert.Equal("KL1957-original", grade.DefinitionVersion);
        Assert.Equal("2", grade.Value);
        Assert.Equal(GradingSystem.KellgrenLawrence, grade.System);
    }

    // SPEC §1.2: never convert between systems; worst band of the target joint (PRIMA: Takakura I yet KL III).
    [Fact]
    public void ForTargetJoint_SystemsDisagree_EachKeptAndMostSevereBandWins()
    {
        OaGrade[] grades =
        [
            OaGrade.Takakura("1", Side.Right, "Dr A", ReadOn),
            OaGrade.KellgrenLawrence(3, Joint.Ankle, Side.Right, "Dr B", ReadOn),
        ];

        var band = OaGrading.ForTargetJoint(grades, Joint.Ankle, Side.Right, Bands);

        Assert.Equal(CandidacyBand.Guarded, band.Band);
        Assert.Equal(GradingSystem.KellgrenLawrence, band.DecidingGrade!.System);
        Assert.Equal("1", grades[0].Value);
    }

    [Fact]
    public void ForTargetJoint_OnlyLaTrobe_NoBand()
    {
        var band = OaGrading.ForTargetJoint([OaGrade.LaTrobe(2, 2, Joint.Midfoot, Side.Left, "Dr A", ReadOn)], Joint.Midfoot, Side.Left, Bands);

        Assert.Null(band.Band);
        Assert.Contains(band.Reasons, r => r.Code == "G-LATROBE");
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(1, 1, false)]
    [InlineData(2, 0, true)]
    [InlineData(0, 2, true)]
    public void LaTrobeOaPresent_EitherScoreAtLeastTwo_Present(int osteophytes, int narrowing, bool present)
    {
        Assert.Equal(present, OaGrading.LaTrobeOaPresent(osteophytes, narrowing));
    }

    // SPEC §1.3: dorsiflexion 40–60 → 0; 30–40 → 1; 10–30 → 2; ≤ 10 → 3 (touching values go to the higher grade).
    [Theory]
    [InlineData("55", 0)]
    [InlineData("40.5", 0)]
    [InlineData("40", 1)]
    [InlineData("30.5", 1)]
    [InlineData("30", 2)]
    [InlineData("10.5", 2)]
    [InlineData("10", 3)]
    [InlineData("0", 3)]
    public void Derive_Dorsiflexion_GradeOfRange(string degrees, int grade)
    {
        var findings = new HalluxFindings(decimal.Parse(degrees, System.Globalization.CultureInfo.InvariantCulture), null,
            HalluxRadiograph.Normal, HalluxClinicalFinding.StiffnessWithoutPain, false);

        Assert.Equal(grade, HalluxRigidusGrading.Derive(findings).Grade);
    }

    // SPEC §1.3 and §10 #2: grade 1 loss is 20–50% (not 20–60%).
    [Theory]
    [InlineData(15, 0)]
    [InlineData(19, 0)]
    [InlineData(20, 1)]
    [InlineData(49, 1)]
    [InlineData(50, 2)]
    [InlineData(55, 2)]
    [InlineData(74, 2)]
    [InlineData(75, 3)]
    [InlineData(100, 3)]
    public void Derive_LossVersusNormalSide_GradeOfRange(int lossPercent, int grade)
    {
        var findings = new HalluxFindings(null, lossPercent, HalluxRadiograph.Normal, HalluxClinicalFinding.StiffnessWithoutPain, false);

        Assert.Equal(grade, HalluxRigidusGrading.Derive(findings).Grade);
    }

    // "Grade is the highest grade whose criteria are met"; grade 4 = grade 3 plus mid-range pain.
    [Theory]
    [InlineData(45, HalluxRadiograph.OsteophytesUpToQuarterDorsalSpace, HalluxClinicalFinding.MildPainAtExtremes, false, 2)]
    [InlineData(35, HalluxRadiograph.Normal, HalluxClinicalFinding.ModerateToSeverePainBeforeMaximum, false, 2)]
    [InlineData(35, HalluxRadiograph.DorsalOsteophyteMinimalNarrowing, HalluxClinicalFinding.MildPainAtExtremes, false, 1)]
    [InlineData(8, HalluxRadiograph.SubstantialNarrowingOverQuarterDorsalSpace, HalluxClinicalFinding.NearlyConstantPainAtExtremes, false, 3)]
    [InlineData(8, HalluxRadiograph.SubstantialNarrowingOverQuarterDorsalSpace, HalluxClinicalFinding.NearlyConstantPainAtExtremes, true, 4)]
    [InlineData(35, HalluxRadiograph.DorsalOsteophyteMinimalNarrowing, HalluxClinicalFinding.MildPainAtExtremes, true, 1)]
    public void Derive_CombinedFindings_HighestGradeMet(int dorsiflexion, HalluxRadiograph xr, HalluxClinicalFinding clinical, bool midRangePain, int grade)
    {
        var result = HalluxRigidusGrading.Derive(new HalluxFindings(dorsiflexion, null, xr, clinical, midRangePain));

        Assert.Equal(grade, result.Grade);
        Assert.Equal(midRangePain && grade < 4, result.Reasons.Any(r => r.Code == "CS-MIDRANGE-CHECK"));
    }

    [Fact]
    public void Derive_NoMotionMeasure_ValidationError()
    {
        var result = HalluxRigidusGrading.Derive(new HalluxFindings(null, null, HalluxRadiograph.Normal, HalluxClinicalFinding.StiffnessWithoutPain, false));

        Assert.Null(result.Grade);
        Assert.Single(result.Errors);
    }
}

namespace Talus.Clinical.Tests;

/// <summary>ICD-10-CM (SPEC §8.1) and CPT (SPEC §8.2) selection.</summary>
public class CodingTests
{
    private static readonly ProcedureCodingSettings Sizes = new();
    // Any steroid: the CPT rows below are about the administration code; the J-code has its own table (DrugCodingTests).
    private static readonly CorticosteroidDose Steroid = new(Corticosteroid.TriamcinoloneAcetonide, 40);

    [Theory]
    [InlineData(Joint.Ankle, OaDiagnosisType.Primary, CodingLaterality.Right, "M19.071")]
    [InlineData(Joint.Ankle, OaDiagnosisType.Primary, CodingLaterality.Left, "M19.072")]
    [InlineData(Joint.Ankle, OaDiagnosisType.Undocumented, CodingLaterality.Right, "M19.071")]
    [InlineData(Joint.Subtalar, OaDiagnosisType.PostTraumatic, CodingLaterality.Left, "M19.172")]
    [InlineData(Joint.Midfoot, OaDiagnosisType.Secondary, CodingLaterality.Right, "M19.271")]
    [InlineData(Joint.Ankle, OaDiagnosisType.TraumaticArthropathy, CodingLaterality.Right, "M12.571")]
    [InlineData(Joint.FirstMtp, OaDiagnosisType.Primary, CodingLaterality.Right, "M20.21")]
    [InlineData(Joint.FirstMtp, OaDiagnosisType.Secondary, CodingLaterality.Left, "M20.22")]
    [InlineData(Joint.FirstMtp, OaDiagnosisType.Undocumented, CodingLaterality.Unknown, "M20.20")]
    [InlineData(Joint.FirstMtp, OaDiagnosisType.TraumaticArthropathy, CodingLaterality.Left, "M12.572")]
    [InlineData(Joint.Ankle, OaDiagnosisType.Primary, CodingLaterality.Unknown, "M19.079")]
    [InlineData(Joint.Talonavicular, OaDiagnosisType.PostTraumatic, CodingLaterality.Unknown, "M19.179")]
    public void Select_DiagnosisJointSide_IcdCode(Joint joint, OaDiagnosisType type, CodingLaterality side, string code)
    {
        var selection = DiagnosisCoding.Select(joint, type, side);

        var choice = Assert.Single(selection.Codes);
        Assert.Equal(code, choice.Code);
        Assert.Equal("ICD-10-CM", choice.System);
    }

    [Fact]
    public void Select_Bilateral_TwoCodes()
    {
        var selection = DiagnosisCoding.Select(Joint.Ankle, OaDiagnosisType.Primary, CodingLaterality.Bilateral);

        Assert.Equal(["M19.071", "M19.072"], selection.Codes.Select(c => c.Code));
    }

    [Fact]
    public void Select_Undocumented_ReasonSaysPrimaryDefault()
    {
        var choice = Assert.Single(DiagnosisCoding.Select(Joint.Ankle, OaDiagnosisType.Undocumented, CodingLaterality.Left).Codes);

        Assert.Equal("ICD-M19.07-DEFAULT", choice.Reason.Code);
        Assert.Contains("Coding Clinic 4Q 2016", choice.Reason.ClinicianText);
    }

    [Theory]
    [InlineData(Joint.Ankle, InjectionProduct.Corticosteroid, ImageGuidance.Ultrasound, "20606")]
    [InlineData(Joint.Ankle, InjectionProduct.HyaluronicAcid, ImageGuidance.None, "20605")]
    [InlineData(Joint.Ankle, InjectionProduct.Corticosteroid, ImageGuidance.Fluoroscopy, "20605,77002")]
    [InlineData(Joint.FirstMtp, InjectionProduct.Corticosteroid, ImageGuidance.Ultrasound, "20604")]
    [InlineData(Joint.FirstMtp, InjectionProduct.Corticosteroid, ImageGuidance.None, "20600")]
    [InlineData(Joint.Midfoot, InjectionProduct.Corticosteroid, ImageGuidance.Fluoroscopy, "20600,77002")]
    [InlineData(Joint.Subtalar, InjectionProduct.Corticosteroid, ImageGuidance.Ultrasound, "20606")]
    [InlineData(Joint.Ankle, InjectionProduct.PlateletRichPlasma, ImageGuidance.Ultrasound, "0232T")]
    [InlineData(Joint.FirstMtp, InjectionProduct.PlateletRichPlasma, ImageGuidance.Fluoroscopy, "0232T")]
    [InlineData(Joint.Ankle, InjectionProduct.BoneMarrowAspirateConcentrate, ImageGuidance.Ultrasound, "20999")]
    [InlineData(Joint.Subtalar, InjectionProduct.MicrofragmentedAdipose, ImageGuidance.Fluoroscopy, "20999")]
    public void Select_JointProductGuidance_CptCodes(Joint joint, InjectionProduct product, ImageGuidance guidance, string expected)
    {
        var selection = ProcedureCoding.Select(joint, product, guidance, CodingLaterality.Right, Sizes, Steroid);
        var administration = selection.Codes.Where(c => c.System == ProcedureCoding.CptSystem).Select(c => c.Code);

        Assert.Equal(expected.Split(','), administration);
        Assert.Empty(ProcedureCoding.Check(selection.Codes.Select(c => c.Code).ToList()));
        Assert.DoesNotContain(selection.Codes, c => c.Code is "76942" or "0566T" or "0565T");
    }

    [Fact]
    public void Select_MidfootSetToIntermediate_20606()
    {
        var selection = ProcedureCoding.Select(Joint.Midfoot, InjectionProduct.Corticosteroid, ImageGuidance.Ultrasound, CodingLaterality.Left, Sizes with { Midfoot = JointSizeClass.Intermediate }, Steroid);

        Assert.Equal("20606", selection.Codes[0].Code);
    }

    [Theory]
    [InlineData(Joint.Ankle, CodingLaterality.Bilateral, "RT,LT")]
    [InlineData(Joint.FirstMtp, CodingLaterality.Bilateral, "T5,TA")]
    [InlineData(Joint.Ankle, CodingLaterality.Left, "LT")]
    public void Select_Side_OneLinePerSideWithModifier(Joint joint, CodingLaterality side, string modifiers)
    {
        var selection = ProcedureCoding.Select(joint, InjectionProduct.Corticosteroid, ImageGuidance.Ultrasound, side, Sizes, Steroid);

        Assert.Equal(modifiers.Split(','), selection.Codes.Where(c => c.System == ProcedureCoding.CptSystem).Select(c => c.Modifier));
    }

    [Fact]
    public void Select_UnknownSide_ValidationError()
    {
        var selection = ProcedureCoding.Select(Joint.Ankle, InjectionProduct.Corticosteroid, ImageGuidance.None, CodingLaterality.Unknown, Sizes, Steroid);

        Assert.Empty(selection.Codes);
        Assert.Single(selection.Errors);
    }

    [Theory]
    [InlineData("20606,76942", "CPT-NO-76942")]
    [InlineData("20604,76942", "CPT-NO-76942")]
    [InlineData("20606,77002", "CPT-NO-77002-US")]
    [InlineData("0232T,20606", "CPT-0232T-ALL")]
    [InlineData("0232T,77002", "CPT-0232T-ALL")]
    [InlineData("0566T", "CPT-KNEE-ONLY")]
    [InlineData("20610", "CPT-MAJOR-JOINT")]
    [InlineData("20999,38221", "CPT-DIAGNOSTIC-MARROW")]
    public void Check_ForbiddenCombination_Flagged(string codes, string rule)
    {
        var problems = ProcedureCoding.Check(codes.Split(','));

        Assert.Equal(rule, Assert.Single(problems).Code);
    }

    [Theory]
    [InlineData("20605,77002")]
    [InlineData("20606")]
    [InlineData("0232T")]
    public void Check_AllowedCombination_Clean(string codes)
    {
        Assert.Empty(ProcedureCoding.Check(codes.Split(',')));
    }
}

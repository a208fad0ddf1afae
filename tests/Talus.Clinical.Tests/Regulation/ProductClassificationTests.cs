namespace Talus.Clinical.Tests;

/// <summary>SPEC §6.2–§6.4: regulatory flag, §684 notice, research consent.</summary>
public class ProductClassificationTests
{
    private static readonly RegulationSettings Defaults = new();

    private static BiologicProduct SameDay(InjectionProduct type) => new() { Type = type, SameDay = true, SameProcedure = true };

    [Theory]
    [InlineData(InjectionProduct.PlateletRichPlasma, RegulatoryFlag.Green, true, CaliforniaNotice.NotApplicable)]
    [InlineData(InjectionProduct.Corticosteroid, RegulatoryFlag.Green, true, CaliforniaNotice.NotApplicable)]
    [InlineData(InjectionProduct.BoneMarrowAspirate, RegulatoryFlag.GreenAmber, true, CaliforniaNotice.Recommended)]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, RegulatoryFlag.Amber, false, CaliforniaNotice.Mandatory)]
    [InlineData(InjectionProduct.MicrofragmentedAdipose, RegulatoryFlag.Red, false, CaliforniaNotice.Mandatory)]
    [InlineData(InjectionProduct.StromalVascularFraction, RegulatoryFlag.Red, false, CaliforniaNotice.Mandatory)]
    [InlineData(InjectionProduct.CultureExpandedMsc, RegulatoryFlag.Red, false, CaliforniaNotice.Mandatory)]
    [InlineData(InjectionProduct.AllogeneicPerinatal, RegulatoryFlag.Red, false, CaliforniaNotice.Mandatory)]
    public void Classify_SameDayAutologousByType_SpecFlag(InjectionProduct type, RegulatoryFlag flag, bool mayProceed, CaliforniaNotice notice)
    {
        var result = ProductClassification.Classify(SameDay(type), Defaults);

        Assert.Equal(flag, result.Flag);
        Assert.Equal(mayProceed, result.MayProceed);
        Assert.Equal(notice, result.CaliforniaNotice);
        Assert.False(result.ResearchConsentRequired);
        Assert.NotEmpty(result.Reasons);
    }

    [Fact]
    public void Classify_BmacWithCounselSignOff_AmberMayProceed()
    {
        var result = ProductClassification.Classify(SameDay(InjectionProduct.BoneMarrowAspirateConcentrate),
            Defaults with { CounselSignOffRecorded = true, CounselSignOffReference = "Memo 2025-02-01" });

        Assert.Equal(RegulatoryFlag.Amber, result.Flag);
        Assert.True(result.MayProceed);
        Assert.Contains(result.Reasons, r => r.Code == "REG-COUNSEL" && r.ClinicianText.Contains("Memo 2025-02-01"));
    }

    [Fact]
    public void Classify_MicrofragmentedAdiposeSetToAmber_Amber()
    {
        var result = ProductClassification.Classify(SameDay(InjectionProduct.MicrofragmentedAdipose), Defaults with { MicrofragmentedAdiposeFlag = RegulatoryFlag.Amber });

        Assert.Equal(RegulatoryFlag.Amber, result.Flag);
    }

    [Theory]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, false, true)]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, true, false)]
    [InlineData(InjectionProduct.BoneMarrowAspirate, false, true)]
    public void Classify_NotSameDayOrNotSameProcedure_Red(InjectionProduct type, bool sameDay, bool sameProcedure)
    {
        var result = ProductClassification.Classify(new BiologicProduct { Type = type, SameDay = sameDay, SameProcedure = sameProcedure }, Defaults);

        Assert.Equal(RegulatoryFlag.Red, result.Flag);
        Assert.False(result.MayProceed);
    }

    [Fact]
    public void Classify_BmacWithEnzymaticDigestion_RedMoreThanMinimal()
    {
        var result = ProductClassification.Classify(SameDay(InjectionProduct.BoneMarrowAspirateConcentrate) with { EnzymaticDigestion = true }, Defaults);

        Assert.Equal(RegulatoryFlag.Red, result.Flag);
        Assert.Contains(result.Reasons, r => r.ClinicianText.Contains("more than minimally manipulated"));
    }

    [Theory]
    [InlineData(InjectionProduct.CultureExpandedMsc, TissueSource.Autologous)]
    [InlineData(InjectionProduct.AllogeneicPerinatal, TissueSource.Allogeneic)]
    [InlineData(InjectionProduct.StromalVascularFraction, TissueSource.Autologous)]
    public void Classify_BiologicWithInd_ResearchOnlyWithBillOfRights(InjectionProduct type, TissueSource source)
    {
        var result = ProductClassification.Classify(SameDay(type) with { Source = source, IndNumber = "IND 012345" }, Defaults);

        Assert.Equal(RegulatoryFlag.ResearchOnly, result.Flag);
        Assert.True(result.MayProceed);
        Assert.True(result.ResearchConsentRequired);
        Assert.Contains(result.Reasons, r => r.Code == "CA-24172" && r.ClinicianText.Contains("Experimental Subject's Bill of Rights"));
        Assert.Contains(result.Reasons, r => r.ClinicianText.Contains("IND 012345"));
    }

    [Fact]
    public void Classify_AllRegulatoryReasons_Cite1271()
    {
        var result = ProductClassification.Classify(SameDay(InjectionProduct.StromalVascularFraction), Defaults);

        Assert.Contains(result.Reasons, r => r.Source.Contains("21 CFR 1271"));
    }

    [Theory]
    [InlineData(InjectionProduct.BoneMarrowAspirate, CaliforniaNotice.NotApplicable)]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate, CaliforniaNotice.Mandatory)]
    public void Classify_NoticePolicyOff_StatuteOnly(InjectionProduct type, CaliforniaNotice notice)
    {
        var result = ProductClassification.Classify(SameDay(type), Defaults with { CaliforniaNoticeForEveryCellBasedProduct = false });

        Assert.Equal(notice, result.CaliforniaNotice);
    }

    [Fact]
    public void CaliforniaNoticeText_Verbatim684()
    {
        Assert.Equal(
            "THIS NOTICE MUST BE PROVIDED TO YOU UNDER CALIFORNIA LAW. This health care practitioner performs one or more stem cell therapies that have not been approved by the United States Food and Drug Administration. You are encouraged to consult with your primary care physician prior to undergoing a stem cell therapy.",
            ProductClassification.CaliforniaNoticeText);
    }
}

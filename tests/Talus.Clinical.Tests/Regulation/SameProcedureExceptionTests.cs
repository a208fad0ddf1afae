namespace Talus.Clinical.Tests;

/// <summary>SPEC §6.1–§6.3: why enzymatically processed adipose cannot rely on the same-surgical-procedure exception.</summary>
public class SameProcedureExceptionTests
{
    private static BiologicProduct SameDay(InjectionProduct type) => new() { Type = type, SameDay = true, SameProcedure = true };

    public static TheoryData<BiologicProduct> ProcessedAdipose() =>
    [
        SameDay(InjectionProduct.StromalVascularFraction) with { EnzymaticDigestion = true },
        SameDay(InjectionProduct.StromalVascularFraction),
        SameDay(InjectionProduct.MicrofragmentedAdipose) with { EnzymaticDigestion = true },
    ];

    [Theory]
    [MemberData(nameof(ProcessedAdipose))]
    public void Classify_EnzymaticAdiposeSameProcedure_BlockedCitingNinthCircuit2024(BiologicProduct product)
    {
        var result = ProductClassification.Classify(product, new RegulationSettings());

        Assert.Equal(RegulatoryFlag.Red, result.Flag);
        Assert.False(result.MayProceed);
        var why = Assert.Single(result.Reasons, r => r.Code == "REG-SSP-9CIR");
        // SPEC §6.1 wording of the holding and the citation.
        Assert.Contains("removing fat and implanting SVF is not the same HCT/P → exception unavailable; SVF is a drug", why.ClinicianText);
        Assert.Contains("9th Cir. 2024 (US v. California Stem Cell Treatment Center, No. 22-56014 — binding in California)", why.ClinicianText);
        Assert.Contains("1271.15(b)", why.ClinicianText);
        Assert.Contains("No. 22-56014", why.Source);
        Assert.DoesNotContain("§", why.PatientText);
        Assert.DoesNotContain("HCT/P", why.PatientText);
    }

    [Fact]
    public void Classify_EnzymaticAdiposeUnderInd_ResearchOnlyStillExplainsWhy()
    {
        var result = ProductClassification.Classify(SameDay(InjectionProduct.StromalVascularFraction) with { IndNumber = "IND 012345" }, new RegulationSettings());

        Assert.Equal(RegulatoryFlag.ResearchOnly, result.Flag);
        Assert.Contains(result.Reasons, r => r.Code == "REG-SSP-9CIR");
    }

    [Theory]
    [InlineData(InjectionProduct.MicrofragmentedAdipose)]
    [InlineData(InjectionProduct.BoneMarrowAspirateConcentrate)]
    [InlineData(InjectionProduct.CultureExpandedMsc)]
    public void Classify_NotEnzymaticAdipose_NoNinthCircuitReason(InjectionProduct type)
    {
        var result = ProductClassification.Classify(SameDay(type), new RegulationSettings());

        Assert.DoesNotContain(result.Reasons, r => r.Code == "REG-SSP-9CIR");
    }
}

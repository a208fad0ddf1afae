namespace Talus.Clinical.Tests;

/// <summary>SPEC §8.2: the corticosteroid of a steroid injection is coded with its HCPCS J-code and units per descriptor.</summary>
public class DrugCodingTests
{
    [Theory]
    [InlineData(Corticosteroid.TriamcinoloneAcetonide, 10, "J3301x1")]
    [InlineData(Corticosteroid.TriamcinoloneAcetonide, 40, "J3301x4")]
    [InlineData(Corticosteroid.MethylprednisoloneAcetate, 40, "J1030x1")]
    [InlineData(Corticosteroid.MethylprednisoloneAcetate, 80, "J1040x1")]
    [InlineData(Corticosteroid.MethylprednisoloneAcetate, 120, "J1040x1,J1030x1")]
    [InlineData(Corticosteroid.MethylprednisoloneAcetate, 160, "J1040x2")]
    [InlineData(Corticosteroid.BetamethasoneAcetateAndSodiumPhosphate, 3, "J0702x1")]
    [InlineData(Corticosteroid.BetamethasoneAcetateAndSodiumPhosphate, 6, "J0702x2")]
    [InlineData(Corticosteroid.DexamethasoneSodiumPhosphate, 4, "J1100x4")]
    public void Select_DrugDose_JCodeAndUnits(Corticosteroid drug, int doseMg, string expected)
    {
        var selection = DrugCoding.Select(new(drug, doseMg));

        Assert.Empty(selection.Errors);
        Assert.Equal(expected.Split(','), selection.Codes.Select(c => $"{c.Code}x{c.Units}"));
        Assert.All(selection.Codes, c => Assert.Equal("HCPCS", c.System));
        Assert.All(selection.Codes, c => Assert.Equal("SPEC §8.2", c.Reason.Source));
    }

    [Fact]
    public void Select_Bilateral_DoseOfBothJointsInOneLine()
    {
        var selection = DrugCoding.Select(new(Corticosteroid.TriamcinoloneAcetonide, 20), sides: 2);

        var line = Assert.Single(selection.Codes);
        Assert.Equal(("J3301", 4), (line.Code, line.Units));
    }

    [Theory]
    [InlineData(Corticosteroid.TriamcinoloneAcetonide, 15, "drug.doseMg")]
    [InlineData(Corticosteroid.MethylprednisoloneAcetate, 60, "drug.doseMg")]
    [InlineData(Corticosteroid.DexamethasoneSodiumPhosphate, 0.5, "drug.doseMg")]
    [InlineData(Corticosteroid.TriamcinoloneAcetonide, 0, "drug.doseMg")]
    [InlineData(Corticosteroid.TriamcinoloneAcetonide, -10, "drug.doseMg")]
    [InlineData(Corticosteroid.TriamcinoloneAcetonide, 10000, "drug.doseMg")]
    [InlineData(Corticosteroid.Other, 10, "drug.drug")]
    [InlineData((Corticosteroid)99, 10, "drug.drug")]
    public void Select_DoseOrDrugSpecDoesNotCode_RefusedWithReason(Corticosteroid drug, double doseMg, string field)
    {
        var selection = DrugCoding.Select(new(drug, (decimal)doseMg));

        Assert.Empty(selection.Codes);
        Assert.Equal(field, Assert.Single(selection.Errors).Field);
    }

    [Fact]
    public void Select_PartialUnit_SaysSpecGivesNoRoundingRule()
    {
        var error = Assert.Single(DrugCoding.Select(new(Corticosteroid.MethylprednisoloneAcetate, 60)).Errors);

        Assert.Contains("not a whole number of units of J1030", error.Message);
        Assert.Contains("no rule for a partial unit", error.Message);
    }

    [Fact]
    public void ProcedureSelect_SteroidWithDrug_AdministrationThenJCode()
    {
        var selection = ProcedureCoding.Select(Joint.Ankle, InjectionProduct.Corticosteroid, ImageGuidance.Ultrasound, CodingLaterality.Right,
            new ProcedureCodingSettings(), new CorticosteroidDose(Corticosteroid.MethylprednisoloneAcetate, 40));

        Assert.Equal(["20606", "J1030"], selection.Codes.Select(c => c.Code));
        Assert.Equal([1, 1], selection.Codes.Select(c => c.Units));
        Assert.Null(selection.Codes[1].Modifier);
    }

    [Fact]
    public void ProcedureSelect_SteroidWithoutDrug_RefusedNamingDrug()
    {
        var selection = ProcedureCoding.Select(Joint.Ankle, InjectionProduct.Corticosteroid, ImageGuidance.Ultrasound, CodingLaterality.Right, new ProcedureCodingSettings());

        Assert.Empty(selection.Codes);
        Assert.Equal("drug", Assert.Single(selection.Errors).Field);
    }

    [Fact]
    public void ProcedureSelect_NotSteroid_DrugIgnored()
    {
        var selection = ProcedureCoding.Select(Joint.Ankle, InjectionProduct.HyaluronicAcid, ImageGuidance.None, CodingLaterality.Right, new ProcedureCodingSettings());

        Assert.Equal(["20605"], selection.Codes.Select(c => c.Code));
    }
}

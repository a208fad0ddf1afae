namespace Talus.Clinical.Tests;

/// <summary>SPEC §6.3: patient-facing text must not claim cure/regeneration or list diseases.</summary>
public class MarketingClaimsTests
{
    private static readonly MarketingClaimSettings Defaults = new();

    [Theory]
    [InlineData("Our stem cells cure arthritis.", true)]
    [InlineData("Regrow cartilage and avoid surgery!", true)]
    [InlineData("The injection regenerates your joint.", true)]
    [InlineData("Guaranteed results.", true)]
    [InlineData("We treat osteoarthritis, multiple sclerosis and autism.", true)]
    [InlineData("Benefit may be temporary or absent; trials have not shown it beats a steroid injection.", false)]
    [InlineData("Please consult your health care provider. Parking is secure.", false)]
    [InlineData("This procedure is offered for ankle osteoarthritis and is not FDA-approved for it.", false)]
    [InlineData("Our regenerative medicine program offers a consultation.", false)]
    [InlineData("We do not use this for rheumatoid arthritis.", false)]
    public void Check_PatientText_BlockedWhenClaimOrDiseaseList(string text, bool blocked)
    {
        Assert.Equal(blocked, MarketingClaims.Check(text, Defaults).Blocked);
    }

    [Fact]
    public void Check_SingleDisease_ReviewNotBlock()
    {
        var check = MarketingClaims.Check("For people with ankle osteoarthritis.", Defaults);

        Assert.False(check.Blocked);
        Assert.Equal(MarketingClaimKind.DiseaseMention, Assert.Single(check.Findings).Kind);
    }

    [Fact]
    public void Check_ClaimFinding_NamesTermAndPosition()
    {
        var check = MarketingClaims.Check("Finally: a cure.", Defaults);

        var finding = Assert.Single(check.Findings);
        Assert.Equal("cure", finding.Term);
        Assert.Equal(11, finding.Index);
        Assert.Equal("MKT-CLAIM", finding.Reason.Code);
    }
}

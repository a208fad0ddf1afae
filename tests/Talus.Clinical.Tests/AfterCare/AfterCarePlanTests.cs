using Talus.Clinical.AfterCare;

namespace Talus.Clinical.Tests.AfterCare;

public class AfterCarePlanTests
{
    private static readonly DateOnly Procedure = new(2025, 3, 3);

    [Theory]
    [InlineData(Joint.Ankle, "AC-SUPPORT-BOOT")]
    [InlineData(Joint.Subtalar, "AC-SUPPORT-BOOT")]
    [InlineData(Joint.Talonavicular, "AC-SUPPORT-BOOT")]
    [InlineData(Joint.Calcaneocuboid, "AC-SUPPORT-BOOT")]
    [InlineData(Joint.Midfoot, "AC-SUPPORT-BOOT")]
    [InlineData(Joint.FirstMtp, "AC-SUPPORT-SHOE")]
    public void For_Joint_BootOrBraceExceptStiffSoledShoeForFirstMtp(Joint joint, string code)
    {
        var plan = AfterCarePlan.For(Procedure, joint, hasHarvest: false, new AfterCareSettings());

        var support = Assert.Single(plan, i => i.Code.StartsWith("AC-SUPPORT", StringComparison.Ordinal));
        Assert.Equal(code, support.Code);
        Assert.Equal(new DateOnly(2025, 3, 16), support.End);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void For_HarvestSiteLine_OnlyWithHarvest(bool hasHarvest, bool present)
    {
        var plan = AfterCarePlan.For(Procedure, Joint.Ankle, hasHarvest, new AfterCareSettings());

        Assert.Equal(present, plan.Any(i => i.Code == "AC-HARVEST-SITE"));
    }

    // End dates are the last day the instruction applies.
    [Theory]
    [InlineData("AC-REST", "2025-03-03", "2025-03-05")]
    [InlineData("AC-HARVEST-SITE", "2025-03-03", "2025-03-05")]
    [InlineData("AC-LOW-IMPACT", "2025-03-17", "2025-04-13")]
    [InlineData("AC-NO-IMPACT", "2025-03-03", "2025-04-13")]
    [InlineData("AC-NO-NSAID", "2025-03-03", "2025-03-17")]
    [InlineData("AC-WARNING-SIGNS", "2025-03-03", null)]
    public void For_DefaultSettings_Dates(string code, string start, string? end)
    {
        var instruction = AfterCarePlan.For(Procedure, Joint.Ankle, hasHarvest: true, new AfterCareSettings()).Single(i => i.Code == code);

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), instruction.Start);
        Assert.Equal(end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), instruction.End);
        Assert.False(string.IsNullOrWhiteSpace(instruction.PatientText));
        Assert.StartsWith("SPEC", instruction.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void For_HighImpactWeeksSetting_ChangesEndAndText()
    {
        var plan = AfterCarePlan.For(Procedure, Joint.Ankle, hasHarvest: false, new AfterCareSettings { HighImpactRestrictionWeeks = 8 });

        var impact = plan.Single(i => i.Code == "AC-NO-IMPACT");
        Assert.Equal(Procedure.AddDays(55), impact.End);
        Assert.Contains("8 weeks", impact.PatientText, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NsaidLine_AllowsAcetaminophen()
    {
        var nsaid = AfterCarePlan.For(Procedure, Joint.FirstMtp, hasHarvest: false, new AfterCareSettings()).Single(i => i.Code == "AC-NO-NSAID");

        Assert.Contains("Acetaminophen", nsaid.PatientText, StringComparison.Ordinal);
        Assert.Contains("§2.4", nsaid.Source, StringComparison.Ordinal);
    }
}

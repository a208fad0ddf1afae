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

    // One convention (SPEC §2.4, §4.7): day 0 = procedure day (2025-03-03); "N days" = days 0..N-1; End is the last day
    // the instruction applies (inclusive) and the patient resumes the day after.
    [Theory]
    [InlineData("AC-REST", "2025-03-03", "2025-03-05", "2025-03-06")]          // days 0–2
    [InlineData("AC-HARVEST-SITE", "2025-03-03", "2025-03-04", "2025-03-05")]  // 24–48 h = days 0–1
    [InlineData("AC-SUPPORT-BOOT", "2025-03-03", "2025-03-16", "2025-03-17")]  // weeks 0–2 = days 0–13
    [InlineData("AC-LOW-IMPACT", "2025-03-17", "2025-04-13", "2025-04-14")]    // weeks 2–6 = days 14–41
    [InlineData("AC-NO-IMPACT", "2025-03-03", "2025-04-13", "2025-04-14")]     // until week 6 = days 0–41
    [InlineData("AC-NO-NSAID", "2025-03-03", "2025-03-16", "2025-03-17")]      // avoid 14 days = days 0–13, resume day 14
    [InlineData("AC-WARNING-SIGNS", "2025-03-03", null, null)]
    public void For_DefaultSettings_Dates(string code, string start, string? end, string? resume)
    {
        var instruction = AfterCarePlan.For(Procedure, Joint.Ankle, hasHarvest: true, new AfterCareSettings()).Single(i => i.Code == code);

        Assert.Equal(Day(start), instruction.Start);
        Assert.Equal(end is null ? null : Day(end), instruction.End);
        Assert.Equal(resume is null ? null : Day(resume), instruction.ResumeOn);
        Assert.False(string.IsNullOrWhiteSpace(instruction.PatientText));
        Assert.StartsWith("SPEC", instruction.Source, StringComparison.Ordinal);
    }

    // Day by day around the edges: every "N days" item applies on day N-1 and not on day N.
    [Theory]
    [InlineData("AC-NO-NSAID", 0, true)]
    [InlineData("AC-NO-NSAID", 13, true)]
    [InlineData("AC-NO-NSAID", 14, false)]
    [InlineData("AC-REST", 2, true)]
    [InlineData("AC-REST", 3, false)]
    [InlineData("AC-HARVEST-SITE", 1, true)]
    [InlineData("AC-HARVEST-SITE", 2, false)]
    [InlineData("AC-SUPPORT-BOOT", 13, true)]
    [InlineData("AC-SUPPORT-BOOT", 14, false)]
    [InlineData("AC-LOW-IMPACT", 13, false)]
    [InlineData("AC-LOW-IMPACT", 14, true)]
    [InlineData("AC-NO-IMPACT", 41, true)]
    [InlineData("AC-NO-IMPACT", 42, false)]
    [InlineData("AC-NO-NSAID", -1, false)]
    public void AppliesOn_DayAfterProcedure_FollowsTheDayZeroConvention(string code, int day, bool applies)
    {
        var instruction = AfterCarePlan.For(Procedure, Joint.Ankle, hasHarvest: true, new AfterCareSettings()).Single(i => i.Code == code);

        Assert.Equal(applies, instruction.AppliesOn(Procedure.AddDays(day)));
    }

    [Theory]
    [InlineData(1, "2025-03-03")]
    [InlineData(7, "2025-03-09")]
    [InlineData(28, "2025-03-30")]
    public void For_NsaidDaysSetting_LastDayIsDayNMinusOne(int days, string end)
    {
        var nsaid = AfterCarePlan.For(Procedure, Joint.Ankle, hasHarvest: false, new AfterCareSettings { NsaidAvoidanceDaysAfter = days }).Single(i => i.Code == "AC-NO-NSAID");

        Assert.Equal(Day(end), nsaid.End);
        Assert.Equal(Day(end).AddDays(1), nsaid.ResumeOn);
    }

    private static DateOnly Day(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

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

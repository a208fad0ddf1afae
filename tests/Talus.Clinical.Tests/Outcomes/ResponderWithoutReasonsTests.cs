using Talus.Clinical.FollowUp;
using Talus.Clinical.Outcomes;

namespace Talus.Clinical.Tests.Outcomes;

/// <summary>The registry's reason-free responder check gives exactly the category of the full assessment (SPEC §4.4–§4.5).</summary>
public class ResponderWithoutReasonsTests
{
    // Baseline FAOS Pain 40, ADL 50, PGA 60 (P 60, F 50, G 60), then one follow-up per row.
    [Theory]
    [InlineData(80, 85, 20)]   // high improvement in pain
    [InlineData(42, 51, 58)]   // nothing moves
    [InlineData(55, 62, 45)]   // moderate in three domains
    [InlineData(55, 52, 59)]   // moderate pain only
    [InlineData(10, 20, 95)]   // worse everywhere
    [InlineData(100, 100, 0)]  // best possible
    [InlineData(40, 50, 60)]   // unchanged
    public void IsResponder_FaosAndGlobal_SameAsAssessVisit(double pain, double adl, double global)
    {
        var baseline = new OutcomeScores(FaosPain: 40, FaosAdl: 50, PatientGlobal: 60);
        var followUp = new OutcomeScores(FaosPain: (decimal)pain, FaosAdl: (decimal)adl, PatientGlobal: (decimal)global);

        var full = TreatmentResponse.AssessVisit(baseline, new VisitOutcome(ProgramVisit.V3, new DateOnly(2026, 4, 1), followUp), new McidSettings());

        Assert.Equal(full.Category == ResponseCategory.Responder, TreatmentResponse.IsResponder(baseline, followUp));
    }

    [Theory]
    [InlineData(8, 2)]
    [InlineData(8, 7)]
    [InlineData(0, 0)]
    [InlineData(3, 9)]
    public void IsResponder_NrsOnly_SameAsAssessVisit(double before, double after)
    {
        var baseline = new OutcomeScores(NrsPain: (decimal)before);
        var followUp = new OutcomeScores(NrsPain: (decimal)after);

        var full = TreatmentResponse.AssessVisit(baseline, new VisitOutcome(ProgramVisit.V4, new DateOnly(2026, 7, 1), followUp), new McidSettings());

        Assert.Equal(full.Category == ResponseCategory.Responder, TreatmentResponse.IsResponder(baseline, followUp));
    }

    [Fact]
    public void IsMet_HighPainImprovement_AgreesWithResponder()
    {
        var before = new OarsiDomains(60, 50, 60);
        var after = new OarsiDomains(20, 15, 20);

        Assert.True(OmeractOarsi.IsMet(before, after, worsening: false));
        Assert.Equal(OmeractOarsi.Responder(before, after).Met, OmeractOarsi.IsMet(before, after, worsening: false));
        Assert.Equal(OmeractOarsi.Worsened(before, after).Met, OmeractOarsi.IsMet(before, after, worsening: true));
    }
}

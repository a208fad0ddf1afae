using Talus.Clinical.FollowUp;
using Talus.Clinical.Outcomes;

namespace Talus.Clinical.Tests.Outcomes;

public class TreatmentResponseTests
{
    private static readonly DateOnly Index = new(2025, 1, 6);

    private static readonly OutcomeScores Baseline = new(NrsPain: 6m, FaosPain: 40m, FaosAdl: 50m, FaamAdl: 50m, PatientGlobal: 60m);

    // R: FAOS Pain 40 → 70 (P 60 → 30: abs 30, rel 0.50) → OMERACT-OARSI responder.
    private static readonly OutcomeScores Responding = Baseline with { FaosPain = 70m };

    // P: NRS 6 → 4 (MCID) only; FAOS Pain 40 → 45 is below its MCID and P 60 → 55 is not moderate.
    private static readonly OutcomeScores Partial = Baseline with { NrsPain = 4m, FaosPain = 45m };

    // N: unchanged.
    private static readonly OutcomeScores Unchanged = Baseline;

    // W: P 60 → 80 (abs 20, rel 0.33: moderate), F 50 → 65 (abs 15, rel 0.30: moderate) → inverse criteria met.
    private static readonly OutcomeScores Worse = Baseline with { FaosPain = 20m, FaosAdl = 35m };

    private static ResponseHistory History(string visits)
    {
        var list = new List<VisitOutcome>();
        foreach (var part in visits.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var visit = Enum.Parse<ProgramVisit>(part[..2]);
            var scores = part[3] switch { 'R' => Responding, 'P' => Partial, 'W' => Worse, _ => Unchanged };
            list.Add(new VisitOutcome(visit, Index.AddDays(91 * ((int)visit - 2)), scores));
        }

        return new ResponseHistory(Baseline, [.. list]);
    }

    [Theory]
    [InlineData("", ResponseCategory.Undetermined, null)]
    [InlineData("V2:R", ResponseCategory.Undetermined, null)]
    [InlineData("V3:R", ResponseCategory.Responder, ProgramVisit.V3)]
    [InlineData("V3:P", ResponseCategory.PartialResponder, ProgramVisit.V3)]
    [InlineData("V3:N", ResponseCategory.Undetermined, ProgramVisit.V3)]
    [InlineData("V3:N,V4:N", ResponseCategory.NonResponder, ProgramVisit.V4)]
    [InlineData("V4:N", ResponseCategory.NonResponder, ProgramVisit.V4)]
    [InlineData("V3:P,V4:P", ResponseCategory.PartialResponder, ProgramVisit.V4)]
    [InlineData("V3:N,V4:P", ResponseCategory.PartialResponder, ProgramVisit.V4)]
    [InlineData("V3:R,V4:N", ResponseCategory.LossOfResponse, ProgramVisit.V4)]
    [InlineData("V3:R,V4:R,V5:N", ResponseCategory.LossOfResponse, ProgramVisit.V5)]
    [InlineData("V3:R,V4:P", ResponseCategory.PartialResponder, ProgramVisit.V4)]
    [InlineData("V3:R,V4:W", ResponseCategory.Worsened, ProgramVisit.V4)]
    [InlineData("V3:W", ResponseCategory.Worsened, ProgramVisit.V3)]
    [InlineData("V3:P,V4:N", ResponseCategory.NonResponder, ProgramVisit.V4)]
    public void Assess_VisitSequence_Category(string visits, ResponseCategory expected, ProgramVisit? decidedAt)
    {
        var assessment = TreatmentResponse.Assess(History(visits), new McidSettings());

        Assert.Equal(expected, assessment.Category);
        Assert.Equal(decidedAt, assessment.DecidedAt);
        Assert.NotEmpty(assessment.Reasons);
    }

    [Fact]
    public void Assess_PartialNotSustained_FlagsSpecGap()
    {
        var assessment = TreatmentResponse.Assess(History("V3:P,V4:N"), new McidSettings());

        Assert.Contains(assessment.Reasons, r => r.Code == "RESP-PARTIAL-NOT-SUSTAINED");
    }

    [Fact]
    public void AssessVisit_NrsOnlyPain_UsesTenTimesNrs()
    {
        // No FAOS: P = 10 x NRS, 6 → 3 = 60 → 30 (abs 30, rel 0.50) → high improvement.
        var baseline = new OutcomeScores(NrsPain: 6m);
        var visit = new VisitOutcome(ProgramVisit.V3, Index.AddDays(91), new OutcomeScores(NrsPain: 3m));

        var response = TreatmentResponse.AssessVisit(baseline, visit, new McidSettings());

        Assert.Equal(ResponseCategory.Responder, response.Category);
        Assert.True(response.Responder.HighChange);
    }

    [Fact]
    public void AssessVisit_Partial_ListsTheMcidsChecked()
    {
        var response = TreatmentResponse.AssessVisit(Baseline, new VisitOutcome(ProgramVisit.V3, Index.AddDays(91), Partial), new McidSettings());

        Assert.Equal(ResponseCategory.PartialResponder, response.Category);
        Assert.Equal(
            [OutcomeMeasure.NrsPain, OutcomeMeasure.FaosPain, OutcomeMeasure.FaosAdl, OutcomeMeasure.FaamAdl],
            response.Mcids.Select(m => m.Measure));
        Assert.Equal([true, false, false, false], response.Mcids.Select(m => m.Met));
    }
}

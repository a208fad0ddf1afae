using System.Diagnostics;
using static Talus.Clinical.Tests.CandidacyFixtures;

namespace Talus.Clinical.Tests;

public class CandidacyPerformanceTests
{
    // PERFORMANCE.md: assess candidacy < 20 µs. The mean of the fastest batch on a shared machine; BenchmarkDotNet is the real measure.
    [Fact]
    public void Assess_TypicalPatientWithFindings_UnderTwentyMicroseconds()
    {
        var input = Eligible() with
        {
            Bmi = 36m,
            HbA1cPercent = 7.5m,
            Grades = [OaGrade.KellgrenLawrence(3, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10))],
            History = [DaysAgo(HistoryKind.IntraArticularSteroidTargetJoint, 40), DaysAgo(HistoryKind.Nsaid, 2)],
        };
        for (var i = 0; i < 2_000; i++)
        {
            Assess(input);
        }

        // The fastest of several batches: other tests and engineers share these 2 cores, and contention only ever adds time.
        const int runs = 2_000;
        var bestMicroseconds = double.MaxValue;
        for (var batch = 0; batch < 10; batch++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                Assess(input);
            }

            bestMicroseconds = Math.Min(bestMicroseconds, watch.Elapsed.TotalMicroseconds / runs);
        }

        Assert.True(bestMicroseconds < 20, $"mean of the fastest batch {bestMicroseconds:F2} µs");
    }
}

namespace Talus.Clinical.Registry;

/// <summary>One patient-joint's time from the index procedure: to the event, or to censoring at the last follow-up.</summary>
public sealed record TimeToEvent(int Days, bool Event);

/// <summary>How many patient-joints had the event, and how many were censored, on one day.</summary>
public sealed record TimesAtDay(int Days, int Events, int Censored);

/// <summary>One step of the curve: at <see cref="Days"/>, who was at risk, how many events and censorings, and survival after it.</summary>
public sealed record KaplanMeierStep(int Days, int AtRisk, int Events, int Censored, double Survival, double StandardError);

/// <summary>
/// The Kaplan–Meier product-limit estimator (Kaplan EL, Meier P, J Am Stat Assoc 1958;53:457–481) with Greenwood's variance.
/// At a tied time, events are counted before censorings: a patient censored at t was still at risk at t.
/// </summary>
public static class KaplanMeier
{
    /// <summary>The curve, one step per distinct time with an event or a censoring; survival starts at 1 on day 0.</summary>
    public static IReadOnlyList<KaplanMeierStep> Estimate(IEnumerable<TimeToEvent> observations) =>
        EstimateByDay(observations.Select(o => new TimesAtDay(o.Days, o.Event ? 1 : 0, o.Event ? 0 : 1)));

    /// <summary>The same curve from counts already grouped by day (several entries for one day add up), as a database returns them.</summary>
    public static IReadOnlyList<KaplanMeierStep> EstimateByDay(IEnumerable<TimesAtDay> counts)
    {
        var byTime = new SortedDictionary<int, (int Events, int Censored)>();
        var total = 0;
        foreach (var o in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(o.Days);
            ArgumentOutOfRangeException.ThrowIfNegative(o.Events);
            ArgumentOutOfRangeException.ThrowIfNegative(o.Censored);
            if (o.Events + o.Censored == 0)
            {
                continue;
            }
            byTime.TryGetValue(o.Days, out var c);
            byTime[o.Days] = (c.Events + o.Events, c.Censored + o.Censored);
            total += o.Events + o.Censored;
        }

        var steps = new List<KaplanMeierStep>(byTime.Count);
        var atRisk = total;
        var survival = 1.0;
        var greenwood = 0.0;
        foreach (var (days, (events, censored)) in byTime)
        {
            if (events > 0)
            {
                survival *= 1 - ((double)events / atRisk);
                // Greenwood: Var(S) = S² Σ d / (n (n − d)); the sum is undefined once everyone has had the event.
                greenwood += atRisk > events ? (double)events / (atRisk * (double)(atRisk - events)) : double.PositiveInfinity;
            }

            var se = survival == 0 || double.IsInfinity(greenwood) ? 0 : survival * Math.Sqrt(greenwood);
            steps.Add(new KaplanMeierStep(days, atRisk, events, censored, survival, se));
            atRisk -= events + censored;
        }

        return steps;
    }

    /// <summary>Survival at a day: the last step at or before it (1 before the first event).</summary>
    public static double SurvivalAt(IReadOnlyList<KaplanMeierStep> curve, int days)
    {
        var survival = 1.0;
        foreach (var step in curve)
        {
            if (step.Days > days)
            {
                break;
            }

            survival = step.Survival;
        }

        return survival;
    }
}

namespace Talus.Clinical.Registry;

/// <summary>A proportion's 95% confidence interval, both ends in [0, 1].</summary>
public sealed record ProportionInterval(double Lower, double Upper);

/// <summary>
/// The patients of one slice at one time point, counted by intention to treat: everyone treated whose time point
/// window has closed (or who answered at it) is in the denominator. Those not assessed (missed, lost to follow-up)
/// stay in the denominator as not responding and are shown as their own count, never dropped.
/// </summary>
public sealed record IttCounts(int Responders, int NonResponders, int NotAssessed)
{
    public int Denominator => Responders + NonResponders + NotAssessed;

    public int Assessed => Responders + NonResponders;

    public static IttCounts operator +(IttCounts a, IttCounts b) =>
        new(a.Responders + b.Responders, a.NonResponders + b.NonResponders, a.NotAssessed + b.NotAssessed);

    public static IttCounts Zero { get; } = new(0, 0, 0);
}

/// <summary>
/// A responder rate with its interval. <see cref="Rate"/> is responders / intention-to-treat denominator (not assessed =
/// not responding, the conservative reading); <see cref="AssessedRate"/> is the complete-case rate among those who answered.
/// </summary>
public sealed record ResponderRate(IttCounts Counts, double? Rate, ProportionInterval? Interval, double? AssessedRate, ProportionInterval? AssessedInterval);

/// <summary>Responder proportions with Wilson score intervals.</summary>
public static class ResponderRates
{
    /// <summary>
    /// Wilson score interval (Wilson EB, J Am Stat Assoc 1927;22:209–212), recommended over the Wald interval for small n
    /// and rates near 0 or 1 (Brown, Cai, DasGupta, Stat Sci 2001;16:101–133). Null when n = 0.
    /// </summary>
    public static ProportionInterval? Wilson(int successes, int n, double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        if (n == 0)
        {
            return null;
        }

        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));

        // The exact ends are 0 and 1 when successes are 0 or n; clamp the rounding noise.
        return new ProportionInterval(successes == 0 ? 0 : Math.Max(0, centre - half), successes == n ? 1 : Math.Min(1, centre + half));
    }

    /// <summary>The intention-to-treat rate and the complete-case rate of one slice, each with its Wilson interval.</summary>
    public static ResponderRate Of(IttCounts counts, RegistrySettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(counts.Responders);
        ArgumentOutOfRangeException.ThrowIfNegative(counts.NonResponders);
        ArgumentOutOfRangeException.ThrowIfNegative(counts.NotAssessed);
        var n = counts.Denominator;
        var assessed = counts.Assessed;
        return new ResponderRate(
            counts,
            n == 0 ? null : (double)counts.Responders / n,
            Wilson(counts.Responders, n, settings.ConfidenceZ),
            assessed == 0 ? null : (double)counts.Responders / assessed,
            Wilson(counts.Responders, assessed, settings.ConfidenceZ));
    }
}

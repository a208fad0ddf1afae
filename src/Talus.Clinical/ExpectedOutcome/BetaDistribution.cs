namespace Talus.Clinical.ExpectedOutcome;

/// <summary>
/// Beta distribution functions implemented here because Talus.Clinical takes no packages: the regularized incomplete
/// beta by Lentz's continued fraction (Numerical Recipes §6.4) and its inverse by bisection, which is slow-ish
/// (~50 CDF evaluations) but cannot diverge for small shape parameters.
/// </summary>
public static class BetaDistribution
{
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;
    private const int MaxIterations = 500;

    /// <summary>P(X ≤ x) for X ~ Beta(alpha, beta): the regularized incomplete beta I_x(alpha, beta).</summary>
    public static double Cdf(double x, double alpha, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var logFront = (alpha * Math.Log(x)) + (beta * Math.Log(1 - x)) - LogBeta(alpha, beta);

        // The continued fraction converges fast only for x < (a+1)/(a+b+2); use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) otherwise.
        return x < (alpha + 1) / (alpha + beta + 2)
            ? Math.Exp(logFront) * ContinuedFraction(x, alpha, beta) / alpha
            : 1 - (Math.Exp(logFront) * ContinuedFraction(1 - x, beta, alpha) / beta);
    }

    /// <summary>The p-quantile of Beta(alpha, beta), to about 1e-12.</summary>
    public static double Quantile(double p, double alpha, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (p == 0)
        {
            return 0;
        }

        if (p == 1)
        {
            return 1;
        }

        double low = 0, high = 1;
        while (high - low > 1e-13)
        {
            var mid = 0.5 * (low + high);
            if (Cdf(mid, alpha, beta) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }

    /// <summary>ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error ~1e-15).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];

        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = c[0];
        for (var i = 1; i < c.Length; i++)
        {
            sum += c[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    private static double ContinuedFraction(double x, double a, double b)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        if (Math.Abs(d) < Tiny)
        {
            d = Tiny;
        }

        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            if (Math.Abs(d) < Tiny)
            {
                d = Tiny;
            }

            c = 1 + (aa / c);
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            d = 1 / d;
            h *= d * c;

            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            if (Math.Abs(d) < Tiny)
            {
                d = Tiny;
            }

            c = 1 + (aa / c);
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return h;
    }
}

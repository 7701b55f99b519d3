using MathNet.Numerics;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>Standard normal density, tail and truncated-moment helpers used by the closed-form quantiser moments.</summary>
internal static class GaussianMath
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>Standard normal density phi(x); 0 at +-infinity.</summary>
    public static double Pdf(double x) => double.IsInfinity(x) ? 0 : InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>Upper tail Q(x) = P(Z &gt; x) = erfc(x / sqrt 2) / 2.</summary>
    public static double Tail(double x) =>
        double.IsPositiveInfinity(x) ? 0 : double.IsNegativeInfinity(x) ? 1 : 0.5 * SpecialFunctions.Erfc(x * InvSqrt2);

    /// <summary>P(lo &lt; Z &lt; hi) for a standard normal Z, accurate in both tails.</summary>
    public static double Interval(double lo, double hi)
    {
        if (hi <= lo) return 0;
        if (lo >= 0) return Tail(lo) - Tail(hi);
        if (hi <= 0) return Tail(-hi) - Tail(-lo);
        return 1 - Tail(hi) - Tail(-lo);
    }

    /// <summary>
    /// E[X 1{lo &lt; X &lt; hi}] for X ~ N(a, sigma^2): a P + sigma (phi(alpha) - phi(beta)), alpha = (lo - a)/sigma,
    /// beta = (hi - a)/sigma (standard truncated-normal identity). Requires sigma &gt; 0.
    /// </summary>
    public static double PartialMean(double a, double sigma, double lo, double hi, out double probability)
    {
        double alpha = (lo - a) / sigma, beta = (hi - a) / sigma;
        probability = Interval(alpha, beta);
        return a * probability + sigma * (Pdf(alpha) - Pdf(beta));
    }

    /// <summary>E[(|Z| - t)_+] for Z ~ N(0, sigma^2), t &gt;= 0: 2 (sigma phi(t/sigma) - t Q(t/sigma)) (derived).</summary>
    public static double ExcessAbsMean(double sigma, double t)
    {
        if (t < 0) t = 0;
        if (sigma == 0) return 0;
        double u = t / sigma;
        return 2 * (sigma * Pdf(u) - t * Tail(u));
    }
}

using MathNet.Numerics.Distributions;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Statistics;

/// <summary>
/// Confidence intervals for means, paired differences and ratios of paired means — the statistics behind every claim
/// verdict. Student-t intervals use n − 1 degrees of freedom (exact for normal data, conservative relative to the normal
/// interval for few seeds); bootstrap intervals are percentile intervals with a seeded resampler, so they are reproducible.
/// </summary>
public static class Intervals
{
    /// <summary>The two-sided Student-t quantile t_{1−(1−level)/2, dof}.</summary>
    public static double StudentQuantile(double level, double degreesOfFreedom)
    {
        CheckLevel(level);
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "needs > 0 degrees of freedom");
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (1 - level) / 2);
    }

    /// <summary>Student-t interval of the mean of <paramref name="samples"/> (undefined for fewer than 2 samples).</summary>
    public static ConfidenceInterval Mean(ReadOnlySpan<double> samples, double level = 0.95)
    {
        CheckLevel(level);
        int n = samples.Length;
        if (n == 0) return ConfidenceInterval.Undefined();
        double mean = 0;
        for (int i = 0; i < n; i++) mean += (samples[i] - mean) / (i + 1);
        if (n < 2) return ConfidenceInterval.Undefined(mean, n);
        double ss = 0;
        for (int i = 0; i < n; i++) { double d = samples[i] - mean; ss += d * d; }
        double se = Math.Sqrt(ss / (n - 1) / n);
        double h = StudentQuantile(level, n - 1) * se;
        return new ConfidenceInterval(mean, mean - h, mean + h, level, n);
    }

    /// <summary>Student-t interval of the mean paired difference E[a − b] (pairs share a seed, geometry or image).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static ConfidenceInterval PairedDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double level = 0.95)
    {
        if (a.Length != b.Length) throw new ArgumentException($"paired samples need equal lengths, got {a.Length} and {b.Length}", nameof(b));
        var d = new double[a.Length];
        for (int i = 0; i < d.Length; i++) d[i] = a[i] - b[i];
        return Mean(d, level);
    }

    /// <summary>
    /// Student-t interval of the mean from an engine summary (count, mean, standard error of a sample metric): a metric that
    /// records a paired difference per trial gives the paired interval. Undefined below 2 samples.
    /// </summary>
    public static ConfidenceInterval FromSummary(MetricSummary summary, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(summary);
        CheckLevel(level);
        int n = (int)Math.Min(int.MaxValue, summary.Count);
        if (summary.Kind == MetricKind.Rate || n < 2 || !double.IsFinite(summary.StdError)) return ConfidenceInterval.Undefined(summary.Mean, n);
        double h = StudentQuantile(level, n - 1) * summary.StdError;
        return new ConfidenceInterval(summary.Mean, summary.Mean - h, summary.Mean + h, level, n);
    }

    /// <summary>
    /// Interval of the ratio of paired means R = E[a]/E[b] from three engine summaries recorded on the same trials: a, b and
    /// their difference a − b (which carries the covariance: Cov(a, b) = (Var a + Var b − Var(a − b))/2). Delta method:
    /// Var(ā/b̄) ≈ (Var ā + R² Var b̄ − 2R Cov(ā, b̄))/b̄², with a Student-t quantile on n − 1 degrees of freedom. A relative gain
    /// is the ratio minus one (<see cref="ConfidenceInterval.Shift"/>). Undefined when b̄ is 0 or fewer than 2 trials.
    /// </summary>
    /// <exception cref="ArgumentException">The three summaries have different counts.</exception>
    public static ConfidenceInterval PairedRatio(MetricSummary a, MetricSummary b, MetricSummary difference, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(difference);
        CheckLevel(level);
        if (a.Count != b.Count || a.Count != difference.Count)
            throw new ArgumentException($"paired summaries need equal counts, got {a.Count}, {b.Count}, {difference.Count}", nameof(difference));
        int n = (int)Math.Min(int.MaxValue, a.Count);
        double r = a.Mean / b.Mean;
        if (n < 2 || b.Mean == 0 || !double.IsFinite(r)) return ConfidenceInterval.Undefined(r, n);
        // Variances of the means (squared standard errors); the covariance of the means from the difference.
        double va = a.StdError * a.StdError, vb = b.StdError * b.StdError, vd = difference.StdError * difference.StdError;
        double cov = (va + vb - vd) / 2;
        double v = (va + r * r * vb - 2 * r * cov) / (b.Mean * b.Mean);
        double se = Math.Sqrt(Math.Max(v, 0));
        double h = StudentQuantile(level, n - 1) * se;
        return new ConfidenceInterval(r, r - h, r + h, level, n);
    }

    /// <summary>Percentile-bootstrap interval of the mean with <paramref name="resamples"/> seeded resamples.</summary>
    public static ConfidenceInterval BootstrapMean(ReadOnlySpan<double> samples, int resamples, ulong seed, double level = 0.95)
    {
        CheckLevel(level);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        int n = samples.Length;
        if (n < 2) return n == 0 ? ConfidenceInterval.Undefined() : ConfidenceInterval.Undefined(samples[0], 1);
        double mean = 0;
        foreach (double x in samples) mean += x;
        mean /= n;
        var stats = new double[resamples];
        var rng = new Xoshiro256StarStar(seed);
        for (int r = 0; r < resamples; r++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += samples[rng.NextInt(n)];
            stats[r] = s / n;
        }
        return Percentile(mean, stats, level, n);
    }

    /// <summary>
    /// Percentile-bootstrap interval of the ratio of paired means mean(a)/mean(b), resampling pairs (a relative gain is the
    /// ratio minus one).
    /// </summary>
    public static ConfidenceInterval PairedBootstrapRatio(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int resamples, ulong seed, double level = 0.95)
    {
        CheckLevel(level);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        if (a.Length != b.Length) throw new ArgumentException($"paired samples need equal lengths, got {a.Length} and {b.Length}", nameof(b));
        int n = a.Length;
        double sa = 0, sb = 0;
        for (int i = 0; i < n; i++) { sa += a[i]; sb += b[i]; }
        double ratio = sa / sb;
        if (n < 2) return ConfidenceInterval.Undefined(ratio, n);
        var stats = new double[resamples];
        var rng = new Xoshiro256StarStar(seed);
        for (int r = 0; r < resamples; r++)
        {
            double ra = 0, rb = 0;
            for (int i = 0; i < n; i++) { int k = rng.NextInt(n); ra += a[k]; rb += b[k]; }
            stats[r] = ra / rb;
        }
        return Percentile(ratio, stats, level, n);
    }

    private static ConfidenceInterval Percentile(double estimate, double[] stats, double level, int n)
    {
        Array.Sort(stats);
        double alpha = (1 - level) / 2;
        double Q(double p)
        {
            double pos = p * (stats.Length - 1);
            int lo = (int)Math.Floor(pos);
            int hi = Math.Min(lo + 1, stats.Length - 1);
            return stats[lo] + (pos - lo) * (stats[hi] - stats[lo]);
        }
        return new ConfidenceInterval(estimate, Q(alpha), Q(1 - alpha), level, n);
    }

    private static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "the confidence level must lie in (0, 1)");
    }
}

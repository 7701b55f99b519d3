using MathNet.Numerics.Distributions;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Uncertainty quantification from posterior samples of an operator network (the Bayesian UQ of Morephy-Net,
/// arXiv 2509.00663; reSGLD samples as in Lin, Moya, Zhang, arXiv 2111.02484): predictive mean and central intervals,
/// their empirical coverage and width, and quantile intervals of a scalar parameter such as ν.
/// </summary>
public static class PosteriorPredictive
{
    /// <summary>
    /// Predictive bands of <paramref name="net"/> from posterior samples: for each point the mean μ and sample standard
    /// deviation s of G_θs over the samples θs, and the interval μ ± z s with z the standard normal quantile of
    /// (1 + level)/2 (a normal approximation, our choice: it is usable with the few samples a short chain gives, where
    /// empirical 2.5 %/97.5 % quantiles would be the extremes).
    /// </summary>
    /// <param name="net">The network.</param>
    /// <param name="samples">count×d row-major posterior states; the first <see cref="DeepONet.ParameterCount"/> entries of each row are θ (a trailing log ν is ignored).</param>
    /// <param name="dimension">d ≥ ParameterCount.</param>
    /// <param name="sensors">F×m sensor values.</param>
    /// <param name="coords">F×Q×2 (x, t) pairs.</param>
    /// <param name="level">Nominal level in (0, 1) (default 0.95).</param>
    /// <exception cref="ArgumentException">No samples, or the sample array is not count×d.</exception>
    public static PredictiveBands Bands(DeepONet net, ReadOnlySpan<double> samples, int dimension, ReadOnlySpan<double> sensors,
        ReadOnlySpan<double> coords, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(net);
        Guard.AtLeast(dimension, net.ParameterCount, nameof(dimension));
        CheckLevel(level);
        if (samples.Length == 0 || samples.Length % dimension != 0)
            throw new ArgumentException($"samples has {samples.Length} values; allowed: count×d with count ≥ 1 and d = {dimension}.", nameof(samples));
        int count = samples.Length / dimension;
        double[]? sum = null, sq = null;
        for (int s = 0; s < count; s++)
        {
            var g = net.Predict(samples.Slice(s * dimension, net.ParameterCount), sensors, coords);
            sum ??= new double[g.Length];
            sq ??= new double[g.Length];
            for (int i = 0; i < g.Length; i++) { sum[i] += g[i]; sq[i] += g[i] * g[i]; }
        }
        int q = sum!.Length;
        double z = Normal.InvCDF(0, 1, (1 + level) / 2);
        var mean = new double[q];
        var sd = new double[q];
        var lo = new double[q];
        var hi = new double[q];
        for (int i = 0; i < q; i++)
        {
            mean[i] = sum[i] / count;
            sd[i] = count > 1 ? Math.Sqrt(Math.Max(0, (sq![i] - count * mean[i] * mean[i]) / (count - 1))) : 0;
            lo[i] = mean[i] - z * sd[i];
            hi[i] = mean[i] + z * sd[i];
        }
        return new PredictiveBands(mean, sd, lo, hi, level, count);
    }

    /// <summary>Empirical coverage: the fraction of i with lower_i ≤ reference_i ≤ upper_i.</summary>
    /// <exception cref="ArgumentException">Empty input, lengths differ, or some lower_i &gt; upper_i.</exception>
    public static double Coverage(ReadOnlySpan<double> reference, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        CheckBands(reference.Length, lower, upper);
        int inside = 0;
        for (int i = 0; i < reference.Length; i++)
            if (reference[i] >= lower[i] && reference[i] <= upper[i]) inside++;
        return (double)inside / reference.Length;
    }

    /// <summary>Mean width (1/n) Σ (upper_i − lower_i).</summary>
    /// <exception cref="ArgumentException">Empty input, lengths differ, or some lower_i &gt; upper_i.</exception>
    public static double MeanWidth(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        CheckBands(lower.Length, lower, upper);
        double w = 0;
        for (int i = 0; i < lower.Length; i++) w += upper[i] - lower[i];
        return w / lower.Length;
    }

    /// <summary>
    /// Central quantile interval of scalar samples at <paramref name="level"/>: the empirical (1 − level)/2 and (1 + level)/2
    /// quantiles with linear interpolation between order statistics (type 7 of Hyndman and Fan 1996).
    /// </summary>
    /// <exception cref="ArgumentException">No samples.</exception>
    public static (double Low, double High) QuantileInterval(ReadOnlySpan<double> samples, double level = 0.95)
    {
        CheckLevel(level);
        if (samples.Length == 0) throw new ArgumentException("samples is empty; allowed: at least one sample.", nameof(samples));
        var s = samples.ToArray();
        Array.Sort(s);
        double Q(double p)
        {
            double pos = p * (s.Length - 1);
            int i = (int)Math.Floor(pos);
            int j = Math.Min(i + 1, s.Length - 1);
            return s[i] + (pos - i) * (s[j] - s[i]);
        }
        return (Q((1 - level) / 2), Q((1 + level) / 2));
    }

    /// <summary>Relative L² error ‖prediction − reference‖₂ / ‖reference‖₂.</summary>
    /// <exception cref="ArgumentException">Lengths differ, empty input, or a zero reference.</exception>
    public static double RelativeL2(ReadOnlySpan<double> prediction, ReadOnlySpan<double> reference)
    {
        if (reference.Length == 0 || prediction.Length != reference.Length)
            throw new ArgumentException($"prediction has {prediction.Length} values and reference {reference.Length}; allowed: equal, non-zero lengths.", nameof(prediction));
        double e = 0, r = 0;
        for (int i = 0; i < reference.Length; i++) { double diff = prediction[i] - reference[i]; e += diff * diff; r += reference[i] * reference[i]; }
        if (r == 0) throw new ArgumentException("the reference is identically zero; the relative error is undefined.", nameof(reference));
        return Math.Sqrt(e / r);
    }

    private static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, $"level = {level}; allowed: a number in (0, 1).");
    }

    private static void CheckBands(int n, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        if (n == 0 || lower.Length != n || upper.Length != n)
            throw new ArgumentException($"lengths {n}, {lower.Length}, {upper.Length}; allowed: equal and non-zero.", nameof(lower));
        for (int i = 0; i < n; i++)
            if (lower[i] > upper[i]) throw new ArgumentException($"lower[{i}] = {lower[i]} > upper[{i}] = {upper[i]}; allowed: lower ≤ upper.", nameof(lower));
    }
}

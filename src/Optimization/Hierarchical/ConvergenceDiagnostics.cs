namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Measurements behind the checkable claims of docs/optim-hierarchical.md that need more than one number:
/// the knee of a noisy error curve (claim 2) and the inner tracking ratio (claim 6). Definitions are ours ([proposal]).
/// </summary>
public static class ConvergenceDiagnostics
{
    /// <summary>
    /// Knee of a noisy error curve: the first iteration count T at which the error with noise exceeds <paramref name="factor"/>
    /// times the noise-free error from the same starts, log e_σ(T) − log e_0(T) ≥ log(factor), linearly interpolated in
    /// (log T, log-ratio) between the two bracketing horizons. For e(T) = A/√T + B√σ T^{−1/4} (the rate of arXiv:2509.15399)
    /// the knee is T = (A(factor − 1)/B)⁴/σ², so it scales as σ^{−2} for any factor &gt; 1 (docs/optim-hierarchical.md: T ≈ σ̄^{−2}).
    /// </summary>
    /// <param name="horizons">Increasing horizons T_k ≥ 1.</param>
    /// <param name="logErrorNoisy">log e_σ(T_k).</param>
    /// <param name="logErrorNoiseFree">log e_0(T_k).</param>
    /// <param name="factor">Departure factor &gt; 1 (our choice 2: the two terms of the rate are equal there).</param>
    /// <returns>The knee T, or NaN when the ratio already exceeds the factor at the first horizon (knee below the range) or
    /// never reaches it (knee beyond the range); NaN entries are skipped.</returns>
    /// <exception cref="ArgumentException">The lengths differ or fewer than two horizons are given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> ≤ 1.</exception>
    public static double KneeIteration(ReadOnlySpan<double> horizons, ReadOnlySpan<double> logErrorNoisy, ReadOnlySpan<double> logErrorNoiseFree, double factor = 2)
    {
        if (horizons.Length < 2) throw new ArgumentException("At least two horizons are needed.", nameof(horizons));
        if (logErrorNoisy.Length != horizons.Length) throw new ArgumentException($"logErrorNoisy must have length {horizons.Length}.", nameof(logErrorNoisy));
        if (logErrorNoiseFree.Length != horizons.Length) throw new ArgumentException($"logErrorNoiseFree must have length {horizons.Length}.", nameof(logErrorNoiseFree));
        if (!(factor > 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be > 1.");
        double level = Math.Log(factor);
        double prevT = double.NaN, prevD = double.NaN;
        for (int k = 0; k < horizons.Length; k++)
        {
            double d = logErrorNoisy[k] - logErrorNoiseFree[k];
            if (double.IsNaN(d)) continue;
            if (d >= level)
            {
                if (double.IsNaN(prevD)) return double.NaN;
                double lp = Math.Log(prevT), lk = Math.Log(horizons[k]);
                return Math.Exp(lp + (level - prevD) / (d - prevD) * (lk - lp));
            }
            prevT = horizons[k];
            prevD = d;
        }
        return double.NaN;
    }

    /// <summary>
    /// Largest inner tracking ratio ‖y_t − y*(x_t)‖ / (κ·η_{t−1}) over t ∈ (from, to] (docs/optim-hierarchical.md claim 6), where η_{t−1} is the
    /// outer step that moved x to x_t and κ the Lipschitz constant of y*(·), so κη_{t−1} bounds how far y* moved in that step.
    /// </summary>
    /// <param name="trackingError">‖y_t − y*(x_t)‖ (or ‖z_t − z*(x_t)‖), t = 0..T (e.g. <see cref="HierarchicalResult.InnerError"/>).</param>
    /// <param name="stepLength">η_t, t = 0..T − 1 (<see cref="HierarchicalResult.StepLength"/>).</param>
    /// <param name="kappa">κ &gt; 0.</param>
    /// <param name="from">Window start (exclusive), ≥ 0.</param>
    /// <param name="to">Window end (inclusive), in (from, T].</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound or κ is out of range.</exception>
    public static double MaxTrackingRatio(ReadOnlySpan<double> trackingError, ReadOnlySpan<double> stepLength, double kappa, int from, int to)
    {
        if (!(kappa > 0)) throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "kappa must be > 0.");
        if (from < 0) throw new ArgumentOutOfRangeException(nameof(from), from, "from must be ≥ 0.");
        if (to <= from || to > stepLength.Length || to >= trackingError.Length)
            throw new ArgumentOutOfRangeException(nameof(to), to, $"to must be in ({from}, {Math.Min(stepLength.Length, trackingError.Length - 1)}].");
        double m = 0;
        for (int t = from + 1; t <= to; t++) m = Math.Max(m, trackingError[t] / (kappa * stepLength[t - 1]));
        return m;
    }
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// The synthetic regression stream of our reproduction plan for the Memory Pair (arXiv 2508.10193) [Proposed]:
/// x ~ N(0, I_d) rescaled to x/max(1, ‖x‖) so that ‖x‖ ≤ 1; y = w°_tᵀx + N(0, σ_y²) clipped to [−1, 1]; w°_0 a random
/// unit vector. Two non-stationary variants rebuild the author's harness streams on generated data:
/// <list type="bullet">
/// <item>drift: w°_t = cos(ωt)·e₁ + sin(ωt)·e₂ rotates in the random 2-plane spanned by e₁ = w°_0 and a random unit e₂ ⟂ e₁,
/// by ω radians per event;</item>
/// <item>adversary: every <see cref="SwapPeriod"/> events two random feature positions of the features the learner sees
/// are swapped (the swaps accumulate); y is computed before the permutation.</item>
/// </list>
/// Deterministic in the seed. Allocation-free per event.
/// </summary>
public sealed class SyntheticRegressionStream
{
    private readonly double[] _e1, _e2, _w, _raw;
    private readonly int[] _perm;
    private Xoshiro256StarStar _rng;

    /// <summary>Creates the stream.</summary>
    /// <param name="dimension">d ≥ 1 (plan: 10).</param>
    /// <param name="seed">Seed of the target and the draws.</param>
    /// <param name="driftRadiansPerEvent">ω ≥ 0 (plan: 0, 1e−4, 1e−3).</param>
    /// <param name="swapPeriod">Events between feature swaps, ≥ 0 (0 = no adversary; the author's harness uses 500). Needs d ≥ 2 when &gt; 0.</param>
    /// <param name="labelNoiseStd">σ_y ≥ 0 (plan: 0.1).</param>
    public SyntheticRegressionStream(int dimension, ulong seed, double driftRadiansPerEvent = 0, int swapPeriod = 0, double labelNoiseStd = 0.1)
    {
        Dimension = Guard.AtLeast(dimension, 1, nameof(dimension));
        DriftRadiansPerEvent = Guard.NonNegative(driftRadiansPerEvent, nameof(driftRadiansPerEvent));
        SwapPeriod = Guard.AtLeast(swapPeriod, 0, nameof(swapPeriod));
        if (swapPeriod > 0 && dimension < 2) throw new ArgumentOutOfRangeException(nameof(swapPeriod), swapPeriod, "swapPeriod > 0 needs dimension ≥ 2; allowed: 0 for dimension 1.");
        LabelNoiseStd = Guard.NonNegative(labelNoiseStd, nameof(labelNoiseStd));
        _rng = new Xoshiro256StarStar(seed);
        _e1 = RandomUnit(ref _rng, dimension);
        _e2 = new double[dimension];
        if (dimension >= 2)
        {
            // Gram–Schmidt of a Gaussian vector against e₁
            var v = RandomUnit(ref _rng, dimension);
            double c = 0;
            for (int j = 0; j < dimension; j++) c += v[j] * _e1[j];
            double n = 0;
            for (int j = 0; j < dimension; j++) { v[j] -= c * _e1[j]; n += v[j] * v[j]; }
            n = Math.Sqrt(n);
            for (int j = 0; j < dimension; j++) _e2[j] = v[j] / n;
        }
        _w = (double[])_e1.Clone();
        _raw = new double[dimension];
        _perm = new int[dimension];
        for (int j = 0; j < dimension; j++) _perm[j] = j;
    }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>ω, radians per event.</summary>
    public double DriftRadiansPerEvent { get; }

    /// <summary>Events between feature swaps (0 = none).</summary>
    public int SwapPeriod { get; }

    /// <summary>σ_y of the label noise.</summary>
    public double LabelNoiseStd { get; }

    /// <summary>Events drawn so far.</summary>
    public long Events { get; private set; }

    /// <summary>
    /// The target w° of the last drawn event in the coordinates the learner sees (the permutation of the adversary
    /// applied): y ≈ Targetᵀx before clipping. Before the first event, w°_0.
    /// </summary>
    public void Target(Span<double> w)
    {
        Guard.Length(w.Length, Dimension, nameof(w));
        for (int j = 0; j < Dimension; j++) w[_perm[j]] = _w[j];
    }

    /// <summary>Draws the next event into <paramref name="x"/> (length d) and returns its label y.</summary>
    public double Next(Span<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        int d = Dimension;
        if (SwapPeriod > 0 && Events > 0 && Events % SwapPeriod == 0)
        {
            int a = _rng.NextInt(d), b = _rng.NextInt(d - 1);
            if (b >= a) b++;
            (_perm[a], _perm[b]) = (_perm[b], _perm[a]);
        }
        if (DriftRadiansPerEvent > 0)
        {
            double phi = DriftRadiansPerEvent * Events, c = Math.Cos(phi), s = Math.Sin(phi);
            for (int j = 0; j < d; j++) _w[j] = c * _e1[j] + s * _e2[j];
        }
        double n2 = 0;
        for (int j = 0; j < d; j++) { _raw[j] = _rng.NextGaussian(); n2 += _raw[j] * _raw[j]; }
        double f = 1 / Math.Max(1, Math.Sqrt(n2)), y = 0;
        for (int j = 0; j < d; j++) { _raw[j] *= f; y += _w[j] * _raw[j]; }
        for (int j = 0; j < d; j++) x[_perm[j]] = _raw[j];
        Events++;
        return Math.Clamp(y + LabelNoiseStd * _rng.NextGaussian(), -1, 1);
    }

    private static double[] RandomUnit(ref Xoshiro256StarStar rng, int d)
    {
        var v = new double[d];
        double n = 0;
        for (int j = 0; j < d; j++) { v[j] = rng.NextGaussian(); n += v[j] * v[j]; }
        n = Math.Sqrt(n);
        for (int j = 0; j < d; j++) v[j] /= n;
        return v;
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Projections;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Problem M2 of docs/optim-hierarchical.md ([proposal]): distributionally robust binary classification, a
/// nonconvex–strongly-concave minimax problem with a simplex-constrained inner variable,
/// min_w max_{p∈Δ_n} f(w, p) = Σ_i p_i ℓ_i(w) − (μ/2)‖p − 1/n‖², ℓ_i(w) = 1/(1 + exp(y_i a_iᵀw)) (sigmoid loss, nonconvex).
/// p*(w) = Proj_Δ(1/n + ℓ(w)/μ), Φ(w) = f(w, p*(w)), ∇Φ(w) = Σ_i p*_i(w)∇ℓ_i(w) (Danskin),
/// ∇ℓ_i(w) = −ℓ_i(1 − ℓ_i) y_i a_i.
/// </summary>
/// <remarks>
/// Data (our choices): two Gaussian clusters a_i = y_i·m + N(0, I_d) with ‖m‖ = <c>separation</c> along a random direction,
/// balanced labels, then round(flip·n) labels flipped. Oracle noise (spec: "minibatch of 10 indices, importance-weighted"):
/// b indices i_1..i_b drawn uniformly with replacement; ∇_w ≈ (n/b)Σ_k p_{i_k}∇ℓ_{i_k}(w) and
/// ∇_p ≈ (n/b)Σ_k ℓ_{i_k}(w)e_{i_k} − μ(p − 1/n), both unbiased and from the same indices. Batch size 0 gives the exact
/// (full) gradients. Instances keep scratch buffers and are not thread-safe: use one per worker.
/// </remarks>
public sealed class DistributionallyRobustClassification : IMinimaxOracle, IHierarchicalReference
{
    private readonly double[] _a; // n×d row-major
    private readonly double[] _label;
    private readonly double[] _loss;
    private readonly double[] _scratch;
    private readonly double[] _p;

    /// <summary>Creates the problem and draws its data.</summary>
    /// <param name="sampleCount">n ≥ 2 (spec: 200).</param>
    /// <param name="dimension">d ≥ 1 (spec: 10).</param>
    /// <param name="mu">Regularisation μ &gt; 0 of the inner problem (spec: 0.1).</param>
    /// <param name="flipFraction">Fraction of flipped labels in [0, 0.5] (spec: 0.1).</param>
    /// <param name="separation">Cluster half-distance ‖m‖ ≥ 0 (our choice 1).</param>
    /// <param name="batchSize">Minibatch size b in [0, 10⁶]; 0 = exact gradients (spec: 10).</param>
    /// <param name="seed">Seed of the data.</param>
    public DistributionallyRobustClassification(int sampleCount, int dimension, double mu, double flipFraction, double separation, int batchSize, ulong seed)
    {
        SampleCount = Guard.AtLeast(sampleCount, 2, nameof(sampleCount));
        DimensionX = Guard.AtLeast(dimension, 1, nameof(dimension));
        Mu = Guard.Positive(mu, nameof(mu));
        Guard.InRange(flipFraction, 0, 0.5, nameof(flipFraction));
        Guard.NonNegative(separation, nameof(separation));
        BatchSize = (int)Guard.InRange(batchSize, 0, 1e6, nameof(batchSize));
        int n = sampleCount, d = dimension;
        var rng = new Xoshiro256StarStar(seed);
        var m = new double[d];
        for (int j = 0; j < d; j++) m[j] = rng.NextGaussian();
        double mn = VectorOps.Norm(m);
        for (int j = 0; j < d; j++) m[j] *= separation / mn;
        _a = new double[n * d];
        _label = new double[n];
        for (int i = 0; i < n; i++)
        {
            _label[i] = i % 2 == 0 ? 1 : -1;
            for (int j = 0; j < d; j++) _a[i * d + j] = _label[i] * m[j] + rng.NextGaussian();
        }
        // Flip round(flip·n) distinct labels (partial Fisher–Yates over the indices).
        var idx = Enumerable.Range(0, n).ToArray();
        int flips = (int)Math.Round(flipFraction * n);
        for (int k = 0; k < flips; k++)
        {
            int r = k + rng.NextInt(n - k);
            (idx[k], idx[r]) = (idx[r], idx[k]);
            _label[idx[k]] = -_label[idx[k]];
        }
        _loss = new double[n];
        _scratch = new double[n];
        _p = new double[n];
    }

    /// <summary>Number of samples n (= dimension of the inner variable p).</summary>
    public int SampleCount { get; }

    /// <inheritdoc/>
    public int DimensionX { get; }

    /// <inheritdoc/>
    public int DimensionY => SampleCount;

    /// <summary>Inner regularisation μ (the strong-concavity modulus of f(w, ·)).</summary>
    public double Mu { get; }

    /// <summary>Minibatch size b (0 = exact gradients).</summary>
    public int BatchSize { get; }

    /// <summary>Sigmoid loss ℓ_i(w) = 1/(1 + exp(y_i a_iᵀw)) ∈ (0, 1).</summary>
    /// <param name="i">Sample index in [0, n).</param>
    /// <param name="w">Weights (length d).</param>
    public double Loss(int i, ReadOnlySpan<double> w)
    {
        double margin = _label[i] * VectorOps.Dot(_a.AsSpan(i * DimensionX, DimensionX), w);
        return 1 / (1 + Math.Exp(margin));
    }

    /// <summary>Adds c·∇ℓ_i(w) = −c·ℓ_i(1 − ℓ_i)y_i a_i to <paramref name="g"/> and returns ℓ_i(w).</summary>
    private double AddLossGradient(int i, ReadOnlySpan<double> w, double c, Span<double> g)
    {
        int d = DimensionX;
        var a = _a.AsSpan(i * d, d);
        double l = 1 / (1 + Math.Exp(_label[i] * VectorOps.Dot(a, w)));
        double s = -c * l * (1 - l) * _label[i];
        for (int j = 0; j < d; j++) g[j] += s * a[j];
        return l;
    }

    /// <inheritdoc/>
    public void Sample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientX, Span<double> gradientY)
    {
        int n = SampleCount;
        gradientX.Clear();
        for (int i = 0; i < n; i++) gradientY[i] = -Mu * (y[i] - 1.0 / n);
        if (BatchSize == 0)
        {
            for (int i = 0; i < n; i++) gradientY[i] += AddLossGradient(i, x, y[i], gradientX);
            return;
        }
        double w = (double)n / BatchSize;
        for (int k = 0; k < BatchSize; k++)
        {
            int i = rng.NextInt(n);
            gradientY[i] += w * AddLossGradient(i, x, w * y[i], gradientX);
        }
    }

    /// <summary>Euclidean projection onto Δ_n (sort-based, exact).</summary>
    public void ProjectY(Span<double> y)
    {
        double theta = SimplexProjection.Threshold(y, _scratch);
        for (int i = 0; i < y.Length; i++) y[i] = Math.Max(y[i] - theta, 0);
    }

    /// <summary>p*(w) = Proj_Δ(1/n + ℓ(w)/μ).</summary>
    public void InnerSolution(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = SampleCount;
        for (int i = 0; i < n; i++) { _loss[i] = Loss(i, x); y[i] = 1.0 / n + _loss[i] / Mu; }
        ProjectY(y);
    }

    /// <summary>∇Φ(w) = Σ_i p*_i(w)∇ℓ_i(w).</summary>
    public void OuterGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        InnerSolution(x, _p);
        gradient.Clear();
        for (int i = 0; i < SampleCount; i++)
            if (_p[i] > 0) AddLossGradient(i, x, _p[i], gradient);
    }

    /// <summary>Φ(w) = Σ_i p*_i ℓ_i(w) − (μ/2)‖p* − 1/n‖².</summary>
    public double OuterValue(ReadOnlySpan<double> x)
    {
        InnerSolution(x, _p);
        int n = SampleCount;
        double v = 0;
        for (int i = 0; i < n; i++) v += _p[i] * _loss[i] - 0.5 * Mu * (_p[i] - 1.0 / n) * (_p[i] - 1.0 / n);
        return v;
    }

    /// <summary>Fraction of samples with y_i a_iᵀw &gt; 0 (training accuracy, for reports).</summary>
    public double Accuracy(ReadOnlySpan<double> w)
    {
        int ok = 0;
        for (int i = 0; i < SampleCount; i++) if (Loss(i, w) < 0.5) ok++;
        return (double)ok / SampleCount;
    }
}

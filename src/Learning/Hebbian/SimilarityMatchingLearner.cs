using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Hebbian;

/// <summary>
/// Online similarity matching with Hebbian feedforward and anti-Hebbian lateral weights (Pehlevan, Sengupta and
/// Chklovskii): y = M⁻¹ W x, W ← W + η (y xᵀ − W), M ← M + (η/τ)(y yᵀ − M), optionally followed by synaptic noise
/// σ_s Ξ added to W and to M (kept symmetric). At a fixed point M = F C Fᵀ and W = M F with the filter F = M⁻¹W = Q Uᵀ,
/// Q ∈ O(m): the same rotational freedom as Oja's rule, along which the representation drifts (arXiv 2510.21588).
/// </summary>
/// <remarks>Cost O(mn + m³) per update; no allocation. Initial W i.i.d. N(0, 1/n), M = I (our choice); τ = 0.5 is the spec default (our proposal).</remarks>
public sealed class SimilarityMatchingLearner : IOnlineLearner
{
    private readonly double[] _w, _m, _wx, _y, _lu, _f, _col, _fcol;

    /// <summary>Creates the learner.</summary>
    /// <param name="inputDimension">n ≥ 1.</param>
    /// <param name="outputDimension">m in [1, n].</param>
    /// <param name="learningRate">η &gt; 0 (feedforward).</param>
    /// <param name="tau">τ &gt; 0: the lateral rate is η/τ.</param>
    /// <param name="synapticNoiseSd">σ_s ≥ 0.</param>
    /// <param name="rng">Draws the initial feedforward weights.</param>
    public SimilarityMatchingLearner(int inputDimension, int outputDimension, double learningRate, double tau, double synapticNoiseSd, ref Xoshiro256StarStar rng)
    {
        int n = InputDimension = Guard.AtLeast(inputDimension, 1, nameof(inputDimension));
        int m = OutputDimension = Guard.InRange(outputDimension, 1, n, nameof(outputDimension));
        LearningRate = Guard.Positive(learningRate, nameof(learningRate));
        Tau = Guard.Positive(tau, nameof(tau));
        if (learningRate / tau >= 1) throw new ArgumentOutOfRangeException(nameof(tau), tau, $"tau = {tau}; allowed: tau > learningRate = {learningRate} (the lateral step η/τ must be below 1).");
        SynapticNoiseSd = Guard.NonNegative(synapticNoiseSd, nameof(synapticNoiseSd));
        _w = new double[m * n];
        _m = new double[m * m];
        for (int i = 0; i < m; i++) _m[i * m + i] = 1;
        DenseKernels.FillGaussian(_w, 1 / Math.Sqrt(n), ref rng);
        _wx = new double[m]; _y = new double[m]; _lu = new double[m * m];
        _f = new double[m * n]; _col = new double[m]; _fcol = new double[m];
    }

    /// <inheritdoc/>
    public int InputDimension { get; }

    /// <summary>m.</summary>
    public int OutputDimension { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>τ.</summary>
    public double Tau { get; }

    /// <summary>σ_s.</summary>
    public double SynapticNoiseSd { get; }

    /// <summary>Feedforward weights W (m × n).</summary>
    public ReadOnlySpan<double> FeedforwardWeights => _w;

    /// <summary>Lateral weights M (m × m).</summary>
    public ReadOnlySpan<double> LateralWeights => _m;

    /// <inheritdoc/>
    public int FilterRows => OutputDimension;

    /// <inheritdoc/>
    public int OutputRows => OutputDimension;

    /// <inheritdoc/>
    public void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> relevant, ref Xoshiro256StarStar rng)
    {
        int n = InputDimension, m = OutputDimension;
        Guard.Length(x, n, nameof(x));
        DenseKernels.MatVec(_w, m, n, x, _wx);
        DenseKernels.Solve(_m, m, _wx, _y, _lu);                 // y = M⁻¹ W x
        double eta = LearningRate, etaM = eta / Tau;
        for (int i = 0; i < m; i++)                                // W ← (1 − η) W + η y xᵀ
        {
            var row = _w.AsSpan(i * n, n);
            double yi = eta * _y[i];
            for (int j = 0; j < n; j++) row[j] = (1 - eta) * row[j] + yi * x[j];
        }
        for (int i = 0; i < m; i++)                                // M ← (1 − η/τ) M + (η/τ) y yᵀ
            for (int j = 0; j < m; j++) _m[i * m + j] = (1 - etaM) * _m[i * m + j] + etaM * _y[i] * _y[j];
        if (SynapticNoiseSd > 0)
        {
            DenseKernels.AddGaussian(_w, SynapticNoiseSd, ref rng);
            for (int i = 0; i < m; i++)
                for (int j = i; j < m; j++)
                {
                    double z = SynapticNoiseSd * rng.NextGaussian();
                    _m[i * m + j] += z;
                    if (j != i) _m[j * m + i] += z;
                }
        }
    }

    /// <summary>Writes the filter F = M⁻¹ W (m × n).</summary>
    public void Filter(Span<double> filter)
    {
        int n = InputDimension, m = OutputDimension;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++) _col[i] = _w[i * n + j];
            DenseKernels.Solve(_m, m, _col, _fcol, _lu);
            for (int i = 0; i < m; i++) filter[i * n + j] = _fcol[i];
        }
    }

    /// <inheritdoc/>
    public void OutputMap(Span<double> map) => Filter(map);
}

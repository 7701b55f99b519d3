using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Hebbian;

/// <summary>
/// Oja's subspace rule (Oja 1989), one sample per update: y = W x, W ← W + η (y xᵀ − y yᵀ W), W ∈ ℝ^{m×n}, optionally
/// followed by synaptic noise W ← W + σ_s Ξ (Ξ i.i.d. N(0, 1)). The fixed points are W = Q Uᵀ with Q ∈ O(m) and U an
/// orthonormal basis of the principal m-subspace: a flat manifold along which the task-irrelevant inputs make the
/// representation drift (Pashakhanloo, arXiv 2510.21588).
/// </summary>
/// <remarks>Cost O(mn) per update; no allocation. Initial weights i.i.d. N(0, 1/n) unless given (our choice).</remarks>
public sealed class OjaSubspaceLearner : IOnlineLearner
{
    private readonly double[] _w, _y, _r;

    /// <summary>Creates the learner with initial weights i.i.d. N(0, 1/n) drawn from <paramref name="rng"/>.</summary>
    /// <param name="inputDimension">n ≥ 1.</param>
    /// <param name="outputDimension">m in [1, n].</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="synapticNoiseSd">σ_s ≥ 0 (0 = no synaptic noise).</param>
    /// <param name="rng">Draws the initial weights.</param>
    public OjaSubspaceLearner(int inputDimension, int outputDimension, double learningRate, double synapticNoiseSd, ref Xoshiro256StarStar rng)
        : this(inputDimension, outputDimension, learningRate, synapticNoiseSd)
    {
        DenseKernels.FillGaussian(_w, 1 / Math.Sqrt(inputDimension), ref rng);
    }

    /// <summary>Creates the learner from given initial weights W (m × n, row-major).</summary>
    public OjaSubspaceLearner(int inputDimension, int outputDimension, double learningRate, double synapticNoiseSd, ReadOnlySpan<double> initialWeights)
        : this(inputDimension, outputDimension, learningRate, synapticNoiseSd)
    {
        Guard.Length(initialWeights, outputDimension * inputDimension, nameof(initialWeights));
        initialWeights.CopyTo(_w);
    }

    private OjaSubspaceLearner(int n, int m, double eta, double sigma)
    {
        InputDimension = Guard.AtLeast(n, 1, "inputDimension");
        OutputDimension = Guard.InRange(m, 1, n, "outputDimension");
        LearningRate = Guard.Positive(eta, "learningRate");
        SynapticNoiseSd = Guard.NonNegative(sigma, "synapticNoiseSd");
        _w = new double[m * n];
        _y = new double[m];
        _r = new double[n];
    }

    /// <inheritdoc/>
    public int InputDimension { get; }

    /// <summary>m.</summary>
    public int OutputDimension { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>σ_s.</summary>
    public double SynapticNoiseSd { get; }

    /// <summary>The weights W (m × n, row-major).</summary>
    public ReadOnlySpan<double> Weights => _w;

    /// <inheritdoc/>
    public int FilterRows => OutputDimension;

    /// <inheritdoc/>
    public int OutputRows => OutputDimension;

    /// <inheritdoc/>
    public void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> relevant, ref Xoshiro256StarStar rng)
    {
        int n = InputDimension, m = OutputDimension;
        Guard.Length(x, n, nameof(x));
        DenseKernels.MatVec(_w, m, n, x, _y);
        // η (y xᵀ − y yᵀ W) = η y (x − Wᵀ y)ᵀ   (Oja 1989 subspace rule)
        DenseKernels.MatTVec(_w, m, n, _y, _r);
        for (int j = 0; j < n; j++) _r[j] = x[j] - _r[j];
        DenseKernels.AddOuter(_w, LearningRate, _y, _r);
        DenseKernels.AddGaussian(_w, SynapticNoiseSd, ref rng);
    }

    /// <inheritdoc/>
    public void Filter(Span<double> filter) => _w.CopyTo(filter);

    /// <inheritdoc/>
    public void OutputMap(Span<double> map) => _w.CopyTo(map);
}

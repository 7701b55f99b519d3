using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Hebbian;

/// <summary>
/// Linear autoencoder with tied weights (decoder D = Eᵀ) trained by online SGD on ℓ = ½‖x − Eᵀ E x‖²: with y = E x and
/// r = x − Eᵀ y, E ← E + η (E r xᵀ + y rᵀ) (the encoder and decoder gradients summed), optionally followed by synaptic
/// noise σ_s Ξ. Fixed points E = Q Uᵀ, Q ∈ O(m) (arXiv 2510.21588; the tied form is our proposal).
/// </summary>
/// <remarks>Cost O(mn) per update; no allocation. Initial E i.i.d. N(0, 1/n) (our choice).</remarks>
public sealed class TiedAutoencoderLearner : IOnlineLearner
{
    private readonly double[] _e, _y, _r, _er;

    /// <summary>Creates the learner.</summary>
    /// <param name="inputDimension">n ≥ 1.</param>
    /// <param name="outputDimension">m in [1, n].</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="synapticNoiseSd">σ_s ≥ 0.</param>
    /// <param name="rng">Draws the initial weights.</param>
    public TiedAutoencoderLearner(int inputDimension, int outputDimension, double learningRate, double synapticNoiseSd, ref Xoshiro256StarStar rng)
    {
        int n = InputDimension = Guard.AtLeast(inputDimension, 1, nameof(inputDimension));
        int m = OutputDimension = Guard.InRange(outputDimension, 1, n, nameof(outputDimension));
        LearningRate = Guard.Positive(learningRate, nameof(learningRate));
        SynapticNoiseSd = Guard.NonNegative(synapticNoiseSd, nameof(synapticNoiseSd));
        _e = new double[m * n];
        DenseKernels.FillGaussian(_e, 1 / Math.Sqrt(n), ref rng);
        _y = new double[m]; _r = new double[n]; _er = new double[m];
    }

    /// <inheritdoc/>
    public int InputDimension { get; }

    /// <summary>m.</summary>
    public int OutputDimension { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>σ_s.</summary>
    public double SynapticNoiseSd { get; }

    /// <summary>Encoder E (m × n); the decoder is Eᵀ.</summary>
    public ReadOnlySpan<double> Encoder => _e;

    /// <inheritdoc/>
    public int FilterRows => OutputDimension;

    /// <inheritdoc/>
    public int OutputRows => OutputDimension;

    /// <summary>The reconstruction loss ½‖x − Eᵀ E x‖² of one sample.</summary>
    public double Loss(ReadOnlySpan<double> x)
    {
        int n = InputDimension, m = OutputDimension;
        Guard.Length(x, n, nameof(x));
        Residual(x, n, m);
        return 0.5 * Core.LinearAlgebra.VectorOps.Dot(_r, _r);
    }

    private void Residual(ReadOnlySpan<double> x, int n, int m)
    {
        DenseKernels.MatVec(_e, m, n, x, _y);
        DenseKernels.MatTVec(_e, m, n, _y, _r);
        for (int j = 0; j < n; j++) _r[j] = x[j] - _r[j];
    }

    /// <inheritdoc/>
    public void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> relevant, ref Xoshiro256StarStar rng)
    {
        int n = InputDimension, m = OutputDimension;
        Guard.Length(x, n, nameof(x));
        Residual(x, n, m);
        DenseKernels.MatVec(_e, m, n, _r, _er);
        DenseKernels.AddOuter(_e, LearningRate, _er, x);   // encoder part: η Dᵀ r xᵀ with D = Eᵀ
        DenseKernels.AddOuter(_e, LearningRate, _y, _r);   // decoder part: η (r yᵀ)ᵀ
        DenseKernels.AddGaussian(_e, SynapticNoiseSd, ref rng);
    }

    /// <inheritdoc/>
    public void Filter(Span<double> filter) => _e.CopyTo(filter);

    /// <inheritdoc/>
    public void OutputMap(Span<double> map) => _e.CopyTo(map);
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Hebbian;

/// <summary>
/// Two-layer linear network ŷ = W₂ W₁ x trained by online SGD on ½‖y* − ŷ‖² with target y* = A a + ε,
/// ε ~ N(0, s² I), a the task-relevant latent: with e = y* − ŷ, W₂ ← W₂ + η e (W₁ x)ᵀ and W₁ ← W₁ + η W₂ᵀ e xᵀ
/// (both gradients at the pre-update weights), optionally followed by synaptic noise σ_s Ξ on both layers. The label
/// noise s &gt; 0 keeps per-sample gradients non-zero at the minimum (otherwise SGD has no noise left to drive drift).
/// Setting and learner: arXiv 2510.21588; the target model and defaults (h = 4, k = 2, s = 0.1) are our proposal.
/// </summary>
/// <remarks>Cost O(hn + kh) per update; no allocation. Initial weights i.i.d. N(0, 1/fan-in) (our choice).</remarks>
public sealed class SupervisedLinearSgdLearner : IOnlineLearner
{
    private readonly double[] _w1, _w2, _a, _h, _e, _w2te, _yTarget;

    /// <summary>Creates the learner.</summary>
    /// <param name="inputDimension">n ≥ 1.</param>
    /// <param name="hiddenWidth">h ≥ 1.</param>
    /// <param name="taskMatrix">A (k × m, row-major), finite.</param>
    /// <param name="outputs">k ≥ 1 (rows of A).</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="labelNoiseSd">s ≥ 0.</param>
    /// <param name="synapticNoiseSd">σ_s ≥ 0.</param>
    /// <param name="rng">Draws the initial weights.</param>
    public SupervisedLinearSgdLearner(int inputDimension, int hiddenWidth, ReadOnlySpan<double> taskMatrix, int outputs,
        double learningRate, double labelNoiseSd, double synapticNoiseSd, ref Xoshiro256StarStar rng)
    {
        int n = InputDimension = Guard.AtLeast(inputDimension, 1, nameof(inputDimension));
        int h = HiddenWidth = Guard.AtLeast(hiddenWidth, 1, nameof(hiddenWidth));
        int k = Outputs = Guard.AtLeast(outputs, 1, nameof(outputs));
        if (taskMatrix.Length == 0 || taskMatrix.Length % k != 0)
            throw new ArgumentException($"taskMatrix has length {taskMatrix.Length}; allowed: a positive multiple of outputs = {k} (k × m).", nameof(taskMatrix));
        RelevantDimension = Guard.InRange(taskMatrix.Length / k, 1, n, "taskMatrix columns");
        foreach (double v in taskMatrix) Guard.Finite(v, nameof(taskMatrix));
        _a = taskMatrix.ToArray();
        LearningRate = Guard.Positive(learningRate, nameof(learningRate));
        LabelNoiseSd = Guard.NonNegative(labelNoiseSd, nameof(labelNoiseSd));
        SynapticNoiseSd = Guard.NonNegative(synapticNoiseSd, nameof(synapticNoiseSd));
        _w1 = new double[h * n]; _w2 = new double[k * h];
        DenseKernels.FillGaussian(_w1, 1 / Math.Sqrt(n), ref rng);
        DenseKernels.FillGaussian(_w2, 1 / Math.Sqrt(h), ref rng);
        _h = new double[h]; _e = new double[k]; _w2te = new double[h]; _yTarget = new double[k];
    }

    /// <inheritdoc/>
    public int InputDimension { get; }

    /// <summary>h.</summary>
    public int HiddenWidth { get; }

    /// <summary>k.</summary>
    public int Outputs { get; }

    /// <summary>m (columns of A).</summary>
    public int RelevantDimension { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>s.</summary>
    public double LabelNoiseSd { get; }

    /// <summary>σ_s.</summary>
    public double SynapticNoiseSd { get; }

    /// <summary>W₁ (h × n).</summary>
    public ReadOnlySpan<double> HiddenWeights => _w1;

    /// <summary>W₂ (k × h).</summary>
    public ReadOnlySpan<double> OutputWeights => _w2;

    /// <inheritdoc/>
    public int FilterRows => HiddenWidth;

    /// <inheritdoc/>
    public int OutputRows => Outputs;

    /// <inheritdoc/>
    public void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> relevant, ref Xoshiro256StarStar rng)
    {
        int n = InputDimension, h = HiddenWidth, k = Outputs;
        Guard.Length(x, n, nameof(x));
        Guard.Length(relevant, RelevantDimension, nameof(relevant));
        DenseKernels.MatVec(_a, k, RelevantDimension, relevant, _yTarget);
        DenseKernels.MatVec(_w1, h, n, x, _h);
        DenseKernels.MatVec(_w2, k, h, _h, _e);
        for (int i = 0; i < k; i++) _e[i] = _yTarget[i] + LabelNoiseSd * rng.NextGaussian() - _e[i];
        DenseKernels.MatTVec(_w2, k, h, _e, _w2te);        // W₂ᵀ e at the pre-update W₂
        DenseKernels.AddOuter(_w2, LearningRate, _e, _h);
        DenseKernels.AddOuter(_w1, LearningRate, _w2te, x);
        DenseKernels.AddGaussian(_w1, SynapticNoiseSd, ref rng);
        DenseKernels.AddGaussian(_w2, SynapticNoiseSd, ref rng);
    }

    /// <summary>Writes W₁ (h × n).</summary>
    public void Filter(Span<double> filter) => _w1.CopyTo(filter);

    /// <summary>Writes W₂ W₁ (k × n).</summary>
    public void OutputMap(Span<double> map)
    {
        int n = InputDimension, h = HiddenWidth, k = Outputs;
        map[..(k * n)].Clear();
        for (int i = 0; i < k; i++)
            for (int l = 0; l < h; l++)
            {
                double c = _w2[i * h + l];
                for (int j = 0; j < n; j++) map[i * n + j] += c * _w1[l * n + j];
            }
    }
}

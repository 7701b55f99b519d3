using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;
using PhyToolkit.Learning.Privacy;

namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// One node's (private) stochastic gradient estimator over its local samples: <see cref="GradientEstimator.Plain"/>
/// or <see cref="GradientEstimator.LSvrg"/> (formulas there). Mini-batches are Poisson samples with rate q (each local
/// sample independently), and sums are divided by the expected batch b = qJ, so with noise off and clipping inactive
/// E[g] = ∇f_i(z) for both estimators.
/// </summary>
/// <remarks>Holds the snapshot w̃, μ̃ and scratch buffers (allocated once). Cost per call: 1 (Plain) or 2 (LSvrg)
/// per-sample gradients per sampled record; a snapshot costs J per-sample gradients.</remarks>
public sealed class NodeGradientEstimator
{
    private readonly IFederatedModel _model;
    private readonly LabeledDataset _data;
    private readonly int[] _local;
    private readonly double[] _snapshot, _mu, _g1, _g2, _diff;
    private readonly int[] _one = new int[1];

    /// <summary>Creates the estimator.</summary>
    /// <param name="model">The model (per-sample gradients via <see cref="IFederatedModel.LossAndGradient"/>).</param>
    /// <param name="data">The training data.</param>
    /// <param name="localIndices">This node's J ≥ 1 sample indices into <paramref name="data"/>.</param>
    /// <param name="kind">Estimator.</param>
    public NodeGradientEstimator(IFederatedModel model, LabeledDataset data, IReadOnlyList<int> localIndices, GradientEstimator kind)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(localIndices);
        if (localIndices.Count == 0) throw new ArgumentException("localIndices is empty; allowed: at least one sample.", nameof(localIndices));
        _model = model; _data = data; _local = localIndices.ToArray(); Kind = kind;
        int d = model.ParameterCount;
        _snapshot = new double[d]; _mu = new double[d]; _g1 = new double[d]; _g2 = new double[d]; _diff = new double[d];
    }

    /// <summary>The estimator kind.</summary>
    public GradientEstimator Kind { get; }

    /// <summary>J: number of local samples.</summary>
    public int LocalCount => _local.Length;

    /// <summary>The snapshot point w̃.</summary>
    public ReadOnlySpan<double> Snapshot => _snapshot;

    /// <summary>The (privatised) snapshot gradient μ̃.</summary>
    public ReadOnlySpan<double> SnapshotGradient => _mu;

    /// <summary>
    /// Sets w̃ = <paramref name="z"/> and μ̃ = (Σ_{j=1}^{J} clip_C(∇l(w̃; ζ_j)) + N(0, (σ_s C)² I)) / J (Gaussian mechanism
    /// without subsampling; RDP α/(2σ_s²)).
    /// </summary>
    /// <param name="z">Snapshot point.</param>
    /// <param name="clipNorm">C &gt; 0 (+∞ = no clipping).</param>
    /// <param name="noiseMultiplier">σ_s ≥ 0 (0 = no noise).</param>
    /// <param name="rng">Noise generator.</param>
    public void RefreshSnapshot(ReadOnlySpan<double> z, double clipNorm, double noiseMultiplier, ref Xoshiro256StarStar rng)
    {
        Guard.Length(z, _snapshot.Length, nameof(z));
        z.CopyTo(_snapshot);
        Array.Clear(_mu);
        foreach (int j in _local)
        {
            _one[0] = j;
            _model.LossAndGradient(_snapshot, _data, _one, _g1);
            PerSampleClipper.ClipAndAccumulate(_g1, clipNorm, _mu);
        }
        if (noiseMultiplier > 0) GaussianMechanism.AddNoise(_mu, noiseMultiplier, clipNorm, ref rng);
        for (int m = 0; m < _mu.Length; m++) _mu[m] /= _local.Length;
    }

    /// <summary>
    /// Writes the estimate at <paramref name="z"/> into <paramref name="g"/> (formulas of <see cref="GradientEstimator"/>);
    /// returns the number of records sampled.
    /// </summary>
    /// <param name="z">The de-biased model.</param>
    /// <param name="samplingRate">q ∈ (0, 1].</param>
    /// <param name="clipNorm">C for Plain, C_d for LSvrg (+∞ = no clipping).</param>
    /// <param name="noiseMultiplier">σ ≥ 0.</param>
    /// <param name="g">Output.</param>
    /// <param name="rng">Sampling and noise generator.</param>
    public int Estimate(ReadOnlySpan<double> z, double samplingRate, double clipNorm, double noiseMultiplier, Span<double> g, ref Xoshiro256StarStar rng)
    {
        Guard.Length(z, _snapshot.Length, nameof(z));
        Guard.Length(g.Length, _snapshot.Length, nameof(g));
        Guard.InRange(samplingRate, double.Epsilon, 1, nameof(samplingRate));
        g.Clear();
        int count = 0;
        foreach (int j in _local)
        {
            if (rng.NextDouble() >= samplingRate) continue; // Poisson sampling: each record independently with rate q
            count++;
            _one[0] = j;
            _model.LossAndGradient(z, _data, _one, _g1);
            if (Kind == GradientEstimator.LSvrg)
            {
                _model.LossAndGradient(_snapshot, _data, _one, _g2);
                for (int m = 0; m < _diff.Length; m++) _diff[m] = _g1[m] - _g2[m];
                PerSampleClipper.ClipAndAccumulate(_diff, clipNorm, g);
            }
            else PerSampleClipper.ClipAndAccumulate(_g1, clipNorm, g);
        }
        if (noiseMultiplier > 0) GaussianMechanism.AddNoise(g, noiseMultiplier, clipNorm, ref rng);
        double b = samplingRate * _local.Length;
        for (int m = 0; m < g.Length; m++) g[m] /= b;
        if (Kind == GradientEstimator.LSvrg)
            for (int m = 0; m < g.Length; m++) g[m] += _mu[m];
        return count;
    }
}

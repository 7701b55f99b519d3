using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-hierarchical</c>.</summary>
public sealed record HierarchicalParameters : IValidatable
{
    /// <summary>Oracle noise levels σ, each in [0, 100]; must include 0.25 and 1 for the noise-scaling claim.</summary>
    public double[] NoiseLevels { get; init; } = [0, 0.01, 0.1, 0.25, 1];

    /// <summary>Iterations T per run, in [1000, 10^6].</summary>
    public int Iterations { get; init; } = 10000;

    /// <summary>c_η of the adaptive rule, &gt; 0 (0.5 ≈ 0.1·‖x0‖ for x0 ~ N(0, I₂₀); spec §1.3).</summary>
    public double CEta { get; init; } = 0.5;

    /// <summary>Extra noise levels run with Ada only, each in (0, 100], for the knee claim (pairs σ, σ/10 among all Ada levels).</summary>
    public double[] KneeNoiseLevels { get; init; } = [0.03, 0.3];

    /// <summary>Knee departure factor &gt; 1: the knee is where the error exceeds this multiple of the σ = 0 error (our choice 2).</summary>
    public double KneeFactor { get; init; } = 2;

    /// <summary>Noise levels at which NSGD-M is tuned on the 5×5 (α, η) grid (claim 3), each in [0, 100].</summary>
    public double[] TuningNoiseLevels { get; init; } = [0, 0.01, 0.1, 0.25, 1];

    /// <summary>Horizon T of the tuning runs (Ada and every grid cell run to this T), in [100, iterations].</summary>
    public int TuningIterations { get; init; } = 10000;

    /// <summary>Seeds (blocks) used for the tuning grid, in [1, 100]; later blocks of the tuning points do nothing.</summary>
    public int TuningSeeds { get; init; } = 2;

    /// <summary>Iterations of the data-driven problems M2, B2, B3, in [10, 10^6] (spec §4.1: 3·10³).</summary>
    public int ApplicationIterations { get; init; } = 3000;

    /// <summary>Minibatch sizes of M2, B2, B3 (the noise levels), each in [0, 1000]; 0 = exact full-batch oracles.</summary>
    public int[] ApplicationBatchSizes { get; init; } = [10, 0];

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.AllInRange(NoiseLevels, 0, 100, Check.Path(path, "noiseLevels"));
        Check.Distinct(NoiseLevels, Check.Path(path, "noiseLevels"));
        Check.InRange(Iterations, 1000, 1_000_000, Check.Path(path, "iterations"));
        Check.InRange(CEta, 1e-6, 1e3, Check.Path(path, "cEta"));
        Check.AllInRange(KneeNoiseLevels, 1e-12, 100, Check.Path(path, "kneeNoiseLevels"));
        Check.InRange(KneeFactor, 1.01, 100, Check.Path(path, "kneeFactor"));
        Check.AllInRange(TuningNoiseLevels, 0, 100, Check.Path(path, "tuningNoiseLevels"));
        Check.Distinct(TuningNoiseLevels, Check.Path(path, "tuningNoiseLevels"));
        Check.InRange(TuningIterations, 100, Iterations, Check.Path(path, "tuningIterations"));
        Check.InRange(TuningSeeds, 1, 100, Check.Path(path, "tuningSeeds"));
        Check.InRange(ApplicationIterations, 10, 1_000_000, Check.Path(path, "applicationIterations"));
        Check.AllInRange(ApplicationBatchSizes, 0, 1000, Check.Path(path, "applicationBatchSizes"));
        Check.Distinct(ApplicationBatchSizes, Check.Path(path, "applicationBatchSizes"));
    }
}

using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.ForgingSets;

/// <summary>
/// Parameters of the <c>forging-sets</c> scenario (docs/forging-sets.md). Defaults are the reproduction plan of the
/// ε-forging-set measure (Dixit, Hui, Saab, arXiv 2509.05865): every value is [Proposed] (the paper's accessible text gives
/// no experiment), the plan's where it states one, our choice where marked. JSON names are camelCase.
/// </summary>
public sealed record ForgingSetsParameters : IValidatable
{
    /// <summary>Half-width R of the domain D = [−R, R]^d (plan: 2).</summary>
    public double HalfWidth { get; init; } = 2;

    /// <summary>Bias b of every model (plan: 0.3).</summary>
    public double Bias { get; init; } = 0.3;

    /// <summary>Seed of the model weights w ~ N(0, I) and of the target z* (plan: 1). Block seeds drive only the Monte Carlo.</summary>
    public int ModelSeed { get; init; } = 1;

    /// <summary>Input dimensions n of the linear-regression and logistic curves, so d = n + 1 for M1 (plan: 1, 2, 3).</summary>
    public int[] InputDimensions { get; init; } = [1, 2, 3];

    /// <summary>Lower end of the ε grid relative to |r*| (plan: 1e−3).</summary>
    public double EpsilonLow { get; init; } = 1e-3;

    /// <summary>Upper end of the ε grid relative to |r*| (plan: 2e−2).</summary>
    public double EpsilonHigh { get; init; } = 2e-2;

    /// <summary>Log-spaced ε values per curve (plan: 8).</summary>
    public int GridPoints { get; init; } = 8;

    /// <summary>Samples N per ε of the local box estimator E2 (plan: 2×10⁵).</summary>
    public int LocalSamples { get; init; } = 200_000;

    /// <summary>Samples of the global estimator E1 per ε in F2 and of the E3 branch check (plan: 2×10⁵).</summary>
    public int GlobalSamples { get; init; } = 200_000;

    /// <summary>Samples of E1 per ε for the no-bias model M2 (F6; plan: 2×10⁶).</summary>
    public int NoBiasSamples { get; init; } = 2_000_000;

    /// <summary>Fewest hits an ε needs to enter a slope fit (the delta-method weight needs a few hits; our choice: 10).</summary>
    public int MinHits { get; init; } = 10;

    /// <summary>Outer draws of the first slot in the batch estimator (F7; our choice: 2000).</summary>
    public int BatchOuterSamples { get; init; } = 2000;

    /// <summary>Inner E2 points per outer draw and ε (F7; our choice: 100).</summary>
    public int BatchInnerSamples { get; init; } = 100;

    /// <summary>Draws from the truncated Gaussian per ε (F8; plan: 10⁶).</summary>
    public int ProbabilitySamples { get; init; } = 1_000_000;

    /// <summary>ε values of F8 relative to |r*| (plan: 4 values; ours: 0.05, 0.1, 0.2, 0.4).</summary>
    public double[] ProbabilityEpsilons { get; init; } = [0.05, 0.1, 0.2, 0.4];

    /// <summary>Pool sizes M of the random-candidate attack A1 (F9, F11; plan: 10³ … 10⁶).</summary>
    public int[] PoolSizes { get; init; } = [1_000, 10_000, 100_000, 1_000_000];

    /// <summary>Repetitions of A1 per pool size in one block (plan: 50).</summary>
    public int AttackRepetitions { get; init; } = 50;

    /// <summary>Data dimensions d of the sampling studies: the probability bound F8 and the random-candidate attack F9 (M1; our choice: 2 and 3).</summary>
    public int[] SamplingDimensions { get; init; } = [2, 3];

    /// <summary>Minimum distances δ of the gradient-matching attack A3 (F10; plan: 0.01, 0.03, 0.1).</summary>
    public double[] Deltas { get; init; } = [0.01, 0.03, 0.1];

    /// <summary>Random starts of A3 (plan: 32).</summary>
    public int Starts { get; init; } = 32;

    /// <summary>Batch size of the audited step (F11; our choice: 4).</summary>
    public int AuditBatchSize { get; init; } = 4;

    /// <summary>Safety factor c of the audit threshold ε_num = c·u·‖g‖ (plan: 100).</summary>
    public double AuditFactor { get; init; } = 100;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.InRange(HalfWidth, 1.01, 100, Check.Path(path, "halfWidth"));
        Check.InRange(Bias, -10, 10, Check.Path(path, "bias"));
        Check.InRange(ModelSeed, 0, int.MaxValue, Check.Path(path, "modelSeed"));
        Check.AllInRange(InputDimensions, 1, 6, Check.Path(path, "inputDimensions"));
        Check.Distinct(InputDimensions, Check.Path(path, "inputDimensions"));
        if (InputDimensions.Length == 0) throw new ConfigException(Check.Path(path, "inputDimensions"), "got an empty list; allowed: 1 to 6 values in 1..6");
        Check.InRange(EpsilonLow, 1e-6, 0.5, Check.Path(path, "epsilonLow"));
        Check.InRange(EpsilonHigh, EpsilonLow * 1.01, 0.5, Check.Path(path, "epsilonHigh"));
        Check.InRange(GridPoints, 3, 30, Check.Path(path, "gridPoints"));
        Check.InRange(LocalSamples, 100, 100_000_000, Check.Path(path, "localSamples"));
        Check.InRange(GlobalSamples, 100, 100_000_000, Check.Path(path, "globalSamples"));
        Check.InRange(NoBiasSamples, 100, 100_000_000, Check.Path(path, "noBiasSamples"));
        Check.InRange(MinHits, 1, 10_000, Check.Path(path, "minHits"));
        Check.InRange(BatchOuterSamples, 10, 10_000_000, Check.Path(path, "batchOuterSamples"));
        Check.InRange(BatchInnerSamples, 1, 1_000_000, Check.Path(path, "batchInnerSamples"));
        Check.InRange(ProbabilitySamples, 100, 100_000_000, Check.Path(path, "probabilitySamples"));
        Check.AllInRange(ProbabilityEpsilons, 1e-4, 1, Check.Path(path, "probabilityEpsilons"));
        Check.Distinct(ProbabilityEpsilons, Check.Path(path, "probabilityEpsilons"));
        if (ProbabilityEpsilons.Length == 0) throw new ConfigException(Check.Path(path, "probabilityEpsilons"), "got an empty list; allowed: values in [1e-4, 1]");
        Check.AllInRange(PoolSizes, 10, 10_000_000, Check.Path(path, "poolSizes"));
        Check.Distinct(PoolSizes, Check.Path(path, "poolSizes"));
        if (PoolSizes.Length < 2) throw new ConfigException(Check.Path(path, "poolSizes"), $"got {PoolSizes.Length} values; allowed: at least 2 (the slope of log e_min vs log M needs two)");
        Check.InRange(AttackRepetitions, 3, 10_000, Check.Path(path, "attackRepetitions"));
        Check.AllInRange(SamplingDimensions, 2, 6, Check.Path(path, "samplingDimensions"));
        Check.Distinct(SamplingDimensions, Check.Path(path, "samplingDimensions"));
        Check.AllInRange(Deltas, 1e-4, 1, Check.Path(path, "deltas"));
        Check.Distinct(Deltas, Check.Path(path, "deltas"));
        if (Deltas.Length == 0) throw new ConfigException(Check.Path(path, "deltas"), "got an empty list; allowed: values in [1e-4, 1]");
        Check.InRange(Starts, 1, 10_000, Check.Path(path, "starts"));
        Check.InRange(AuditBatchSize, 1, 1024, Check.Path(path, "auditBatchSize"));
        Check.InRange(AuditFactor, 1, 1e6, Check.Path(path, "auditFactor"));
    }
}

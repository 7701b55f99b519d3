using PhyToolkit.Core.Configuration;
using PhyToolkit.Learning.Unlearning.Stream;

namespace PhyToolkit.Scenarios.UnlearningStream;

/// <summary>
/// Parameters of the <c>unlearning-stream</c> scenario (docs/unlearning-stream.md): the reproduction plan for the Memory
/// Pair of arXiv 2508.10193 [Proposed]: d = 10, λ = 0.1, W the ball of radius 2, τ = 10, ε* = 1, δ* = 1e−5, K = 20 (the
/// author's code defaults for the budget), T = 10⁵ with 13 log-spaced checkpoints. JSON names are camelCase.
/// </summary>
public sealed record UnlearningStreamParameters : IValidatable
{
    /// <summary>Feature dimension d (plan 10).</summary>
    public int Dimension { get; init; } = 10;
    /// <summary>Ridge weight λ (plan 0.1).</summary>
    public double Lambda { get; init; } = 0.1;
    /// <summary>Radius R of the ball W (plan 2, so D = 4).</summary>
    public double Radius { get; init; } = 2;
    /// <summary>L-BFGS window τ (code 10).</summary>
    public int Window { get; init; } = 10;
    /// <summary>Horizon T of the regret studies (plan 10⁵).</summary>
    public int Horizon { get; init; } = 100_000;
    /// <summary>Log-spaced regret checkpoints in [10², T] (plan 13).</summary>
    public int Checkpoints { get; init; } = 13;
    /// <summary>Start of the S1 fits R_T = a + b ln T and R_T = a + b√T (plan 10³).</summary>
    public int FitFrom { get; init; } = 1000;
    /// <summary>Drift rates ω (radians per event) of the dynamic-regret study (plan 10⁻⁴, 10⁻³); the largest is the "drift" stream of the comparison.</summary>
    public double[] DriftRates { get; init; } = [1e-4, 1e-3];
    /// <summary>Events between feature swaps of the adversarial stream (author's harness 500).</summary>
    public int SwapPeriod { get; init; } = 500;
    /// <summary>Static samples used once per seed to estimate the ridge shrinkage κ of the comparator path u_t = κ w°_t (plan 10⁵).</summary>
    public int KappaSamples { get; init; } = 100_000;
    /// <summary>Inserts before the deletions of the fidelity study (plan T₀ = 5000).</summary>
    public int DeletionInserts { get; init; } = 5000;
    /// <summary>Deletion counts k of the fidelity study (plan 1, 5, 20).</summary>
    public int[] DeletionCounts { get; init; } = [1, 5, 20];
    /// <summary>Fidelity trials per seed (plan: 100 trials in all; 20 seeds × 5).</summary>
    public int DeletionTrialsPerSeed { get; init; } = 5;
    /// <summary>Horizon of the regret-cost-of-deletions study (plan 10⁴).</summary>
    public int CostHorizon { get; init; } = 10_000;
    /// <summary>Deletion counts m of the cost study (plan 1, 5, 20; m = 0 is always run as the paired reference).</summary>
    public int[] CostDeletions { get; init; } = [1, 5, 20];
    /// <summary>
    /// Paired runs per seed of the cost study (plan: 50 seeds; here 20 seeds × 4 = 80 runs, the fewest for which a
    /// Wilson interval can place a share of 100 % above 95 %).
    /// </summary>
    public int CostRunsPerSeed { get; init; } = 4;
    /// <summary>Twin learners per seed of the noise study (plan 10⁴ draws in all; 20 seeds × 50 learners × d = 10).</summary>
    public int NoiseLearnersPerSeed { get; init; } = 50;
    /// <summary>ε* (code 1.0).</summary>
    public double EpsilonTotal { get; init; } = 1.0;
    /// <summary>δ* (code 1e−5).</summary>
    public double DeltaTotal { get; init; } = 1e-5;
    /// <summary>m = K, the deletion capacity the budget is split over (code 20).</summary>
    public int MaxDeletions { get; init; } = 20;
    /// <summary>δ_B of the noise term of Theorems A, C, D (plan 0.05).</summary>
    public double RegretConfidence { get; init; } = 0.05;
    /// <summary>γ, the target average regret of the inference gate (Theorem D); our choice 1 (the paper gives none).</summary>
    public double TargetAverageRegret { get; init; } = 1.0;

    /// <summary>The library options of the Memory Pair L1 (the library's schedule η_t = (1/λ)/(t + 10), certified V2 noise).</summary>
    public MemoryPairOptions L1(DeletionNoise noise = DeletionNoise.GaussianBasic) => new()
    {
        Dimension = Dimension, Lambda = Lambda, Radius = Radius, Window = Window, Noise = noise,
        GradientBound = 1 * (Radius + 1) + Lambda * Radius,   // ‖x‖ ≤ 1, |y| ≤ 1 (plan: 3.2)
        EpsilonTotal = EpsilonTotal, DeltaTotal = DeltaTotal, MaxDeletions = MaxDeletions,
        RegretConfidence = RegretConfidence, TargetAverageRegret = TargetAverageRegret, InferenceGate = false,
    };

    /// <summary>L1′: L1 with the spec plan's schedule η_t = 1/(t + 10) (a = 1).</summary>
    public MemoryPairOptions L1Plan(DeletionNoise noise = DeletionNoise.GaussianBasic) => L1(noise) with { StepScale = 1 };

    /// <summary>L2, the author's code variant: fixed α = 0.5, no projection, full delete step 1.0, V3 noise.</summary>
    public MemoryPairOptions L2(DeletionNoise noise = DeletionNoise.CodeCompat) => L1(noise) with
    {
        ConstantInsertStep = 0.5, ConstantDeleteStep = 1.0, Radius = double.PositiveInfinity,
    };

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.InRange(Dimension, 2, 1000, Check.Path(path, "dimension"));
        Check.InRange(Lambda, 1e-4, 100, Check.Path(path, "lambda"));
        Check.InRange(Radius, 1e-3, 1e3, Check.Path(path, "radius"));
        Check.InRange(Window, 1, 1000, Check.Path(path, "window"));
        Check.InRange(Horizon, 1000, 10_000_000, Check.Path(path, "horizon"));
        Check.InRange(Checkpoints, 3, 100, Check.Path(path, "checkpoints"));
        Check.InRange(FitFrom, 100, Horizon / 10, Check.Path(path, "fitFrom"));
        Check.AllInRange(DriftRates, 1e-8, 1, Check.Path(path, "driftRates"));
        Check.Distinct(DriftRates, Check.Path(path, "driftRates"));
        if (DriftRates.Length == 0) throw new ConfigException(Check.Path(path, "driftRates"), "got no values; allowed: at least one rate");
        Check.InRange(SwapPeriod, 1, 1_000_000, Check.Path(path, "swapPeriod"));
        Check.InRange(KappaSamples, 1000, 10_000_000, Check.Path(path, "kappaSamples"));
        Check.InRange(DeletionInserts, 100, 1_000_000, Check.Path(path, "deletionInserts"));
        Check.AllInRange(DeletionCounts, 1, MaxDeletions, Check.Path(path, "deletionCounts"));
        Check.Distinct(DeletionCounts, Check.Path(path, "deletionCounts"));
        Check.InRange(DeletionTrialsPerSeed, 1, 10_000, Check.Path(path, "deletionTrialsPerSeed"));
        Check.InRange(CostHorizon, 100, 10_000_000, Check.Path(path, "costHorizon"));
        Check.AllInRange(CostDeletions, 1, MaxDeletions, Check.Path(path, "costDeletions"));
        Check.Distinct(CostDeletions, Check.Path(path, "costDeletions"));
        Check.InRange(CostRunsPerSeed, 1, 10_000, Check.Path(path, "costRunsPerSeed"));
        Check.InRange(NoiseLearnersPerSeed, 1, 100_000, Check.Path(path, "noiseLearnersPerSeed"));
        Check.Positive(EpsilonTotal, Check.Path(path, "epsilonTotal"));
        Check.InRange(DeltaTotal, 1e-300, 0.5, Check.Path(path, "deltaTotal"));
        Check.InRange(MaxDeletions, 1, 10_000, Check.Path(path, "maxDeletions"));
        Check.InRange(RegretConfidence, 1e-9, 0.5, Check.Path(path, "regretConfidence"));
        Check.Positive(TargetAverageRegret, Check.Path(path, "targetAverageRegret"));
    }
}

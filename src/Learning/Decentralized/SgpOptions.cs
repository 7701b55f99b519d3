using PhyToolkit.Learning.Privacy;

namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// Options of a (private) stochastic-gradient-push run, the loop of <see cref="SgpTrainer"/>. Use <see cref="For"/> to get
/// the settings of one of the <see cref="SgpMethod"/>s from shared hyper-parameters. Defaults are our choice (the ADP-VRSGP
/// abstract, arXiv:2510.20157, gives no values): K = 2000, b = 16, S = 400, γ_s = γ_η = 0.7, η_0 = 0.5, β_0 = 0.25, C = 1,
/// C_d = 0.5, κ = 4, δ = 1e-4.
/// </summary>
public sealed record SgpOptions
{
    /// <summary>K ≥ 1 iterations.</summary>
    public int Iterations { get; init; } = 2000;

    /// <summary>Expected mini-batch b ≥ 1 (Poisson rate q_i = b/J_i per node, capped at 1).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Gradient estimator.</summary>
    public GradientEstimator Estimator { get; init; } = GradientEstimator.LSvrg;

    /// <summary>True: clip and add Gaussian noise calibrated to the per-node budgets; false: non-private.</summary>
    public bool Private { get; init; } = true;

    /// <summary>Stage length S ≥ 1 of the stepwise schedules.</summary>
    public int StageLength { get; init; } = 400;

    /// <summary>Noise decay per stage γ_s ∈ (0, 1] (1 = constant noise).</summary>
    public double NoiseDecay { get; init; } = 0.7;

    /// <summary>Step η_0 &gt; 0.</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>Step decay per stage γ_η ∈ (0, 1] (1 = constant step).</summary>
    public double LearningRateDecay { get; init; } = 0.7;

    /// <summary>Fusion weight β_0 ∈ (0, 1] (1 = no fusion).</summary>
    public double FusionBeta0 { get; init; } = 0.25;

    /// <summary>Per-sample clipping norm C &gt; 0 (plain gradients and snapshots).</summary>
    public double ClipNorm { get; init; } = 1;

    /// <summary>Clipping norm C_d &gt; 0 of gradient differences (LSvrg).</summary>
    public double DifferenceClipNorm { get; init; } = 0.5;

    /// <summary>κ ≥ 1: snapshot noise multiplier relative to the step multiplier (LSvrg).</summary>
    public double SnapshotNoiseFactor { get; init; } = 4;

    /// <summary>Snapshot period E in iterations (0 = two local epochs, 2⌈J_i/b⌉ per node).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>Per-node targets ε_i &gt; 0 (length n; ignored when not <see cref="Private"/>).</summary>
    public IReadOnlyList<double> Epsilons { get; init; } = [];

    /// <summary>δ ∈ (0, 1), shared by the nodes.</summary>
    public double Delta { get; init; } = 1e-4;

    /// <summary>Evaluate (loss, accuracy, consensus, ε spent) every this many iterations (≥ 1), and after the last.</summary>
    public int EvaluateEvery { get; init; } = 50;

    /// <summary>η_k = η_0 γ_η^⌊k/S⌋.</summary>
    public double StepAt(long k) => LearningRate * Math.Pow(LearningRateDecay, k / StageLength);

    /// <summary>The noise schedule f(k) = γ_s^⌊k/S⌋ (constant when γ_s = 1).</summary>
    public NoiseSchedule NoiseSchedule => NoiseDecay == 1 ? NoiseSchedule.Constant : NoiseSchedule.StepDecay(NoiseDecay, StageLength);

    /// <summary>Checks every field against its range (ArgumentOutOfRangeException naming the field).</summary>
    /// <param name="nodeCount">n, for the length of <see cref="Epsilons"/>.</param>
    public SgpOptions Validated(int nodeCount)
    {
        Guard.AtLeast(Iterations, 1, nameof(Iterations));
        Guard.AtLeast(BatchSize, 1, nameof(BatchSize));
        Guard.AtLeast(StageLength, 1, nameof(StageLength));
        Guard.InRange(NoiseDecay, double.Epsilon, 1, nameof(NoiseDecay));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.InRange(LearningRateDecay, double.Epsilon, 1, nameof(LearningRateDecay));
        Guard.InRange(FusionBeta0, double.Epsilon, 1, nameof(FusionBeta0));
        Guard.Positive(ClipNorm, nameof(ClipNorm));
        Guard.Positive(DifferenceClipNorm, nameof(DifferenceClipNorm));
        Guard.InRange(SnapshotNoiseFactor, 1, 1e6, nameof(SnapshotNoiseFactor));
        Guard.AtLeast(SnapshotEvery, 0, nameof(SnapshotEvery));
        Guard.AtLeast(EvaluateEvery, 1, nameof(EvaluateEvery));
        RdpLedger.RequireDelta(Delta, nameof(Delta));
        if (Private)
        {
            ArgumentNullException.ThrowIfNull(Epsilons, nameof(Epsilons));
            Guard.Length(Epsilons.Count, nodeCount, nameof(Epsilons));
            for (int i = 0; i < Epsilons.Count; i++) Guard.Positive(Epsilons[i], $"{nameof(Epsilons)}[{i}]");
        }
        return this;
    }

    /// <summary>
    /// The settings of <paramref name="method"/> from the shared hyper-parameters in <paramref name="shared"/> (which holds
    /// the ADP-VRSGP values): constant-noise methods set γ_s = γ_η = 1; DP-SGP uses the plain estimator; only ADP-VRSGP
    /// keeps β_0 &lt; 1; SGP is not private.
    /// </summary>
    public static SgpOptions For(SgpMethod method, SgpOptions shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return method switch
        {
            SgpMethod.Sgp => shared with { Private = false, Estimator = GradientEstimator.Plain, NoiseDecay = 1, LearningRateDecay = 1, FusionBeta0 = 1 },
            SgpMethod.DpSgp => shared with { Private = true, Estimator = GradientEstimator.Plain, NoiseDecay = 1, LearningRateDecay = 1, FusionBeta0 = 1 },
            SgpMethod.PrivSgpVr => shared with { Private = true, Estimator = GradientEstimator.LSvrg, NoiseDecay = 1, LearningRateDecay = 1, FusionBeta0 = 1 },
            SgpMethod.AdpVrsgpNoFusion => shared with { Private = true, Estimator = GradientEstimator.LSvrg, FusionBeta0 = 1 },
            SgpMethod.AdpVrsgp => shared with { Private = true, Estimator = GradientEstimator.LSvrg },
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method"),
        };
    }
}

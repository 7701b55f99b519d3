using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Channels.Fading;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Configuration of one federated run (docs/ota-fl.md, [Proposed] defaults). Validated by
/// <see cref="FederatedTrainer.Run"/>; errors name the field as <c>config.Field</c>.
/// </summary>
/// <remarks>
/// The engine-level assembly (link options, fading model, server optimiser) for callers that build their own method. The
/// OTA-FL methods (A)-(E) derive it from the one user-facing settings record, <see cref="OtaFlExperimentConfig"/>, through
/// <see cref="OtaFlMethods.BuildConfig"/>; scenario files bind to that record, never to this one.
/// </remarks>
public sealed record FederatedConfig
{
    /// <summary>Rounds T (&gt;= 1).</summary>
    public int Rounds { get; init; } = 1500;

    /// <summary>Mini-batch size per worker and local step (&gt;= 1).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Local SGD steps per round (&gt;= 1; 1 = FedSGD). With more, the worker sends
    /// <c>(x_start - x_end) / (LocalLearningRate LocalSteps)</c>, the mean gradient along its local path (our choice).</summary>
    public int LocalSteps { get; init; } = 1;

    /// <summary>Local SGD rate (&gt; 0), used only when LocalSteps &gt; 1.</summary>
    public double LocalLearningRate { get; init; } = 0.1;

    /// <summary>Fraction of workers scheduled per round, in (0, 1]; ceil(q M) workers sampled without replacement.</summary>
    public double SamplingFraction { get; init; } = 1.0;

    /// <summary>Optional clipping of each worker's update to this L2 norm before transmission (&gt; 0); biases the estimate.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Uplink configuration.</summary>
    public UplinkOptions Uplink { get; init; } = new();

    /// <summary>Downlink configuration.</summary>
    public DownlinkOptions Downlink { get; init; } = new();

    /// <summary>Bypass both channels (exact links, no ledger): the noiseless reference (method E).</summary>
    public bool IdealChannel { get; init; }

    /// <summary>Send the full model digitally every N rounds (0 = never); only with an analog downlink (a digital downlink has no drift to repair, so nothing is sent or charged).</summary>
    public int ResyncEvery { get; init; }

    /// <summary>Evaluate every N rounds (&gt;= 1); round 0 and the last round are always evaluated.</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>Small-scale fading law (block fading per worker per round; uplink and downlink share the realisation: TDD reciprocity, our choice).</summary>
    public IFadingModel Fading { get; init; } = RayleighFading.Instance;

    /// <summary>Mean power gains beta_m per worker (null = all 1).</summary>
    public double[]? MeanGains { get; init; }

    /// <summary>Truncation threshold as a multiple of mean(beta_m): theta = factor * mean beta (&gt; 0), spec default 0.1.</summary>
    public double ThresholdFactor { get; init; } = 0.1;

    /// <summary>
    /// Starting server model x_0 (length = parameter count, copied), or null for the zero vector. Lets a run continue from
    /// another run's final model (e.g. unlearning and recovery after the original training).
    /// </summary>
    public double[]? InitialParameters { get; init; }

    /// <summary>
    /// Index of the first round (&gt;= 0). Rounds are numbered <c>FirstRound, ..., FirstRound + Rounds - 1</c> in the
    /// random streams (batches, sampling, fading, noise) and in the <see cref="RoundHook"/> calls, so a continued run
    /// draws fresh batches instead of replaying those of rounds 0, 1, ...
    /// </summary>
    public int FirstRound { get; init; }

    /// <summary>
    /// Optional per-round hook (participants and aggregation weights, update inspection, early stop); null = the engine's
    /// own client sampling and the plain mean of the updates.
    /// </summary>
    public IFederatedRoundHook? RoundHook { get; init; }

    /// <summary>Creates the server optimiser for a given parameter count (called once per run).</summary>
    public Func<int, IServerOptimizer> ServerOptimizer { get; init; } =
        _ => new StepRuleServerOptimizer(new PhyToolkit.Optimization.StepRules.AdaGradNormStepRule(0.3, 1e-3, subtractKnownVariance: true));
}

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// Settings of one group-relative policy-optimisation method (GRPO, DAPO, GSPO, DCPO) for <see cref="GroupPolicyTrainer"/> and
/// <see cref="PolicyLoss"/>. Use the presets <see cref="Grpo"/>, <see cref="Dapo"/>, <see cref="Gspo"/>, <see cref="Dcpo"/>.
/// </summary>
/// <remarks>No KL term is implemented (β = 0 in DAPO, DCPO and recent TRL defaults). Defaults of the presets are the papers'
/// values where given; the GSPO preset's ε = 0.2 is our choice (the GSPO paper uses much smaller sequence ranges).</remarks>
public sealed record PolicyOptimConfig
{
    /// <summary>Short method name used in reports (e.g. "dcpo").</summary>
    public required string Name { get; init; }

    /// <summary>Responses per prompt G ≥ 2.</summary>
    public int NumGenerations { get; init; } = 8;

    /// <summary>Inner epochs μ ≥ 1 over the full batch per step.</summary>
    public int InnerEpochs { get; init; } = 4;

    /// <summary>Ratio clipping rule.</summary>
    public RatioClipping Clipping { get; init; } = RatioClipping.Fixed;

    /// <summary>ε_low &gt; 0.</summary>
    public double EpsLow { get; init; } = 0.2;

    /// <summary>ε_high &gt; 0.</summary>
    public double EpsHigh { get; init; } = 0.2;

    /// <summary>Upper ratio cap of dynamic clipping, ≥ 1 (DCPO code: 10).</summary>
    public double RatioCap { get; init; } = DynamicClip.PaperRatioCap;

    /// <summary>Dual-clip constant c &gt; 1 applied where Â &lt; 0 (loss ≤ −Â·c, verl clip_ratio_c = 3), or null for none.</summary>
    public double? DualClip { get; init; }

    /// <summary>Loss aggregation over tokens and responses.</summary>
    public LossAggregation Aggregation { get; init; } = LossAggregation.SequenceMeanTokenMean;

    /// <summary>Advantage estimator.</summary>
    public AdvantageKind Advantage { get; init; } = AdvantageKind.Group;

    /// <summary>DAPO dynamic sampling: discard groups whose rewards are all equal and refill the batch.</summary>
    public bool DynamicSampling { get; init; }

    /// <summary>Maximum number of refill rounds of dynamic sampling (spec: 5).</summary>
    public int MaxRefills { get; init; } = 5;

    /// <summary>GRPO (arXiv:2402.03300): fixed ε = 0.2, group advantages, per-response length mean.</summary>
    public static PolicyOptimConfig Grpo(double eps = 0.2) => new() { Name = "grpo", EpsLow = eps, EpsHigh = eps };

    /// <summary>DAPO (arXiv:2503.14476): clip-higher 0.2/0.28, dynamic sampling, token-level mean, no KL.</summary>
    public static PolicyOptimConfig Dapo(double epsLow = 0.2, double epsHigh = 0.28, int maxRefills = 5) => new()
    {
        Name = "dapo", EpsLow = epsLow, EpsHigh = epsHigh, Aggregation = LossAggregation.TokenMean, DynamicSampling = true, MaxRefills = maxRefills,
    };

    /// <summary>GSPO (arXiv:2507.18071): sequence-level ratio clipped to [1 − ε, 1 + ε], mean over responses.</summary>
    public static PolicyOptimConfig Gspo(double eps = 0.2) => new() { Name = "gspo", Clipping = RatioClipping.Sequence, EpsLow = eps, EpsHigh = eps };

    /// <summary>DCPO (arXiv:2509.02333): dynamic-adaptive clipping 0.16/0.2 with cap 10 and dual clip 3, SAS, OTM loss.</summary>
    public static PolicyOptimConfig Dcpo(double epsLow = DynamicClip.PaperEpsLow, double epsHigh = DynamicClip.PaperEpsHigh) => new()
    {
        Name = "dcpo", Clipping = RatioClipping.Dynamic, EpsLow = epsLow, EpsHigh = epsHigh, DualClip = 3.0,
        Aggregation = LossAggregation.OnlyTokenMean, Advantage = AdvantageKind.SmoothStandardized,
    };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        Guard.AtLeast(NumGenerations, 2, nameof(NumGenerations));
        Guard.AtLeast(InnerEpochs, 1, nameof(InnerEpochs));
        Guard.Positive(EpsLow, nameof(EpsLow));
        Guard.Positive(EpsHigh, nameof(EpsHigh));
        if (Clipping != RatioClipping.Dynamic && EpsLow >= 1) throw new ArgumentOutOfRangeException(nameof(EpsLow), EpsLow, "fixed clipping needs ε_low < 1.");
        Guard.InRange(RatioCap, 1, double.MaxValue, nameof(RatioCap));
        if (DualClip is { } c && !(c > 1 && double.IsFinite(c))) throw new ArgumentOutOfRangeException(nameof(DualClip), c, "the dual-clip constant must exceed 1.");
        Guard.AtLeast(MaxRefills, 0, nameof(MaxRefills));
    }
}

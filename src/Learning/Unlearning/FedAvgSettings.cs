using PhyToolkit.Channels.Fading;
using PhyToolkit.Channels.Noise;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Learning.Federated;
using PhyToolkit.Optimization.StepRules;

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// FedAvg as run by the unlearning methods, mapped onto <see cref="FederatedTrainer"/>: each participant takes
/// <see cref="LocalSteps"/> SGD steps of rate <see cref="LocalLearningRate"/> on mini-batches of <see cref="BatchSize"/>
/// and sends <c>u_k = (w_t - w_k) / (eta_l S)</c>; the server applies <c>Delta_t = -eta_s eta_l S sum_k a_k u_k =
/// eta_s sum_k a_k Delta_k</c> (a fixed step <c>eta_s eta_l S</c>), i.e. FedAvg with server rate eta_s
/// (arXiv 2504.05822 §1.1 of docs/unlearning-puf.md; eta_s = 1 in the paper's code).
/// </summary>
/// <remarks>
/// Local training draws a fixed number of mini-batches with replacement per round, not whole epochs (our choice: the
/// engine's local loop). The learning-rate decay 0.998^(t-1) of the paper's code is not applied (our choice, a constant
/// rate over the short runs of the reproduction).
/// </remarks>
public sealed record FedAvgSettings
{
    /// <summary>Local SGD steps S per round (&gt;= 1).</summary>
    public int LocalSteps { get; init; } = 10;

    /// <summary>Local SGD rate eta_l (&gt; 0); the code's 0.1.</summary>
    public double LocalLearningRate { get; init; } = 0.1;

    /// <summary>Mini-batch size (&gt;= 1); the code's 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Server rate eta_s (&gt; 0); the code's 1.0.</summary>
    public double ServerLearningRate { get; init; } = 1.0;

    /// <summary>
    /// Over-the-air uplink SNR in dB, or null for ideal links. When set, every participant's (weighted) update goes through
    /// the analog over-the-air sum of <see cref="UplinkAggregator"/> (unit gains, amplitude-modulated symbols, ideal
    /// converters, receiver noise for this SNR at unit symbol power) and the model comes back on a digital downlink.
    /// </summary>
    public double? OtaSnrDb { get; init; }

    /// <summary>Checks the fields (names the field).</summary>
    public void Validate()
    {
        if (LocalSteps < 1) throw new ArgumentOutOfRangeException(nameof(LocalSteps), LocalSteps, "LocalSteps must be >= 1");
        if (!(LocalLearningRate > 0) || !double.IsFinite(LocalLearningRate)) throw new ArgumentOutOfRangeException(nameof(LocalLearningRate), LocalLearningRate, "LocalLearningRate must be finite and > 0");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be >= 1");
        if (!(ServerLearningRate > 0) || !double.IsFinite(ServerLearningRate)) throw new ArgumentOutOfRangeException(nameof(ServerLearningRate), ServerLearningRate, "ServerLearningRate must be finite and > 0");
        if (OtaSnrDb is double s && (!double.IsFinite(s) || s < -30 || s > 100)) throw new ArgumentOutOfRangeException(nameof(OtaSnrDb), s, "OtaSnrDb must be in [-30, 100] dB or null");
    }

    /// <summary>The engine configuration of <paramref name="rounds"/> rounds starting at <paramref name="firstRound"/> from
    /// <paramref name="initial"/> (null = zero) with <paramref name="hook"/> planning the rounds.</summary>
    public FederatedConfig ToConfig(int rounds, int firstRound, double[]? initial, IFederatedRoundHook hook, int? localSteps = null)
    {
        Validate();
        int S = localSteps ?? LocalSteps;
        double step = ServerLearningRate * LocalLearningRate * S;
        var config = new FederatedConfig
        {
            Rounds = rounds,
            FirstRound = firstRound,
            InitialParameters = initial,
            RoundHook = hook,
            BatchSize = BatchSize,
            LocalSteps = S,
            LocalLearningRate = LocalLearningRate,
            EvaluateEvery = Math.Max(1, rounds),
            IdealChannel = OtaSnrDb is null,
            ServerOptimizer = _ => new StepRuleServerOptimizer(new FixedStepRule(step)),
        };
        if (OtaSnrDb is not double snrDb) return config;
        double noiseStd = AwgnNoise.NoiseStdFromSnrDb(snrDb, 1.0, 1.0);
        return config with
        {
            Fading = NoFading.Instance,
            Uplink = new UplinkOptions
            {
                Mode = UplinkMode.OtaTruncatedInversion,
                Scheme = OtaSymbolScheme.NaiveAmplitude,
                Repetitions = 1,
                SymbolAmplitude = 1,
                NoiseStd = noiseStd,
                AdcBits = null,
                DacBits = null,
            },
            Downlink = new DownlinkOptions { Digital = true, AdcBits = null, DacBits = null },
        };
    }
}

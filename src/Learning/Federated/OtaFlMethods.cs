using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Optimization.StepRules;
using PhyToolkit.Channels.Fading;
using PhyToolkit.Channels.Noise;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Runners for methods (A)-(E) of docs/ota-fl.md: one call = one trial = one seed. Data, partition, batches, client
/// sampling and fading depend only on the seed, so different methods run with the same seed are compared with common
/// random numbers.
/// </summary>
public static class OtaFlMethods
{
    /// <summary>Runs R = <c>config.Rounds</c> rounds of <paramref name="method"/> with trial seed <paramref name="seed"/>.</summary>
    /// <returns>Per-evaluation loss, gradient norm, test accuracy and cumulative channel uses.</returns>
    public static FederatedRunResult Run(OtaFlMethod method, OtaFlExperimentConfig config, ulong seed)
    {
        var task = CreateTask(config, seed);
        return FederatedTrainer.Run(CreateModel(config, seed), task, BuildConfig(method, config), seed, MethodLabel(method));
    }

    /// <summary>Short label, e.g. "(B) OTA-P1 + AdaGrad-Norm (corrected)".</summary>
    public static string MethodLabel(OtaFlMethod method) => method switch
    {
        OtaFlMethod.DigitalAdaGradNorm => "(A) Digital + AdaGrad-Norm",
        OtaFlMethod.OtaAdaGradNormCorrected => "(B) OTA-P1 + AdaGrad-Norm (corrected)",
        OtaFlMethod.OtaAdaGradNormPlain => "(B') OTA-P1 + AdaGrad-Norm (plain)",
        OtaFlMethod.NaiveAnalogAdaGradNorm => "(C) Naive analog + AdaGrad-Norm",
        OtaFlMethod.OtaFixedStep => "(D) OTA-P1 + fixed step",
        OtaFlMethod.CentralizedSgd => "(E) Noiseless centralised SGD",
        OtaFlMethod.AdaptiveDigitalAdaGradNorm => "(A~) SNR-adaptive digital + AdaGrad-Norm",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method"),
    };

    /// <summary>
    /// The model of <paramref name="config"/>: for <c>Model = "softmax"</c> the data set's linear model (logistic for D1,
    /// softmax for D2); for <c>"mlp"</c> an <see cref="MlpModel"/> whose base point is drawn from trial seed 0.
    /// </summary>
    public static IFederatedModel CreateModel(OtaFlExperimentConfig config) => CreateModel(config, 0);

    /// <summary>
    /// As <see cref="CreateModel(OtaFlExperimentConfig)"/>; an MLP's Glorot base point
    /// (<see cref="MlpModel.GlorotBasePoint"/>) is drawn from stream <see cref="RandomStreams.Init"/> of trial seed
    /// <paramref name="seed"/>. The linear models do not depend on the seed.
    /// </summary>
    public static IFederatedModel CreateModel(OtaFlExperimentConfig config, ulong seed)
    {
        Validate(config);
        int classes = config.DataSet == OtaFlDataSet.D1Logistic ? 2 : config.Classes;
        if (IsMlp(config))
        {
            var activation = string.Equals(config.HiddenActivation, "relu", StringComparison.OrdinalIgnoreCase) ? MlpActivation.Relu : MlpActivation.Tanh;
            var basePoint = MlpModel.GlorotBasePoint(config.Dimension, classes, config.HiddenUnits, RandomStreams.Seed(seed, RandomStreams.Init));
            return new MlpModel(config.Dimension, classes, config.HiddenUnits, activation, basePoint);
        }
        return config.DataSet == OtaFlDataSet.D1Logistic
            ? new LogisticRegressionModel(config.Dimension)
            : new SoftmaxRegressionModel(config.Dimension, config.Classes);
    }

    private static bool IsMlp(OtaFlExperimentConfig c) => string.Equals(c.Model, "mlp", StringComparison.OrdinalIgnoreCase);

    /// <summary>Generates the data set and its worker partition from <paramref name="seed"/>.</summary>
    public static SyntheticTask CreateTask(OtaFlExperimentConfig config, ulong seed)
    {
        Validate(config);
        return config.DataSet == OtaFlDataSet.D1Logistic
            ? SyntheticDatasets.LogisticD1(seed, config.Workers, config.SamplesPerWorker, config.Dimension, 0.1, config.TestSamples)
            : SyntheticDatasets.GaussianMixtureD2(seed, config.Workers, config.TrainSamples, config.TestSamples, config.Dimension,
                config.Classes, 3, new DirichletPartitioner(config.DirichletAlpha, config.MinPartitionSize));
    }

    /// <summary>Mean gains beta_m: evenly spaced in dB over [-GainSpreadDb, 0], normalised to mean 1 (our choice).</summary>
    public static double[] MeanGains(OtaFlExperimentConfig config)
    {
        Validate(config);
        return OtaFlExperimentConfig.MeanGainsOf(config.Workers, config.GainSpreadDb);
    }

    /// <summary>The engine configuration of <paramref name="method"/> for <paramref name="config"/>.</summary>
    public static FederatedConfig BuildConfig(OtaFlMethod method, OtaFlExperimentConfig config)
    {
        Validate(config);
        if (!Enum.IsDefined(method)) throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method");
        double noiseStd = AwgnNoise.NoiseStdFromSnrDb(config.SnrDb, 1.0, 1.0);   // mean beta = 1, A = 1
        bool naive = method == OtaFlMethod.NaiveAnalogAdaGradNorm;
        bool adaptive = method == OtaFlMethod.AdaptiveDigitalAdaGradNorm;
        bool digital = method == OtaFlMethod.DigitalAdaGradNorm || adaptive;
        var adaptiveOptions = adaptive ? config.AdaptiveDigital : null;
        var uplink = new UplinkOptions
        {
            Mode = adaptive ? UplinkMode.AdaptiveDigital : digital ? UplinkMode.Digital : UplinkMode.OtaTruncatedInversion,
            AdaptiveDigital = adaptiveOptions,
            Scheme = naive ? OtaSymbolScheme.NaiveAmplitude : OtaSymbolScheme.BinaryStochastic,
            Repetitions = config.Repetitions,
            SymbolAmplitude = 1,
            NoiseStd = noiseStd,
            AdcBits = config.AdcBits,
            SumAdcMode = naive ? QuantizerMode.Deterministic : QuantizerMode.Dithered,
            AdcMarginSigmas = config.AdcMarginSigmas,
            DacBits = config.DacBits,
            DigitalCodeRate = config.DigitalCodeRate,
        };
        var downlink = new DownlinkOptions
        {
            Digital = digital,
            AdaptiveDigital = adaptiveOptions,
            Scheme = naive ? OtaSymbolScheme.NaiveAmplitude : OtaSymbolScheme.BinaryStochastic,
            Repetitions = config.DownlinkRepetitions,
            SymbolAmplitude = 1,
            NoiseStd = noiseStd,
            AdcBits = config.AdcBits,
            DacBits = config.DacBits,
            DigitalCodeRate = config.DigitalCodeRate,
        };
        double eta = config.LearningRate, b0 = config.B0;
        Func<int, IServerOptimizer> opt = method switch
        {
            OtaFlMethod.OtaAdaGradNormCorrected => _ => new StepRuleServerOptimizer(new AdaGradNormStepRule(eta, b0, subtractKnownVariance: true)),
            OtaFlMethod.OtaFixedStep => _ => new StepRuleServerOptimizer(new FixedStepRule(eta)),
            _ => _ => new StepRuleServerOptimizer(new AdaGradNormStepRule(eta, b0, subtractKnownVariance: false)),
        };
        return new FederatedConfig
        {
            Rounds = config.Rounds,
            BatchSize = config.BatchSize,
            LocalSteps = config.LocalSteps,
            SamplingFraction = config.SamplingFraction,
            Uplink = uplink,
            Downlink = downlink,
            IdealChannel = method == OtaFlMethod.CentralizedSgd,
            ResyncEvery = config.ResyncEvery,
            EvaluateEvery = config.EvaluateEvery,
            Fading = config.CreateFadingModel(),
            MeanGains = MeanGains(config),
            ThresholdFactor = config.ThresholdFactor,
            ServerOptimizer = opt,
        };
    }

    /// <summary>Validates <paramref name="c"/> (<see cref="OtaFlExperimentConfig.Validate"/> with the path "config").</summary>
    /// <exception cref="ArgumentNullException"><paramref name="c"/> is null.</exception>
    /// <exception cref="PhyToolkit.Core.Configuration.ConfigException">A field is out of range; the message names <c>config.field</c>.</exception>
    public static void Validate(OtaFlExperimentConfig c)
    {
        ArgumentNullException.ThrowIfNull(c, "config");
        c.Validate("config");
    }
}

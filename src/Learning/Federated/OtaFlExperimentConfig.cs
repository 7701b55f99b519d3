using System.Globalization;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Channels.Fading;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Settings of one OTA-FL experiment point (arXiv:2509.02538 as reconstructed; every value [Proposed]: the paper's worker
/// count, SNR grid, bit widths and fading model are not available). The one definition of these settings: the library's
/// runners take it, and the <c>ota-fl</c> scenario binds its <c>parameters.experiment</c> section straight to it. Validated
/// once by <see cref="Validate"/> (called by every <see cref="OtaFlMethods"/> entry point with the path "config"); errors are
/// <see cref="ConfigException"/> (an <see cref="ArgumentException"/>) naming the camelCase field path and the allowed range.
/// </summary>
public sealed record OtaFlExperimentConfig : IValidatable
{
    /// <summary>Data set.</summary>
    public OtaFlDataSet DataSet { get; init; } = OtaFlDataSet.D1Logistic;

    /// <summary>
    /// Model: "softmax" (default: the data set's linear model, logistic regression for D1 and softmax regression for D2)
    /// or "mlp" (<see cref="MlpModel"/> with <see cref="HiddenUnits"/> and <see cref="HiddenActivation"/>; C = 2 on D1).
    /// Case-insensitive.
    /// </summary>
    public string Model { get; init; } = "softmax";

    /// <summary>MLP hidden width H (1..4096); used when <see cref="Model"/> is "mlp"; our choice 32.</summary>
    public int HiddenUnits { get; init; } = 32;

    /// <summary>MLP hidden nonlinearity: "tanh" (default) or "relu" (case-insensitive); used when <see cref="Model"/> is "mlp".</summary>
    public string HiddenActivation { get; init; } = "tanh";

    /// <summary>Workers M (&gt;= 1).</summary>
    public int Workers { get; init; } = 10;

    /// <summary>D1: samples per worker (&gt;= 1).</summary>
    public int SamplesPerWorker { get; init; } = 500;

    /// <summary>D2: training samples (&gt;= Workers).</summary>
    public int TrainSamples { get; init; } = 5000;

    /// <summary>Test samples (&gt;= 1).</summary>
    public int TestSamples { get; init; } = 2000;

    /// <summary>Feature dimension (&gt;= 1), 20.</summary>
    public int Dimension { get; init; } = 20;

    /// <summary>D2: classes (&gt;= 2), 10.</summary>
    public int Classes { get; init; } = 10;

    /// <summary>D2: Dirichlet concentration alpha (&gt; 0), 0.5.</summary>
    public double DirichletAlpha { get; init; } = 0.5;

    /// <summary>D2: minimum samples per worker of the Dirichlet split (&gt;= 0), 10.</summary>
    public int MinPartitionSize { get; init; } = 10;

    /// <summary>Rounds T (&gt;= 1).</summary>
    public int Rounds { get; init; } = 1500;

    /// <summary>Batch size per worker (&gt;= 1).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Local steps (&gt;= 1).</summary>
    public int LocalSteps { get; init; } = 1;

    /// <summary>Client sampling fraction in (0, 1].</summary>
    public double SamplingFraction { get; init; } = 1.0;

    /// <summary>Average peak SNR mean(beta) A^2 / sigma_c^2 in dB (finite), both directions.</summary>
    public double SnrDb { get; init; } = 10;

    /// <summary>ADC bits (1..24) or null for an ideal ADC.</summary>
    public int? AdcBits { get; init; } = 4;

    /// <summary>DAC bits (1..24) or null (ideal); our choice 8.</summary>
    public int? DacBits { get; init; } = 8;

    /// <summary>Uplink repetitions k (&gt;= 1), 13.</summary>
    public int Repetitions { get; init; } = 13;

    /// <summary>Downlink repetitions k_dl (&gt;= 1), 13.</summary>
    public int DownlinkRepetitions { get; init; } = 13;

    /// <summary>Step numerator eta (&gt; 0): AdaGrad-Norm's eta or the fixed step of (D); 0.3.</summary>
    public double LearningRate { get; init; } = 0.3;

    /// <summary>AdaGrad-Norm b_0 (&gt; 0), 1e-3.</summary>
    public double B0 { get; init; } = 1e-3;

    /// <summary>Fading law.</summary>
    public FadingKind Fading { get; init; } = FadingKind.Rayleigh;

    /// <summary>Rician K (linear, &gt;= 0) when <see cref="Fading"/> is Rician.</summary>
    public double RicianK { get; init; } = 3;

    /// <summary>Spread of the workers' mean gains in dB (&gt;= 0): beta_m evenly spaced in dB over this range, normalised to mean 1 (our choice; spec: log-uniform over 10 dB).</summary>
    public double GainSpreadDb { get; init; } = 10;

    /// <summary>theta / mean(beta) (&gt; 0), 0.1.</summary>
    public double ThresholdFactor { get; init; } = 0.1;

    /// <summary>ADC overload margin in noise standard deviations (&gt;= 0), 6.</summary>
    public double AdcMarginSigmas { get; init; } = 6;

    /// <summary>Digital code rate r in (0, 1], 1/2.</summary>
    public double DigitalCodeRate { get; init; } = 0.5;

    /// <summary>Settings of the SNR-adaptive digital baseline (method (A~), <see cref="OtaFlMethod.AdaptiveDigitalAdaGradNorm"/>).</summary>
    public AdaptiveDigitalOptions AdaptiveDigital { get; init; } = new();

    /// <summary>Evaluate every N rounds (&gt;= 1).</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>Digital model resync period in rounds (0 = never; the record's default). Applies to the analog downlinks only: the
    /// digital method (A) needs no resync and is not charged for one.</summary>
    public int ResyncEvery { get; init; }

    /// <summary>Largest repetition count k accepted (uplink or downlink).</summary>
    public const int MaxRepetitions = 1 << 20;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        string P(string field) => Check.Path(path, field);
        if (!Enum.IsDefined(DataSet)) throw new ConfigException(P("dataSet"), $"got {DataSet}; allowed: 'd1Logistic', 'd2GaussianMixture'");
        if (!(string.Equals(Model, "softmax", StringComparison.OrdinalIgnoreCase) || string.Equals(Model, "mlp", StringComparison.OrdinalIgnoreCase)))
            throw new ConfigException(P("model"), $"got '{Model}'; allowed: 'softmax', 'mlp'");
        Check.InRange(HiddenUnits, 1, MlpModel.MaxHiddenUnits, P("hiddenUnits"));
        if (!(string.Equals(HiddenActivation, "tanh", StringComparison.OrdinalIgnoreCase) || string.Equals(HiddenActivation, "relu", StringComparison.OrdinalIgnoreCase)))
            throw new ConfigException(P("hiddenActivation"), $"got '{HiddenActivation}'; allowed: 'tanh', 'relu'");
        Check.InRange(Workers, 1, 10_000, P("workers"));
        Check.InRange(SamplesPerWorker, 1, 10_000_000, P("samplesPerWorker"));
        Check.InRange(TrainSamples, Workers, 100_000_000, P("trainSamples"));
        Check.InRange(TestSamples, 1, 10_000_000, P("testSamples"));
        Check.InRange(Dimension, 1, 100_000, P("dimension"));
        Check.InRange(Classes, 2, 1000, P("classes"));
        Check.Positive(DirichletAlpha, P("dirichletAlpha"));
        Check.InRange(MinPartitionSize, 0, 10_000_000, P("minPartitionSize"));
        Check.InRange(Rounds, 1, 1_000_000, P("rounds"));
        Check.InRange(BatchSize, 1, 100_000, P("batchSize"));
        Check.InRange(LocalSteps, 1, 100_000, P("localSteps"));
        if (!(SamplingFraction > 0 && SamplingFraction <= 1))
            throw new ConfigException(P("samplingFraction"), $"got {SamplingFraction.ToString("R", CultureInfo.InvariantCulture)}; allowed: a number in (0, 1]");
        Check.InRange(SnrDb, -40, 60, P("snrDb"));
        if (AdcBits is int ab) Check.InRange(ab, 1, 24, P("adcBits"));
        if (DacBits is int db) Check.InRange(db, 1, 24, P("dacBits"));
        Check.InRange(Repetitions, 1, MaxRepetitions, P("repetitions"));
        Check.InRange(DownlinkRepetitions, 1, MaxRepetitions, P("downlinkRepetitions"));
        Check.InRange(LearningRate, 1e-9, 1e6, P("learningRate"));
        Check.InRange(B0, 1e-12, 1e6, P("b0"));
        if (!Enum.IsDefined(Fading)) throw new ConfigException(P("fading"), $"got {Fading}; allowed: 'none', 'rayleigh', 'rician'");
        Check.InRange(RicianK, 0, 1e6, P("ricianK"));
        Check.InRange(GainSpreadDb, 0, 60, P("gainSpreadDb"));
        Check.InRange(ThresholdFactor, 1e-6, 100, P("thresholdFactor"));
        Check.NonNegative(AdcMarginSigmas, P("adcMarginSigmas"));
        if (!(DigitalCodeRate > 0 && DigitalCodeRate <= 1))
            throw new ConfigException(P("digitalCodeRate"), $"got {DigitalCodeRate.ToString("R", CultureInfo.InvariantCulture)}; allowed: a number in (0, 1]");
        if (AdaptiveDigital is null) throw new ConfigException(P("adaptiveDigital"), "is missing or null");
        AdaptiveDigital.Validate(P("adaptiveDigital"));
        Check.InRange(EvaluateEvery, 1, 1_000_000, P("evaluateEvery"));
        Check.InRange(ResyncEvery, 0, 1_000_000, P("resyncEvery"));
        CheckEveryWorkerCanTransmit(P("gainSpreadDb"), P("thresholdFactor"));
    }

    /// <summary>The fading law of <see cref="Fading"/> (with <see cref="RicianK"/> for Rician).</summary>
    public IFadingModel CreateFadingModel() => FadingModels.Create(Fading, RicianK);

    /// <summary>Mean gains β_m evenly spaced in dB over [−spread, 0], normalised to mean 1 (our choice, [Proposed]).</summary>
    public static double[] MeanGainsOf(int workers, double gainSpreadDb)
    {
        var b = new double[workers];
        for (int m = 0; m < workers; m++) b[m] = Math.Pow(10, -(workers == 1 ? 0 : gainSpreadDb * m / (workers - 1)) / 10);
        double mean = b.Average();
        for (int m = 0; m < workers; m++) b[m] /= mean;
        return b;
    }

    /// <summary>
    /// Cross-field check of the truncation rule: the weakest worker (mean gain β_min) must exceed the threshold
    /// θ = thresholdFactor·mean(β) with probability p_min such that it is expected to transmit at least once in the run
    /// (p_min·rounds ≥ 1). Otherwise the channel-inversion weights 1/p_m explode and the run fails after computing
    /// (found at gainSpreadDb ≥ 38 with the defaults). The message gives the largest spread that passes.
    /// </summary>
    private void CheckEveryWorkerCanTransmit(string path, string thresholdPath)
    {
        if (Workers < 2) return;
        var model = CreateFadingModel();
        double Pmin(double spread) => model.ExceedanceProbability(ThresholdFactor, MeanGainsOf(Workers, spread)[^1]);
        if (Pmin(GainSpreadDb) * Rounds >= 1) return;
        double lo = 0, hi = GainSpreadDb;
        if (Pmin(lo) * Rounds < 1)
            throw new ConfigException(thresholdPath,
                $"got {ThresholdFactor.ToString("R", CultureInfo.InvariantCulture)}: even with equal gains a worker exceeds θ = thresholdFactor·mean(β) with probability {Pmin(0):G3} per round, less than once in {Rounds} rounds; allowed: a smaller thresholdFactor");
        for (int i = 0; i < 60; i++) { double mid = 0.5 * (lo + hi); if (Pmin(mid) * Rounds >= 1) lo = mid; else hi = mid; }
        throw new ConfigException(path,
            $"got {GainSpreadDb.ToString("R", CultureInfo.InvariantCulture)}: the weakest worker would exceed the truncation threshold with probability {Pmin(GainSpreadDb):G3} per round, less than once in {Rounds} rounds; allowed: gainSpreadDb ≤ {Math.Floor(lo * 10) / 10} dB with thresholdFactor {ThresholdFactor.ToString("R", CultureInfo.InvariantCulture)} and {Rounds} rounds (or a smaller thresholdFactor)");
    }
}

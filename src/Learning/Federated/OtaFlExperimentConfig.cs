namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Settings of one OTA-FL experiment point (spec ota-fl.md §5, all values [Proposed]; the paper's worker count, SNR grid,
/// bit widths and fading model are not available). Validated by <see cref="OtaFlMethods"/>; errors name the field as
/// <c>config.Field</c>.
/// </summary>
public sealed record OtaFlExperimentConfig
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

    /// <summary>Evaluate every N rounds (&gt;= 1).</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>Digital model resync period (0 = never).</summary>
    public int ResyncEvery { get; init; }
}

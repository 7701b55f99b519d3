using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.OtaFl;

/// <summary>
/// Parameters of the <c>ota-fl</c> scenario (docs/ota-fl.md, every value [Proposed]: the paper
/// arXiv:2509.02538 gives no worker count, SNR grid, bit widths, fading model or step rule). JSON names are camelCase.
/// </summary>
public sealed record OtaFlParameters
{
    /// <summary>Data sets of the main SNR sweep: "d1" (logistic, IID) and/or "d2" (10-class Gaussian mixture, softmax, Dirichlet split).</summary>
    public string[] DataSets { get; init; } = ["d1", "d2"];
    /// <summary>Average peak SNR grid of the main sweep, dB (spec −5, 0, 10, 20).</summary>
    public double[] SnrDb { get; init; } = [-5, 0, 10, 20];
    /// <summary>
    /// Methods run on the D2 points of the main sweep, by id (A, B, Bp, C, D, E). Default A, B, C, E (our choice, for
    /// run time: D2 has 210 parameters, ten times D1's channel uses; (B') and (D) are studied on D1). D1 runs all six.
    /// </summary>
    public string[] D2Methods { get; init; } = ["A", "B", "C", "E"];
    /// <summary>SNR of the ADC-bits, repetition, step-size and accumulator studies, dB (our choice 10).</summary>
    public double FixedSnrDb { get; init; } = 10;
    /// <summary>ADC bit widths of the bits study (spec 1, 4, 8); D1 at <see cref="FixedSnrDb"/>, methods (B) and (C).</summary>
    public int[] AdcBits { get; init; } = [1, 4, 8];
    /// <summary>Repetitions k of the symbol-budget study (spec 1, 4, 8, 13, 32); D1 at <see cref="FixedSnrDb"/>, methods (A) and (B).</summary>
    public int[] Repetitions { get; init; } = [1, 4, 8, 13, 32];
    /// <summary>Step numerators eta of the step-size study (spec 0.03, 0.1, 0.3, 1, 3); D1, methods (B) and (D).</summary>
    public double[] LearningRates { get; init; } = [0.03, 0.1, 0.3, 1, 3];
    /// <summary>ADC bits of every other study (spec default 4).</summary>
    public int DefaultAdcBits { get; init; } = 4;
    /// <summary>DAC bits (our choice 8).</summary>
    public int DacBits { get; init; } = 8;
    /// <summary>Uplink and downlink repetitions k of every other study (spec 13, about 20 % of the digital 64 uses).</summary>
    public int DefaultRepetitions { get; init; } = 13;
    /// <summary>eta of every other study (spec 0.3).</summary>
    public double LearningRate { get; init; } = 0.3;
    /// <summary>AdaGrad-Norm b_0 (spec 1e-3).</summary>
    public double B0 { get; init; } = 1e-3;
    /// <summary>Rounds T (spec 1500).</summary>
    public int Rounds { get; init; } = 1500;
    /// <summary>Mini-batch per worker (spec 32).</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Workers M (spec 10).</summary>
    public int Workers { get; init; } = 10;
    /// <summary>D1 samples per worker (spec 500).</summary>
    public int SamplesPerWorker { get; init; } = 500;
    /// <summary>D2 training samples (spec 5000).</summary>
    public int TrainSamples { get; init; } = 5000;
    /// <summary>Test samples (spec 2000).</summary>
    public int TestSamples { get; init; } = 2000;
    /// <summary>Feature dimension (spec 20).</summary>
    public int Dimension { get; init; } = 20;
    /// <summary>D2 classes (spec 10).</summary>
    public int Classes { get; init; } = 10;
    /// <summary>D2 Dirichlet label-skew concentration alpha &gt; 0 (spec 0.5).</summary>
    public double DirichletAlpha { get; init; } = 0.5;
    /// <summary>Client sampling fraction in (0, 1] (spec 1).</summary>
    public double SamplingFraction { get; init; } = 1;
    /// <summary>
    /// Digital model resync period in rounds (0 = never). Default 50 (our choice, not the spec's 0): without it the
    /// workers' copies follow the zero-mean random walk of the analog downlink and the resulting error floor breaks the
    /// parity with (A) (finding of the library's claim tests). The resync is counted in the ledger (32/r uses per coordinate).
    /// </summary>
    public int ResyncEvery { get; init; } = 50;
    /// <summary>Small-scale fading: "none", "rayleigh" (spec default) or "rician".</summary>
    public string Fading { get; init; } = "rayleigh";
    /// <summary>Model: "softmax" (logistic on D1, softmax regression on D2; managed, the default) or "mlp" (one hidden layer, TorchSharp).</summary>
    public string Model { get; init; } = "softmax";
    /// <summary>Hidden units of the "mlp" model, in [1, 4096] (our choice: 32).</summary>
    public int HiddenUnits { get; init; } = 32;
    /// <summary>Rician K (linear) when <see cref="Fading"/> is "rician".</summary>
    public double RicianK { get; init; } = 3;
    /// <summary>Spread of the workers' mean gains in dB (spec: over 10 dB).</summary>
    public double GainSpreadDb { get; init; } = 10;
    /// <summary>Truncation threshold theta / mean(beta) (spec 0.1).</summary>
    public double ThresholdFactor { get; init; } = 0.1;
    /// <summary>Digital code rate r of the baseline (spec 1/2: 64 uses per float).</summary>
    public double DigitalCodeRate { get; init; } = 0.5;
    /// <summary>Evaluations per run along the loss/accuracy curves of the main sweep (plus round 0).</summary>
    public int CurvePoints { get; init; } = 30;
    /// <summary>Rounds of the convergence-rate study (spec claim 7; min_t ||grad F||^2 at T/16, T/8, ..., T).</summary>
    public int RateRounds { get; init; } = 1600;
    /// <summary>Batch sizes of the rate study (spec 8 and 512).</summary>
    public int[] RateBatchSizes { get; init; } = [8, 512];
    /// <summary>Repetitions k of the rate study, one per batch size (spec 13 and 64).</summary>
    public int[] RateRepetitions { get; init; } = [13, 64];
    /// <summary>Batch size of the accumulator study (spec claim 7: 8).</summary>
    public int AccumulatorBatchSize { get; init; } = 8;
    /// <summary>SNRs of the accumulator study (channel-corrected vs plain AdaGrad-Norm, batch 8; spec −5 and 10 dB).</summary>
    public double[] AccumulatorSnrDb { get; init; } = [-5, 10];
    /// <summary>SNR grid of the channel-level bias/variance study, dB.</summary>
    public double[] ChannelSnrDb { get; init; } = [-10, -5, 0, 5, 10, 15, 20];
    /// <summary>ADC bits of the channel-level study (spec claim 1: 1 and 4).</summary>
    public int[] ChannelAdcBits { get; init; } = [1, 4];
    /// <summary>Channel draws per block of the channel-level study.</summary>
    public int ChannelDraws { get; init; } = 20000;

    /// <summary>Validates every field; errors name the JSON path and the allowed range.</summary>
    public void Validate()
    {
        const string p = "parameters";
        if (DataSets == null || DataSets.Length == 0) throw new ConfigException($"{p}.dataSets", "must list at least one of 'd1', 'd2'");
        for (int i = 0; i < DataSets.Length; i++) Check.OneOf(DataSets[i], $"{p}.dataSets[{i}]", "d1", "d2");
        if (D2Methods == null || D2Methods.Length == 0) throw new ConfigException($"{p}.d2Methods", "must list at least one of 'A', 'B', 'Bp', 'C', 'D', 'E'");
        for (int i = 0; i < D2Methods.Length; i++) Check.OneOf(D2Methods[i], $"{p}.d2Methods[{i}]", "A", "B", "Bp", "C", "D", "E");
        Check.AllInRange(SnrDb, -40, 60, $"{p}.snrDb");
        Check.InRange(FixedSnrDb, -40, 60, $"{p}.fixedSnrDb");
        Check.AllInRange(AdcBits, 1, 24, $"{p}.adcBits");
        Check.AllInRange(Repetitions, 1, 4096, $"{p}.repetitions");
        Check.AllInRange(LearningRates, 1e-9, 1e6, $"{p}.learningRates");
        Check.InRange(DefaultAdcBits, 1, 24, $"{p}.defaultAdcBits");
        Check.InRange(DacBits, 1, 24, $"{p}.dacBits");
        Check.InRange(DefaultRepetitions, 1, 4096, $"{p}.defaultRepetitions");
        Check.InRange(LearningRate, 1e-9, 1e6, $"{p}.learningRate");
        Check.InRange(B0, 1e-12, 1e6, $"{p}.b0");
        Check.InRange(Rounds, 1, 1_000_000, $"{p}.rounds");
        Check.InRange(BatchSize, 1, 100_000, $"{p}.batchSize");
        Check.InRange(Workers, 1, 10_000, $"{p}.workers");
        Check.InRange(SamplesPerWorker, 1, 10_000_000, $"{p}.samplesPerWorker");
        Check.InRange(TrainSamples, Workers, 100_000_000, $"{p}.trainSamples");
        Check.InRange(TestSamples, 1, 10_000_000, $"{p}.testSamples");
        Check.InRange(Dimension, 1, 100_000, $"{p}.dimension");
        Check.InRange(Classes, 2, 1000, $"{p}.classes");
        Check.Positive(DirichletAlpha, $"{p}.dirichletAlpha");
        if (!(SamplingFraction > 0 && SamplingFraction <= 1))
            throw new ConfigException($"{p}.samplingFraction", $"got {SamplingFraction.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; allowed: a number in (0, 1]");
        Check.InRange(ResyncEvery, 0, 1_000_000, $"{p}.resyncEvery");
        Check.OneOf(Fading, $"{p}.fading", "none", "rayleigh", "rician");
        Check.OneOf(Model, $"{p}.model", "softmax", "mlp");
        Check.InRange(HiddenUnits, 1, 4096, $"{p}.hiddenUnits");
        Check.InRange(RicianK, 0, 1e6, $"{p}.ricianK");
        Check.InRange(GainSpreadDb, 0, 60, $"{p}.gainSpreadDb");
        Check.InRange(ThresholdFactor, 1e-6, 100, $"{p}.thresholdFactor");
        if (!(DigitalCodeRate > 0 && DigitalCodeRate <= 1))
            throw new ConfigException($"{p}.digitalCodeRate", $"got {DigitalCodeRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; allowed: a number in (0, 1]");
        Check.InRange(CurvePoints, 1, Rounds, $"{p}.curvePoints");
        Check.InRange(RateRounds, 16, 1_000_000, $"{p}.rateRounds");
        Check.AllInRange(RateBatchSizes, 1, 100_000, $"{p}.rateBatchSizes");
        Check.AllInRange(RateRepetitions, 1, 4096, $"{p}.rateRepetitions");
        if (RateRepetitions.Length != RateBatchSizes.Length)
            throw new ConfigException($"{p}.rateRepetitions", $"has {RateRepetitions.Length} entries; allowed: one per rateBatchSizes entry ({RateBatchSizes.Length})");
        Check.InRange(AccumulatorBatchSize, 1, 100_000, $"{p}.accumulatorBatchSize");
        Check.AllInRange(AccumulatorSnrDb, -40, 60, $"{p}.accumulatorSnrDb");
        Check.AllInRange(ChannelSnrDb, -40, 60, $"{p}.channelSnrDb");
        Check.AllInRange(ChannelAdcBits, 1, 24, $"{p}.channelAdcBits");
        Check.InRange(ChannelDraws, 2, 100_000_000, $"{p}.channelDraws");
    }
}

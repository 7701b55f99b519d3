using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Scenarios.OtaFl;

/// <summary>
/// <c>ota-fl</c>: adaptive federated SGD over physical channels (arXiv:2509.02538; the design is mostly [Proposed]
/// because only the paper's abstract was reachable). Methods (A)-(E) over the SNR grid, ADC bits, repetitions k and step
/// sizes; the channel-level bias and variance of the received gradient against the closed forms; the claims checked from
/// the results with confidence intervals over seeds.
/// </summary>
public sealed class OtaFlScenario : Scenario<OtaFlParameters>
{
    /// <inheritdoc/>
    public override string Name => "ota-fl";

    /// <inheritdoc/>
    public override string Summary => "Over-the-air federated learning: unbiased OTA coding + adaptive AdaGrad-Norm vs digital, naive analog, fixed step; claims of arXiv 2509.02538";

    /// <inheritdoc/>
    public override string? DocsPage => "docs/ota-fl.md";

    /// <inheritdoc/>
    protected override ulong DefaultSeed => 1;

    /// <summary>One trial (one seed: data, partition, batches, fading) per block.</summary>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    /// <remarks>A fixed number of seeds per point (run.maxBlocks); minBlocks stays 1 so that maxBlocks alone can be overridden.</remarks>
    protected override RunSettings DefaultRun(bool quick) => new() { TrialsPerBlock = 1, Stop = "fixed", MaxBlocks = quick ? 3 : 10, MinBlocks = 1 };

    /// <inheritdoc/>
    protected override OtaFlParameters DefaultParameters(bool quick) => quick
        ? new OtaFlParameters
        {
            // reduced scale: fewer rounds and samples, a coarser grid (tests and CI, about a minute on 2 cores)
            Experiment = new OtaFlExperimentConfig { ResyncEvery = 50, Rounds = 300, SamplesPerWorker = 200, TrainSamples = 2000, TestSamples = 1000 },
            SnrDb = [0, 10],
            AdcBits = [1, 4],
            Repetitions = [1, 4, 13],
            LearningRates = [0.03, 0.3, 3],
            CurvePoints = 15,
            RateRounds = 320,
            ChannelSnrDb = [-10, 0, 10, 20],
            ChannelDraws = 4000,
        }
        : new OtaFlParameters();

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(OtaFlParameters parameters, ScenarioConfig config) => new OtaFlRun(parameters, config);
}

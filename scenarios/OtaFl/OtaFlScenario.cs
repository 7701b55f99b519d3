using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Scenarios.OtaFl;

/// <summary>
/// <c>ota-fl</c>: adaptive federated SGD over physical channels (arXiv:2509.02538; implementable specification
/// docs/ota-fl.md, whose design is mostly [Proposed] because only the paper's abstract was reachable).
/// Methods (A)-(E) of spec §5 over the SNR grid, ADC bits, repetitions k and step sizes; the channel-level bias and
/// variance of the received gradient against the closed forms; claims 1-7 of spec §5 checked from the results.
/// </summary>
public sealed class OtaFlScenario : IScenario
{
    /// <inheritdoc/>
    public string Name => "ota-fl";

    /// <inheritdoc/>
    public string Summary => "Over-the-air federated learning: unbiased OTA coding + adaptive AdaGrad-Norm vs digital, naive analog, fixed step; claims of arXiv 2509.02538";

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = 1,
        // One trial (one seed: data, partition, batches, fading) per block; run.maxBlocks seeds per point.
        Run = new RunSettings { TrialsPerBlock = 1, Stop = "fixed", MaxBlocks = quick ? 3 : 10, MinBlocks = 1 },
        Parameters = ConfigBinder.ToJsonObject(quick
            ? new OtaFlParameters
            {
                // reduced scale: fewer rounds and samples, a coarser grid (tests and CI, about a minute on 2 cores)
                SnrDb = [0, 10],
                AdcBits = [1, 4],
                Repetitions = [1, 4, 13],
                LearningRates = [0.03, 0.3, 3],
                Rounds = 300,
                SamplesPerWorker = 200,
                TrainSamples = 2000,
                TestSamples = 1000,
                CurvePoints = 15,
                RateRounds = 320,
                ChannelSnrDb = [-10, 0, 10, 20],
                ChannelDraws = 4000,
            }
            : new OtaFlParameters()),
    };

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = ConfigBinder.Bind<OtaFlParameters>(config.Parameters, "parameters");
        p.Validate();
        if (config.Run.TrialsPerBlock != 1) throw new ConfigException("run.trialsPerBlock", $"got {config.Run.TrialsPerBlock}; ota-fl runs one trial (seed) per block: allowed: 1");
        if (config.Run.Stop != "fixed") throw new ConfigException("run.stop", $"got '{config.Run.Stop}'; ota-fl runs a fixed number of seeds: allowed: 'fixed'");
        return new OtaFlRun(p, config);
    }
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Ber;

/// <summary>
/// Demo scenario that proves the engine: simulated BER of BPSK and Gray QPSK over AWGN and flat Rayleigh fading versus
/// Eb/N0, stopped per point by a target number of bit errors, overlaid with the closed forms
/// ½·erfc(√(Eb/N0)) and ½(1 − √(γ/(1+γ))).
/// </summary>
public sealed class BerAwgnRayleighScenario : Scenario<BerParameters>
{
    /// <inheritdoc/>
    public override string Name => "ber-awgn-rayleigh";

    /// <inheritdoc/>
    public override string Summary => "BER of BPSK/QPSK over AWGN and flat Rayleigh fading vs Eb/N0, simulated against the closed forms";

    /// <inheritdoc/>
    public override string DocsPage => "docs/ber-awgn-rayleigh.md";

    /// <inheritdoc/>
    protected override BerParameters DefaultParameters(bool quick) => quick ? new BerParameters { EbN0Db = [0, 4, 8, 12, 16, 20] } : new BerParameters();

    /// <summary>Blocks of frames per point until the target number of bit errors (the "events" rule on "ber").</summary>
    protected override RunSettings DefaultRun(bool quick) => quick
        ? new RunSettings { TrialsPerBlock = 20, Stop = "events", Metric = "ber", Target = 100, MinBlocks = 1, MaxBlocks = 100 }
        : new RunSettings { TrialsPerBlock = 100, Stop = "events", Metric = "ber", Target = 400, MinBlocks = 1, MaxBlocks = 100 };

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StoppingMetrics => ["ber"];

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(BerParameters parameters, ScenarioConfig config) => new BerRun(parameters, config);
}

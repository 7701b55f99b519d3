using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.RepresentationalDrift;

/// <summary>
/// <c>representational-drift</c>: drift of learned representations driven by task-irrelevant input variance (Pashakhanloo,
/// arXiv 2510.21588) in online Oja, similarity matching, tied-autoencoder and supervised SGD learners, against synaptic
/// noise, with the claims of docs/representational-drift.md.
/// </summary>
public sealed class DriftScenario : Scenario<DriftParameters>
{
    /// <inheritdoc/>
    public override string Name => "representational-drift";

    /// <inheritdoc/>
    public override string Summary => "Representational drift from task-irrelevant inputs: MSD vs lag, diffusion constant vs λ⊥ and n − m, similarity stability (Oja, SM, autoencoder, supervised SGD)";

    /// <inheritdoc/>
    public override string DocsPage => "docs/representational-drift.md";

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    protected override DriftParameters DefaultParameters(bool quick) => quick
        ? new DriftParameters
        {
            IrrelevantVariances = [0, 0.1, 0.3], IrrelevantDimensions = [2, 10, 40], EtaSweep = [2.5e-3, 1e-2],
            BurnIn = 10_000, Measurement = 40_000,
        }
        : new DriftParameters();

    /// <summary>One seed per block; 8 seeds at report scale (spec grid), 3 under <c>--quick</c>.</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 8);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(DriftParameters parameters, ScenarioConfig config) => new DriftRun(parameters, config);
}

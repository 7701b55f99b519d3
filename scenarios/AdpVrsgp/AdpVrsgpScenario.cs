using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.AdpVrsgp;

/// <summary>
/// <c>adp-vrsgp</c>: decentralised learning with adaptive, node-level differential privacy by variance-reduced stochastic
/// gradient push (Wu et al., arXiv:2510.20157) against non-private SGP, DP-SGP, a PrivSGP-VR-like fixed-noise method and
/// the no-fusion ablation, on a generated softmax-regression task; claims of docs/adp-vrsgp.md.
/// </summary>
public sealed class AdpVrsgpScenario : Scenario<AdpVrsgpParameters>
{
    /// <inheritdoc/>
    public override string Name => "adp-vrsgp";

    /// <inheritdoc/>
    public override string Summary => "ADP-VRSGP vs SGP, DP-SGP, PrivSGP-VR-like and no-fusion over directed push-sum graphs: accuracy at equal per-node (ε, δ), budgets, topology";

    /// <inheritdoc/>
    public override string DocsPage => "docs/adp-vrsgp.md";

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    protected override AdpVrsgpParameters DefaultParameters(bool quick) => quick
        ? new AdpVrsgpParameters { Nodes = 8, SamplesPerNode = 125, Iterations = 400, StageLength = 80, EvaluateEvery = 20, TestSamples = 1000, BudgetSweep = [2, 8] }
        : new AdpVrsgpParameters();

    /// <summary>One seed (data, partition, batches, noise) per block; 5 seeds (3 in quick mode).</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 5);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(AdpVrsgpParameters parameters, ScenarioConfig config) => new AdpVrsgpRun(parameters, config);
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Optimization.Hierarchical;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The noise-adaptive minimax and bilevel methods (docs/optim-hierarchical.md, reconstructions [proposal] of arXiv:2509.15399)
/// versus the oracle noise level on the exact problems M1 (<see cref="CoupledQuadraticMinimax"/>) and B1
/// (<see cref="QuadraticBilevel"/>): claims 1 (slopes), 2 (knee T ∝ σ⁻²), 3 (one hyperparameter set vs 5×5-tuned NSGD-M),
/// 4, 5 (√σ scaling), 6 (inner tracking ratio) of §4.2; and Ada vs NSGD-M (vs TiAda on M2) on the data-driven problems M2
/// (<see cref="DistributionallyRobustClassification"/>), B2 (<see cref="RegularizationSelection"/>) and B3 (<see cref="DataCleaning"/>).
/// Points = (problem, method, σ or minibatch size), plus one tuning point per (problem, σ); trials = seeds (start point and
/// oracle noise; starts are shared by all points of a seed).
/// </summary>
public sealed class HierarchicalScenario : Scenario<HierarchicalParameters>
{
    /// <inheritdoc/>
    public override string Name => "optim-hierarchical";

    /// <inheritdoc/>
    public override string Summary => "Ada-Minimax / Ada-BiO vs NSGD-M, TiAda and two-time-scale SGDA: rates, knees, tuning and inner tracking vs oracle noise (M1, B1); DRO, regularisation selection, data cleaning (M2, B2, B3)";

    /// <inheritdoc/>
    public override string? DocsPage => "docs/optim-hierarchical.md";

    /// <inheritdoc/>
    protected override HierarchicalParameters DefaultParameters(bool quick) => quick
        ? new HierarchicalParameters { Iterations = 10000, TuningIterations = 1000, TuningSeeds = 1, TuningNoiseLevels = [0, 0.1, 1], ApplicationIterations = 300 }
        : new HierarchicalParameters { Iterations = 30000 };

    /// <inheritdoc/>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 8);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(HierarchicalParameters parameters, ScenarioConfig config) => new HierarchicalRun(parameters, config);
}

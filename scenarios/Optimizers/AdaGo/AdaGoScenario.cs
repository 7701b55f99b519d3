using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// AdaGO vs Muon vs Adam (docs/optim-adago.md; AdaGO arXiv:2509.02981) on generated data: deterministic matrix least
/// squares (claims A1–A3), stochastic function regression with a learning-rate sensitivity sweep (B1, B2), and a small CNN on
/// generated 8×8 pattern images (C1). Points = (experiment, optimiser, learning rate); trials = seeds.
/// </summary>
public sealed class AdaGoScenario : Scenario<AdaGoParameters>
{
    /// <inheritdoc/>
    public override string Name => "optim-adago";

    /// <inheritdoc/>
    public override string Summary => "AdaGO vs Muon vs Adam: least squares, function regression with a learning-rate sweep, small CNN classification, AdaGO's step vs Muon's update size";

    /// <inheritdoc/>
    public override string? DocsPage => "docs/optim-adago.md";

    /// <inheritdoc/>
    protected override AdaGoParameters DefaultParameters(bool quick) => quick
        ? new AdaGoParameters { LeastSquaresSteps = 2000, RegressionSteps = 800, ClassificationTrain = 2000, ClassificationEpochs = 2 }
        : new AdaGoParameters();

    /// <inheritdoc/>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(3);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(AdaGoParameters parameters, ScenarioConfig config) => new AdaGoRun(parameters, config);
}

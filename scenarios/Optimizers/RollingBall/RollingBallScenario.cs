using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// Rolling Ball Optimizer (arXiv:2505.19527, docs/optim-rolling-ball.md) on wrinkled landscapes: the 1-D Weierstrass-like
/// f(θ) = Σ_{k=1}^{10} sin(k²θ)/k² (claims W1, W2: end-point diversity vs radius) and a 2-D multi-well landscape (G1).
/// Points = (landscape, method, start); the runs are deterministic (one trial each).
/// </summary>
public sealed class RollingBallScenario : Scenario<RollingBallParameters>
{
    /// <inheritdoc/>
    public override string Name => "optim-rolling-ball";

    /// <inheritdoc/>
    public override string Summary => "Rolling Ball optimiser vs GD on wrinkled 1-D and 2-D landscapes: end point vs GD, end-point diversity vs ball radius, well merging, cost per step";

    /// <inheritdoc/>
    public override string? DocsPage => "docs/optim-rolling-ball.md";

    /// <inheritdoc/>
    protected override RollingBallParameters DefaultParameters(bool quick) => new();

    /// <inheritdoc/>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(1);

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(RollingBallParameters parameters, ScenarioConfig config) => new RollingBallRun(parameters, config);
}

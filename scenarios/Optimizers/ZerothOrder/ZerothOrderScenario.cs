using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// Zeroth-order estimators (docs/optim-zeroth-order.md; DAP of arXiv:2510.19975): normalised second moments, error along
/// the gradient and cosine similarity vs dimension for Gaussian, sphere, Rademacher and oracle-DAP directions (claims Z1–Z3);
/// ZO-SGD on an ill-conditioned quadratic, a product-type function and logistic regression (Z4, Z5); iterations vs d for the sphere (Z6).
/// Points = (experiment, dimension or problem, sampler, learning rate); trials = seeds.
/// </summary>
public sealed class ZerothOrderScenario : Scenario<ZerothOrderParameters>
{
    /// <inheritdoc/>
    public override string Name => "optim-zeroth-order";

    /// <inheritdoc/>
    public override string Summary => "Zeroth-order estimators: second moments and cosine vs dimension, ZO-SGD convergence (Gaussian, sphere, Rademacher, DAP)";

    /// <inheritdoc/>
    public override string? DocsPage => "docs/optim-zeroth-order.md";

    /// <inheritdoc/>
    protected override ZerothOrderParameters DefaultParameters(bool quick) => new() { DrawsPerTrial = quick ? 2000 : 10000 };

    /// <inheritdoc/>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 5 : 10);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(ZerothOrderParameters parameters, ScenarioConfig config) => new ZerothOrderRun(parameters, config);
}

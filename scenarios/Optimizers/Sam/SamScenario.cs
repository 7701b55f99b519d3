using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// Sharpness-aware and flatness-seeking optimisers (SAM, arXiv:2010.01412 as used by SAMOSA, docs/optim-sam.md; Rolling Ball,
/// docs/optim-rolling-ball.md): the SAM update on a quadratic (applied gradient A(w + ρAw/‖Aw‖), ρ = 0 equals the base
/// optimiser) and SGD vs SAM vs RBO on a small MLP with 20 % noisy training labels at an equal gradient-evaluation budget.
/// Points = (experiment, optimiser); trials = seeds.
/// </summary>
public sealed class SamScenario : Scenario<SamParameters>
{
    /// <inheritdoc/>
    public override string Name => "optim-sam";

    /// <inheritdoc/>
    public override string Summary => "SAM on a quadratic (update check) and SGD vs SAM vs Rolling Ball on a small net with noisy labels";

    /// <inheritdoc/>
    public override string? DocsPage => "docs/optim-sam.md";

    /// <inheritdoc/>
    protected override SamParameters DefaultParameters(bool quick) => new() { GradientEvaluations = quick ? 2000 : 6000 };

    /// <inheritdoc/>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(3);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(SamParameters parameters, ScenarioConfig config) => new SamRun(parameters, config);
}

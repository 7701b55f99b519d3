using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Morephy;

/// <summary>
/// <c>morephy</c>: the exactly checkable building blocks of Morephy-Net (Lu, Mou, Lin, arXiv 2509.00663) — the
/// pseudo-spectral Burgers solver against Cole–Hopf, replica-exchange SGLD on double wells (exact and noisy energies),
/// and NSGA-II on ZDT1/ZDT2. Claims 1–3 of docs/morephy.md plus the solver claim; the operator-learning claims 4–8
/// (PI-DeepONet) are listed as not evaluated.
/// </summary>
public sealed class MorephyScenario : Scenario<MorephyParameters>
{
    /// <inheritdoc/>
    public override string Name => "operator-learning";

    /// <inheritdoc/>
    public override string Summary => "Morephy-Net building blocks: Burgers solver vs Cole–Hopf, replica-exchange SGLD on double wells, NSGA-II on ZDT1/ZDT2";

    /// <inheritdoc/>
    public override string DocsPage => "docs/morephy.md";

    /// <inheritdoc/>
    protected override MorephyParameters DefaultParameters(bool quick) => quick
        ? new MorephyParameters { GridPoints = [256, 512], NoisyWellSteps = 50000 }
        : new MorephyParameters();

    /// <summary>One seed per block (a random input, a sampler seed, an NSGA-II seed); quick 3 blocks, full 10.</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 10, trialsPerBlock: 1);

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(MorephyParameters parameters, ScenarioConfig config) => new MorephyRun(parameters, config);
}

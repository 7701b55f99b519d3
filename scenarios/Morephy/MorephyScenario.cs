using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Morephy;

/// <summary>
/// <c>operator-learning</c>: Morephy-Net (Lu, Mou, Lin, arXiv 2509.00663) — the exactly checkable building blocks (the
/// pseudo-spectral Burgers solver against Cole–Hopf, replica-exchange SGLD on double wells, NSGA-II on ZDT1/ZDT2; claims S,
/// 1–3 of docs/morephy.md) and the operator-learning experiments (the evolutionary training loop against data-only
/// DeepONet and fixed-weight PI-DON across noise levels, predictive intervals, inverse ν; claims 4–7).
/// </summary>
public sealed class MorephyScenario : Scenario<MorephyParameters>
{
    /// <inheritdoc/>
    public override string Name => "operator-learning";

    /// <inheritdoc/>
    public override string Summary => "Morephy-Net: Burgers solver vs Cole–Hopf, reSGLD double wells, NSGA-II on ZDT, PI-DeepONet by NSGA-II + reSGLD vs DeepONet/PI-DON, UQ, inverse ν";

    /// <inheritdoc/>
    public override string DocsPage => "docs/morephy.md";

    /// <inheritdoc/>
    protected override MorephyParameters DefaultParameters(bool quick) => quick
        ? new MorephyParameters
        {
            GridPoints = [256, 512], NoisyWellSteps = 50000,
            OperatorSeeds = 2, NoiseLevels = [0.05, 0.10], TrainFunctions = 8, TestFunctions = 2, Observations = 16, CollocationPoints = 16,
            MorephyGenerations = 2, LocalSteps = 4, PosteriorSteps = 10, PosteriorThinning = 1,
        }
        : new MorephyParameters();

    /// <summary>One seed per block (a random input, a sampler seed, an NSGA-II seed); quick 3 blocks, full 10 (the operator studies use the first <see cref="MorephyParameters.OperatorSeeds"/>).</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 10, trialsPerBlock: 1);

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(MorephyParameters parameters, ScenarioConfig config) => new MorephyRun(parameters, config);
}

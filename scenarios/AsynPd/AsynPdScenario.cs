using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.AsynPd;

/// <summary>
/// <c>asyn-pd</c>: asynchronous stochastic primal-dual distributed resource allocation (Li, Yemini, Wai, arXiv 2509.01172)
/// on the virtual-clock asynchrony simulator: test bed T1 (quadratic, exact LCP reference) and T2 (power allocation over
/// Rayleigh fading, bisection reference) under timing models H0/H1/H2, with the claims of docs/asyn-pd.md.
/// </summary>
public sealed class AsynPdScenario : Scenario<AsynPdParameters>
{
    /// <inheritdoc/>
    public override string Name => "asyn-pd";

    /// <inheritdoc/>
    public override string Summary => "Asyn-PD vs Sync-PD resource allocation on a virtual clock: O(1/t) rate, budget adherence, wall-clock gain, T1 quadratic and T2 power allocation";

    /// <inheritdoc/>
    public override string DocsPage => "docs/asyn-pd.md";

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    protected override AsynPdParameters DefaultParameters(bool quick) => quick ? new AsynPdParameters { Iterations = 20_000 } : new AsynPdParameters();

    /// <summary>One Monte Carlo run (one seed) per block; docs/asyn-pd.md: R = 100 runs.</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 4 : 100);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(AsynPdParameters parameters, ScenarioConfig config) => new AsynPdRun(parameters, config);
}

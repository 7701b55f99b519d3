using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Engd;

/// <summary>
/// <c>engd</c>: energy natural gradient for PINNs in kernel (Woodbury) form, SPRING momentum and randomized Nyström solves
/// (Guzmán-Cordero, Dangel, Goldshlager &amp; Zeinhofer, arXiv 2505.12149) against dense ENGD and Adam on P1–P4 with closed-form
/// solutions; the cost crossover over P/N and the Kaczmarz check. Claims of docs/engd.md.
/// </summary>
public sealed class EngdScenario : Scenario<EngdParameters>
{
    /// <inheritdoc/>
    public override string Name => "pinn-engd";

    /// <inheritdoc/>
    public override string Summary => "ENGD-W (Woodbury), SPRING and Nyström vs dense ENGD and Adam on PINNs P1–P4: L² error vs steps and time, cost to a target";

    /// <inheritdoc/>
    public override string DocsPage => "docs/engd.md";

    /// <inheritdoc/>
    protected override EngdParameters DefaultParameters(bool quick) => quick
        ? new EngdParameters
        {
            Problems = ["P1", "P2"], Width = 48, Steps = 60, AdamSteps = 1500, TestPoints = 400, CrossoverRatios = [0.5, 4],
            CrossoverResiduals = 60, KaczmarzMaxSweeps = 2000,
        }
        : new EngdParameters();

    /// <summary>One seed per block; quick: 3 seeds, full: 5 seeds (paired intervals over seeds).</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 5, trialsPerBlock: 1);

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(EngdParameters parameters, ScenarioConfig config) => new EngdRun(parameters, config);
}

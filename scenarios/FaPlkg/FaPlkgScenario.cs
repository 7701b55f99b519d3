using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Optimization.KeyGeneration;

namespace PhyToolkit.Scenarios.FaPlkg;

/// <summary>
/// <c>fa-plkg</c>: fluid-antenna-enabled physical-layer key generation (arXiv 2509.00018; docs/fa-plkg.md). Reproduces the
/// paper's figures F1–F5 and table T1 — KGR vs SNR, vs M, vs region size, vs number of paths, convergence of joint PSO /
/// two-loop AO / block AO, the % gain table — plus the optimised layout next to the UPA.
/// </summary>
public sealed class FaPlkgScenario : Scenario<FaPlkgParameters>
{
    /// <inheritdoc/>
    public override string Name => "fa-plkg";

    /// <inheritdoc/>
    public override string Summary => "Fluid-antenna key generation: KGR of FA (AO, joint PSO) vs UPA/ULA/random/RIS baselines; the paper's figures F1-F5, T1";

    /// <inheritdoc/>
    public override string DocsPage => "docs/fa-plkg.md";

    /// <summary>One trial (one random channel geometry) per block; every point runs run.maxBlocks trials.</summary>
    protected override RunSettings DefaultRun(bool quick) =>
        new() { TrialsPerBlock = 1, Stop = "fixed", MaxBlocks = quick ? 8 : 100, MinBlocks = 1 };

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <inheritdoc/>
    protected override FaPlkgParameters DefaultParameters(bool quick) => quick
        ? new FaPlkgParameters
        {
            // Reduced scale: AO 20×25 with the oracle inner solver, joint PSO 30×40, one convergence geometry.
            Ao = new AoSettings { SwarmSize = 20, Iterations = 25, Inner = "oracle" },
            JointPso = new SwarmSettings { SwarmSize = 30, Iterations = 40 },
            ConvergenceGeometries = 1,
            Ris = new RisSettings { PhaseStarts = 2 },
            RandomLayouts = 100,
            GradientAscentIterations = 50,
            BlockAlternationRounds = 5,
            Eve = new EavesdropperSettings { Geometries = 2, Population = 40, Generations = 40 },
        }
        : new FaPlkgParameters();

    /// <inheritdoc/>
    protected override void ValidateAgainstRun(FaPlkgParameters parameters, RunSettings run)
    {
        Check.InRange(parameters.ConvergenceGeometries, 0, run.MaxBlocks, "parameters.convergenceGeometries");
        Check.InRange(parameters.Eve.Geometries, 0, run.MaxBlocks, "parameters.eve.geometries");
    }

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(FaPlkgParameters parameters, ScenarioConfig config) => new FaPlkgRun(parameters, config);
}

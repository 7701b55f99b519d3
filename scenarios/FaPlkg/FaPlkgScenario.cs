using System.Globalization;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Scenarios.FaPlkg;

/// <summary>
/// <c>fa-plkg</c>: fluid-antenna-enabled physical-layer key generation (arXiv 2509.00018; implementable specification
/// docs/fa-plkg.md). Reproduces F1–F5 and T1 of spec §6.1 — KGR vs SNR, vs M, vs region size, vs number of
/// paths, convergence of joint PSO / two-loop AO / block AO, the % gain table — plus the optimised layout next to the UPA.
/// </summary>
public sealed class FaPlkgScenario : IScenario
{
    /// <inheritdoc/>
    public string Name => "fa-plkg";

    /// <inheritdoc/>
    public string Summary => "Fluid-antenna key generation: KGR of FA (AO, joint PSO) vs UPA/ULA/random/RIS baselines; the paper's figures F1-F5, T1";

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = 1,
        // One trial (one random channel geometry) per block; every point runs run.maxBlocks trials.
        Run = new RunSettings { TrialsPerBlock = 1, Stop = "fixed", MaxBlocks = quick ? 8 : 100, MinBlocks = 1 },
        Parameters = ConfigBinder.ToJsonObject(quick
            ? new FaPlkgParameters
            {
                // Spec §6.1 reduced scale: AO 20×25 with the oracle inner solver, joint PSO 30×40, one convergence geometry.
                Ao = new AoSettings { SwarmSize = 20, Iterations = 25, Inner = "oracle" },
                JointPso = new SwarmSettings { SwarmSize = 30, Iterations = 40 },
                ConvergenceGeometries = 1,
                Ris = new Optimization.KeyGeneration.RisSettings { PhaseStarts = 2 },
                RandomLayouts = 100,
                GradientAscentIterations = 50,
                BlockAlternationRounds = 5,
            }
            : new FaPlkgParameters()),
    };

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = ConfigBinder.Bind<FaPlkgParameters>(config.Parameters, "parameters");
        p.Validate(config.Run.MaxBlocks);
        if (config.Run.TrialsPerBlock != 1) throw new ConfigException("run.trialsPerBlock", $"got {config.Run.TrialsPerBlock}; fa-plkg runs one trial (geometry) per block: allowed: 1");
        if (config.Run.Stop != "fixed") throw new ConfigException("run.stop", $"got '{config.Run.Stop}'; fa-plkg runs a fixed number of trials: allowed: 'fixed'");
        return new FaPlkgRun(p, config);
    }

    /// <summary>Formats a number for labels and metric names.</summary>
    internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

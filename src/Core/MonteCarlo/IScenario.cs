using System.Text.Json.Nodes;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// A runnable scenario (<c>phytk run NAME</c>): it owns a JSON "parameters" section, turns a validated configuration
/// into a <see cref="IScenarioRun"/>, and draws its report from results alone.
/// </summary>
public interface IScenario
{
    /// <summary>Command-line name, e.g. "ber-awgn-rayleigh".</summary>
    string Name { get; }

    /// <summary>One line for <c>phytk list</c>.</summary>
    string Summary { get; }

    /// <summary>The users' page of the scenario's paper inside the repository (e.g. "docs/fa-plkg.md"), or null.</summary>
    string? DocsPage => null;

    /// <summary>The full default configuration: report scale, or the reduced <c>--quick</c> scale used by tests and CI.</summary>
    ScenarioConfig DefaultConfig(bool quick);

    /// <summary>
    /// Validates <paramref name="config"/> (throw <see cref="PhyToolkit.Core.Configuration.ConfigException"/> naming the JSON path)
    /// and prepares the run.
    /// </summary>
    IScenarioRun Create(ScenarioConfig config);
}

/// <summary>A prepared scenario: its sweep plan, the per-block work, and its report.</summary>
public interface IScenarioRun
{
    /// <summary>Points, block size and stopping rule.</summary>
    SweepPlan Plan { get; }

    /// <summary>Creates one worker's scratch space (allocated once per worker, reused for every block); may return null.</summary>
    object? CreateWorkspace();

    /// <summary>
    /// Runs one block (<see cref="BlockContext.Trials"/> trials) and records its metrics into <paramref name="sink"/>.
    /// Called concurrently for different blocks; must depend only on <paramref name="context"/> (its seed) and the config.
    /// </summary>
    void RunBlock(in BlockContext context, object? workspace, MetricSink sink);

    /// <summary>Adds this scenario's figures, tables and text to the report, from the results alone.</summary>
    void BuildReport(RunResults results, ReportBuilder report);
}

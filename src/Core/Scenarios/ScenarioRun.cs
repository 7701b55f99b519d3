using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Scenarios;

/// <summary>
/// The base of a prepared scenario run: validated parameters (<see cref="P"/>), the configuration, and the sweep plan built
/// once from <see cref="DefineSweep"/> and the run settings. Subclasses supply the sweep, the per-block work and the report.
/// </summary>
/// <typeparam name="TParameters">The scenario's parameters record.</typeparam>
public abstract class ScenarioRun<TParameters> : IScenarioRun where TParameters : class
{
    private readonly Lazy<SweepPlan> _plan;

    /// <summary>Creates the run.</summary>
    protected ScenarioRun(TParameters parameters, ScenarioConfig config)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(config);
        P = parameters;
        Config = config;
        _plan = new Lazy<SweepPlan>(() =>
        {
            var sweep = new SweepBuilder();
            DefineSweep(sweep);
            if (sweep.Count == 0) throw new InvalidOperationException($"the sweep of '{config.Scenario}' has no points");
            return sweep.Build(config.Run);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The validated parameters.</summary>
    protected TParameters P { get; }

    /// <summary>The validated parameters.</summary>
    public TParameters Parameters => P;

    /// <summary>The resolved configuration (seed, engine settings, parameters as JSON).</summary>
    public ScenarioConfig Config { get; }

    /// <summary>The master seed.</summary>
    public ulong MasterSeed => Config.Seed;

    /// <inheritdoc/>
    public SweepPlan Plan => _plan.Value;

    /// <summary>Adds the sweep points, in order (must depend on the parameters only).</summary>
    protected abstract void DefineSweep(SweepBuilder sweep);

    /// <inheritdoc/>
    public virtual object? CreateWorkspace() => null;

    /// <inheritdoc/>
    public abstract void RunBlock(in BlockContext context, object? workspace, MetricSink sink);

    /// <inheritdoc/>
    public abstract void BuildReport(RunResults results, ReportBuilder report);
}

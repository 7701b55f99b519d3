using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Scenarios;

/// <summary>
/// The base of every scenario: it binds the scenario file's "parameters" section to one parameters record, validates it
/// once (the record's own <see cref="IValidatable.Validate"/> with the JSON path "parameters", then the engine settings this
/// scenario accepts, then cross-field constraints), holds the report-scale and <c>--quick</c> defaults, and creates the run.
/// A scenario therefore holds only its science: parameters, run, report and this registration.
/// </summary>
/// <typeparam name="TParameters">The parameters record (bound strictly: unknown fields and wrong types are errors).</typeparam>
public abstract class Scenario<TParameters> : IScenario where TParameters : class, IValidatable
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string Summary { get; }

    /// <inheritdoc/>
    public virtual string? DocsPage => null;

    /// <summary>The default master seed of the scenario file.</summary>
    protected virtual ulong DefaultSeed => 1;

    /// <summary>The default parameters: the report scale, or the reduced <c>--quick</c> scale used by tests and CI.</summary>
    protected abstract TParameters DefaultParameters(bool quick);

    /// <summary>The default engine settings at each scale (e.g. <see cref="RunSettings.Fixed"/> with one seed per block).</summary>
    protected abstract RunSettings DefaultRun(bool quick);

    /// <summary>
    /// The scalar metrics a "precision" or "events" stopping rule may watch (<c>run.metric</c>); empty (the default) means the
    /// scenario runs a fixed number of blocks only.
    /// </summary>
    protected virtual IReadOnlyList<string> StoppingMetrics => [];

    /// <summary>The only accepted <c>run.trialsPerBlock</c>, or null when any value is accepted.</summary>
    protected virtual int? RequiredTrialsPerBlock => null;

    /// <summary>Cross-field constraints between the parameters and the engine settings (throw <see cref="ConfigException"/>).</summary>
    protected virtual void ValidateAgainstRun(TParameters parameters, RunSettings run) { }

    /// <summary>Creates the run from validated parameters.</summary>
    protected abstract IScenarioRun CreateRun(TParameters parameters, ScenarioConfig config);

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = DefaultSeed,
        Run = DefaultRun(quick),
        Parameters = ConfigBinder.ToJsonObject(DefaultParameters(quick)),
    };

    /// <summary>Binds and validates the parameters of <paramref name="config"/> (the path of every error starts with "parameters").</summary>
    public TParameters BindParameters(ScenarioConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var p = ConfigBinder.Bind<TParameters>(config.Parameters, "parameters");
        p.Validate("parameters");
        return p;
    }

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = BindParameters(config);
        ValidateRunSettings(config.Run);
        ValidateAgainstRun(p, config.Run);
        return CreateRun(p, config);
    }

    private void ValidateRunSettings(RunSettings run)
    {
        if (RequiredTrialsPerBlock is int t && run.TrialsPerBlock != t)
            throw new ConfigException("run.trialsPerBlock", $"got {run.TrialsPerBlock}; {Name} runs {t} trial(s) per block (one seed, geometry or image set each): allowed: {t}");
        if (run.Stop == "fixed") return;
        var allowed = StoppingMetrics;
        if (allowed.Count == 0)
            throw new ConfigException("run.stop", $"got '{run.Stop}'; {Name} runs a fixed number of blocks: allowed: 'fixed'");
        if (run.Metric is null || !allowed.Contains(run.Metric))
            throw new ConfigException("run.metric", $"got '{run.Metric}'; the '{run.Stop}' rule of {Name} can watch: {string.Join(", ", allowed.Select(m => "'" + m + "'"))}");
    }
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.ForgingSets;

/// <summary>
/// <c>forging-sets</c>: the ε-forging-set measure μ(ε) of Dixit, Hui and Saab (arXiv 2509.05865) estimated by Monte Carlo
/// for linear regression, a logistic neuron, projected regression and mini-batches, with the predicted log-log slopes,
/// the forging attacks A1 and A3 and the audit A4; claims F1–F11 of docs/forging-sets.md.
/// </summary>
public sealed class ForgingSetsScenario : Scenario<ForgingSetsParameters>
{
    /// <inheritdoc/>
    public override string Name => "forging-sets";

    /// <inheritdoc/>
    public override string Summary => "ε-forging sets: volume μ(ε) vs ε (slopes d, (d − r)/2, batch), forging probability, random-candidate and gradient-matching attacks, audit (F1–F11)";

    /// <inheritdoc/>
    public override string DocsPage => "docs/forging-sets.md";

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <summary>
    /// Quick: a tenth of the plan's samples, pools up to 10⁴, 10 attack repetitions and 8 starts; full: the plan
    /// (2×10⁵ samples per ε, pools up to 10⁶, 50 repetitions, 32 starts).
    /// </summary>
    protected override ForgingSetsParameters DefaultParameters(bool quick) => quick
        ? new()
        {
            LocalSamples = 20_000, GlobalSamples = 50_000, NoBiasSamples = 200_000, BatchOuterSamples = 500, BatchInnerSamples = 50,
            ProbabilitySamples = 100_000, PoolSizes = [1_000, 10_000], AttackRepetitions = 10, Starts = 8,
        }
        : new();

    /// <summary>One Monte Carlo replication per block: 3 under <c>--quick</c>, 8 at report scale.</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 8, trialsPerBlock: 1);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(ForgingSetsParameters parameters, ScenarioConfig config) => new ForgingSetsRun(parameters, config);
}

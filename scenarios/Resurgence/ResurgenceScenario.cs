using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Resurgence;

/// <summary>
/// <c>resurgence</c>: global targets from the Borel–Padé analysis of the partition-function expansion (W. Bu, arXiv
/// 2509.01329) on the landscapes T1–T5 with exact answers: coefficient growth, Padé poles against exact barrier heights,
/// the target-aware step against the best fixed step, and the escape rule. Claims 1–6 of docs/resurgence.md.
/// </summary>
public sealed class ResurgenceScenario : Scenario<ResurgenceParameters>
{
    /// <inheritdoc/>
    public override string Name => "resurgence";

    /// <inheritdoc/>
    public override string Summary => "Borel–Padé targets from the partition-function series: poles vs exact barriers (T1–T4), target-aware steps and escapes (T2, T4, T5)";

    /// <inheritdoc/>
    public override string DocsPage => "docs/resurgence.md";

    /// <inheritdoc/>
    protected override ResurgenceParameters DefaultParameters(bool quick) => new();

    /// <summary>Each block holds <c>trialsPerBlock</c> random starts (descent and escape studies); quick: 4 × 10 = 40 starts, full: 10 × 10 = 100 (spec: 100 starts).</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 4 : 10, trialsPerBlock: 10);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(ResurgenceParameters parameters, ScenarioConfig config) => new ResurgenceRun(parameters, config);
}

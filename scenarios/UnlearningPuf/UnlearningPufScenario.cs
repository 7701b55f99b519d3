using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.UnlearningPuf;

/// <summary>
/// <c>unlearning-puf</c>: federated client unlearning by negated pseudo-gradients (PUF; Mora et al., arXiv 2504.05822)
/// inside the federated engine: original FedAvg training with canaries, PUF-Special / PUF-Regular requests with
/// recovery, natural forgetting, FedEraser and retrain-from-scratch on the same seeds, concurrent requests and the
/// over-the-air uplink. Claims P1–P10 of docs/unlearning-puf.md.
/// </summary>
public sealed class UnlearningPufScenario : Scenario<UnlearningPufParameters>
{
    /// <inheritdoc/>
    public override string Name => "unlearning-puf";

    /// <inheritdoc/>
    public override string Summary => "PUF federated unlearning (negated pseudo-gradients, Regular/Special, recovery, concurrent, over the air) vs retrain, natural forgetting and FedEraser (P1–P10)";

    /// <inheritdoc/>
    public override string DocsPage => "docs/unlearning-puf.md";

    /// <inheritdoc/>
    protected override UnlearningPufParameters DefaultParameters(bool quick) => quick
        ? new() { RecoveryRoundsMax = 10 }
        : new();

    /// <summary>One trial (seed) per block; quick: 4 seeds, full: 10 (the plan's quick suite uses 5).</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 4 : 10, trialsPerBlock: 1);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(UnlearningPufParameters parameters, ScenarioConfig config) => new UnlearningPufRun(parameters, config);
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Dcpo;

/// <summary>
/// <c>dcpo</c>: DCPO (dynamic-adaptive clipping, smooth advantage standardisation, only-token-mean loss; Yang et al.,
/// arXiv:2509.02333) against GRPO, DAPO and GSPO in the RLVR loop on the toy token tasks T1/T2 with a TorchSharp MLP policy, at an
/// equal budget of generated responses. Claims D1–D5 of docs/dcpo.md.
/// </summary>
public sealed class DcpoScenario : Scenario<DcpoParameters>
{
    /// <inheritdoc/>
    public override string Name => "rl-dcpo";

    /// <inheritdoc/>
    public override string Summary => "DCPO vs GRPO/DAPO/GSPO on toy verifiable token tasks: clip ratio, response utilisation, accuracy per generated response, rare tokens";

    /// <inheritdoc/>
    public override string DocsPage => "docs/dcpo.md";

    /// <summary>Quick: 60 steps' worth of responses (7 680) and a 10-step rare-token study; full: the spec's 300 steps (38 400) and 20 steps.</summary>
    protected override DcpoParameters DefaultParameters(bool quick) => quick
        ? new DcpoParameters { BudgetResponses = 7_680, CheckpointResponses = 640, RareSteps = 10 }
        : new DcpoParameters();

    /// <summary>One seed per block, 3 blocks (spec: 3 seeds) at both scales.</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(3, trialsPerBlock: 1);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(DcpoParameters parameters, ScenarioConfig config) => new DcpoRun(parameters, config);
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Samosa;

/// <summary>
/// <c>samosa</c>: open-set active learning with the SGD/SAM disagreement query SAMOSA (Kim, Agiollo, Khanna, arXiv 2510.16757)
/// against random, entropy and LfOSA-style queries on a generated open-set pool, at equal labelling budgets; claims S1–S3 of
/// docs/samosa.md.
/// </summary>
public sealed class SamosaScenario : Scenario<SamosaParameters>
{
    /// <inheritdoc/>
    public override string Name => "samosa";

    /// <inheritdoc/>
    public override string Summary => "SAMOSA open-set active learning: SGD/SAM disagreement queries vs random, entropy and LfOSA-style at equal labelling budgets";

    /// <inheritdoc/>
    public override string DocsPage => "docs/samosa.md";

    /// <inheritdoc/>
    protected override int? RequiredTrialsPerBlock => 1;

    /// <summary>Quick: 15 epochs and 4 rounds (the pool and budget of the plan); full: the plan's 60 epochs and 6 rounds.</summary>
    protected override SamosaParameters DefaultParameters(bool quick) => quick ? new SamosaParameters { Epochs = 15, Rounds = 4 } : new SamosaParameters();

    /// <summary>One seed per block (every strategy runs on the block's pool): 3 seeds under <c>--quick</c> (the plan's count), 8 at report scale.</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 8);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(SamosaParameters parameters, ScenarioConfig config) => new SamosaRun(parameters, config);
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.UnlearningStream;

/// <summary>
/// <c>unlearning-stream</c>: the Memory Pair (Stewart, arXiv 2508.10193), an online L-BFGS learner with certified
/// deletions, on generated regression streams: regret against ln T and the Theorem A bound, constant memory, deletion
/// fidelity against the replay model, noise calibration and the privacy odometer, the regret cost of deletions,
/// deletion capacity and the inference gate, dynamic regret under drift, the curvature purge and a comparison with
/// first-order learners. Claims S1–S10 of docs/unlearning-stream.md.
/// </summary>
public sealed class UnlearningStreamScenario : Scenario<UnlearningStreamParameters>
{
    /// <inheritdoc/>
    public override string Name => "unlearning-stream";

    /// <inheritdoc/>
    public override string Summary => "Memory Pair stream unlearning (online L-BFGS, certified deletions, odometer, inference gate): regret vs ln T, Theorem A/B bounds, constant memory, deletion fidelity (S1–S10)";

    /// <inheritdoc/>
    public override string DocsPage => "docs/unlearning-stream.md";

    /// <inheritdoc/>
    protected override UnlearningStreamParameters DefaultParameters(bool quick) => quick
        ? new() { DeletionInserts = 2000, DeletionTrialsPerSeed = 4, KappaSamples = 20_000, NoiseLearnersPerSeed = 40 }
        : new();

    /// <summary>One seed per block; quick: 3 seeds, full: 20.</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 20, trialsPerBlock: 1);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(UnlearningStreamParameters parameters, ScenarioConfig config) => new UnlearningStreamRun(parameters, config);
}

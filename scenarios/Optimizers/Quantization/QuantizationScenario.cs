using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// Quantisation sensitivity of Adam vs Muon (docs/optim-quantized.md; arXiv:2510.21314): the swamping micro-test of the
/// second moment (a BF16 V frozen at its start value, claims Q1–Q2), and multinomial logistic regression with one component at
/// a time (G, W, M, V) or all rounded to m mantissa bits (Q3, Q4, Q6) plus stochastic rounding of V. Points = (experiment,
/// optimiser, component, bits, rounding); trials = seeds. Data and initial weights depend on the block index only (common random
/// numbers), so every point is compared with its float64 reference on the same data.
/// </summary>
public sealed class QuantizationScenario : Scenario<QuantizationParameters>
{
    /// <inheritdoc/>
    public override string Name => "optim-quantized";

    /// <inheritdoc/>
    public override string Summary => "Quantised Adam vs Muon: second-moment swamping, which component's mantissa bits hurt, stochastic rounding";

    /// <inheritdoc/>
    public override string? DocsPage => "docs/optim-quantized.md";

    /// <inheritdoc/>
    protected override QuantizationParameters DefaultParameters(bool quick) => quick
        ? new QuantizationParameters { MantissaBits = [3, 7, 23], Steps = 300, Horizons = [100, 300], NetBits = [3, 7], NetSteps = 100 }
        : new QuantizationParameters();

    /// <inheritdoc/>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 2 : 3);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(QuantizationParameters parameters, ScenarioConfig config) => new QuantizationRun(parameters, config);
}

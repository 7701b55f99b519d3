using PhyToolkit.Optimization.StepRules;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// FedAvg/FedSGD server step with a scalar step rule: <c>Delta_t = -eta_t g_hat_t</c>, with eta_t from
/// <see cref="IStepSizeRule"/> (fixed = FedAvg with server rate eta, decaying, AdaGrad-Norm plain or channel-variance
/// corrected; docs/ota-fl.md StepRule).
/// </summary>
public sealed class StepRuleServerOptimizer : IServerOptimizer
{
    /// <summary>Wraps <paramref name="rule"/>.</summary>
    public StepRuleServerOptimizer(IStepSizeRule rule) => Rule = rule ?? throw new ArgumentNullException(nameof(rule));

    /// <summary>The step rule.</summary>
    public IStepSizeRule Rule { get; }

    /// <summary>The last step size used.</summary>
    public double LastStep { get; private set; }

    /// <inheritdoc />
    public string Name => Rule.Name;

    /// <inheritdoc />
    public void ComputeUpdate(ReadOnlySpan<double> gradientEstimate, double knownChannelVariance, Span<double> delta)
    {
        if (delta.Length != gradientEstimate.Length) throw new ArgumentException("delta must have the length of gradientEstimate", nameof(delta));
        double n2 = 0;
        foreach (double g in gradientEstimate) n2 += g * g;
        LastStep = Rule.NextStep(n2, knownChannelVariance);
        for (int i = 0; i < delta.Length; i++) delta[i] = -LastStep * gradientEstimate[i];
    }

    /// <inheritdoc />
    public void Reset() { Rule.Reset(); LastStep = 0; }
}

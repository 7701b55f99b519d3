namespace PhyToolkit.Optimization.StepRules;

/// <summary>Decaying step eta_t = eta0 / sqrt(t + 1), t = 0, 1, ... (docs/ota-fl.md, StepRule Decay).</summary>
public sealed class DecayingStepRule : IStepSizeRule
{
    /// <summary>Creates the rule with initial step <paramref name="eta0"/> &gt; 0.</summary>
    public DecayingStepRule(double eta0) => Eta0 = Guard.Positive(eta0, nameof(eta0));

    /// <summary>Initial step.</summary>
    public double Eta0 { get; }

    /// <inheritdoc />
    public string Name => $"decay(eta0={Eta0})";

    /// <inheritdoc />
    public int Iteration { get; private set; }

    /// <inheritdoc />
    public double NextStep(double gradientNormSquared, double knownNoiseVariance = 0)
    {
        Guard.NonNegative(gradientNormSquared, nameof(gradientNormSquared));
        Guard.NonNegative(knownNoiseVariance, nameof(knownNoiseVariance));
        return Eta0 / Math.Sqrt(++Iteration);
    }

    /// <inheritdoc />
    public void Reset() => Iteration = 0;
}

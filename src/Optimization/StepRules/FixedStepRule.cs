namespace PhyToolkit.Optimization.StepRules;

/// <summary>Constant step eta_t = eta (plain SGD; method (D) of docs/ota-fl.md).</summary>
public sealed class FixedStepRule : IStepSizeRule
{
    /// <summary>Creates the rule with step <paramref name="eta"/> &gt; 0.</summary>
    public FixedStepRule(double eta) => Eta = Guard.Positive(eta, nameof(eta));

    /// <summary>The step.</summary>
    public double Eta { get; }

    /// <inheritdoc />
    public string Name => $"fixed(eta={Eta})";

    /// <inheritdoc />
    public int Iteration { get; private set; }

    /// <inheritdoc />
    public double NextStep(double gradientNormSquared, double knownNoiseVariance = 0)
    {
        Guard.NonNegative(gradientNormSquared, nameof(gradientNormSquared));
        Guard.NonNegative(knownNoiseVariance, nameof(knownNoiseVariance));
        Iteration++;
        return Eta;
    }

    /// <inheritdoc />
    public void Reset() => Iteration = 0;
}

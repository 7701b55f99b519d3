namespace PhyToolkit.Optimization.StepRules;

/// <summary>
/// AdaGrad-Norm (Ward, Wu, Bottou, arXiv:1806.01811, Alg. 1): <c>b_{t+1}^2 = b_t^2 + ||g_t||^2</c>,
/// <c>eta_t = eta / b_{t+1}</c>. Variance-corrected option ([Proposed], spec ota-fl.md §1.5): when the estimate carries
/// a known extra variance V (e.g. channel noise), <c>b_{t+1}^2 = b_t^2 + max(0, ||g_t||^2 - V)</c>, so the step tracks the
/// signal (data-gradient) energy rather than the known noise. Defaults eta = 0.3, b0 = 1e-3 are the spec's [Proposed]
/// values (not from the paper).
/// </summary>
public sealed class AdaGradNormStepRule : IStepSizeRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="eta">Numerator eta &gt; 0.</param>
    /// <param name="b0">Initial accumulator b_0 &gt; 0.</param>
    /// <param name="subtractKnownVariance">Use the variance-corrected accumulator.</param>
    public AdaGradNormStepRule(double eta = 0.3, double b0 = 1e-3, bool subtractKnownVariance = false)
    {
        Eta = StepRuleChecks.Positive(eta, nameof(eta));
        B0 = StepRuleChecks.Positive(b0, nameof(b0));
        SubtractKnownVariance = subtractKnownVariance;
        AccumulatorSquared = b0 * b0;
    }

    /// <summary>eta.</summary>
    public double Eta { get; }

    /// <summary>b_0.</summary>
    public double B0 { get; }

    /// <summary>Whether the known variance is subtracted.</summary>
    public bool SubtractKnownVariance { get; }

    /// <summary>Current b_t^2.</summary>
    public double AccumulatorSquared { get; private set; }

    /// <inheritdoc />
    public string Name => SubtractKnownVariance ? $"adagrad-norm-corrected(eta={Eta})" : $"adagrad-norm(eta={Eta})";

    /// <inheritdoc />
    public int Iteration { get; private set; }

    /// <inheritdoc />
    public double NextStep(double gradientNormSquared, double knownNoiseVariance = 0)
    {
        StepRuleChecks.Inputs(gradientNormSquared, knownNoiseVariance);
        double inc = SubtractKnownVariance ? Math.Max(0, gradientNormSquared - knownNoiseVariance) : gradientNormSquared;
        AccumulatorSquared += inc;
        Iteration++;
        return Eta / Math.Sqrt(AccumulatorSquared);
    }

    /// <inheritdoc />
    public void Reset() { AccumulatorSquared = B0 * B0; Iteration = 0; }
}

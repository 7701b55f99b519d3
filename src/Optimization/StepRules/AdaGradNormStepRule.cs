namespace PhyToolkit.Optimization.StepRules;

/// <summary>
/// AdaGrad-Norm (Ward, Wu, Bottou, arXiv:1806.01811, Alg. 1): <c>b_{t+1}^2 = b_t^2 + ||g_t||^2</c>,
/// <c>eta_t = eta / b_{t+1}</c>. Variance-corrected option ([Proposed], docs/ota-fl.md): when the estimate carries
/// a known extra variance V (e.g. channel noise), <c>b_{t+1}^2 = b_t^2 + max(0, ||g_t||^2 - V)</c>, so the step tracks the
/// signal (data-gradient) energy rather than the known noise. Defaults eta = 0.3, b0 = 1e-3 are the spec's [Proposed]
/// values (not from the paper).
/// </summary>
/// <remarks>
/// Warm-up (our choice): the first <see cref="UncorrectedWarmupSteps"/> steps (default 1) accumulate the full
/// <c>||g||^2</c> even in corrected mode. Without it, when the first estimate is noise-dominated
/// (<c>||g_0||^2 &lt; V</c>) the accumulator stays at b0 = 1e-3 and the step eta / b0 diverges (observed with a 1-bit ADC
/// and at -5 dB). After the warm-up the accumulator only grows, so the step never exceeds eta / ||g_0||.
/// </remarks>
public sealed class AdaGradNormStepRule : IStepSizeRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="eta">Numerator eta &gt; 0.</param>
    /// <param name="b0">Initial accumulator b_0 &gt; 0.</param>
    /// <param name="subtractKnownVariance">Use the variance-corrected accumulator.</param>
    /// <param name="uncorrectedWarmupSteps">Initial steps that add the full ||g||^2 in corrected mode (&gt;= 0).</param>
    public AdaGradNormStepRule(double eta = 0.3, double b0 = 1e-3, bool subtractKnownVariance = false, int uncorrectedWarmupSteps = 1)
    {
        if (uncorrectedWarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(uncorrectedWarmupSteps), uncorrectedWarmupSteps, "uncorrectedWarmupSteps must be >= 0");
        UncorrectedWarmupSteps = uncorrectedWarmupSteps;
        Eta = Guard.Positive(eta, nameof(eta));
        B0 = Guard.Positive(b0, nameof(b0));
        SubtractKnownVariance = subtractKnownVariance;
        AccumulatorSquared = b0 * b0;
    }

    /// <summary>eta.</summary>
    public double Eta { get; }

    /// <summary>b_0.</summary>
    public double B0 { get; }

    /// <summary>Whether the known variance is subtracted.</summary>
    public bool SubtractKnownVariance { get; }

    /// <summary>Steps at the start that accumulate the uncorrected ||g||^2.</summary>
    public int UncorrectedWarmupSteps { get; }

    /// <summary>Current b_t^2.</summary>
    public double AccumulatorSquared { get; private set; }

    /// <inheritdoc />
    public string Name => SubtractKnownVariance ? $"adagrad-norm-corrected(eta={Eta})" : $"adagrad-norm(eta={Eta})";

    /// <inheritdoc />
    public int Iteration { get; private set; }

    /// <inheritdoc />
    public double NextStep(double gradientNormSquared, double knownNoiseVariance = 0)
    {
        Guard.NonNegative(gradientNormSquared, nameof(gradientNormSquared));
        Guard.NonNegative(knownNoiseVariance, nameof(knownNoiseVariance));
        double inc = SubtractKnownVariance && Iteration >= UncorrectedWarmupSteps ? Math.Max(0, gradientNormSquared - knownNoiseVariance) : gradientNormSquared;
        AccumulatorSquared += inc;
        Iteration++;
        return Eta / Math.Sqrt(AccumulatorSquared);
    }

    /// <inheritdoc />
    public void Reset() { AccumulatorSquared = B0 * B0; Iteration = 0; }
}

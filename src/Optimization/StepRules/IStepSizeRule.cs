namespace PhyToolkit.Optimization.StepRules;

/// <summary>
/// A scalar step-size rule for stochastic gradient steps <c>x_{t+1} = x_t - eta_t g_t</c>. It sees only the gradient
/// estimate's squared norm and an optional known noise variance (summed over coordinates) of that estimate; it knows
/// nothing about where the noise comes from (docs/ota-fl.md).
/// </summary>
public interface IStepSizeRule
{
    /// <summary>Short name for reports.</summary>
    string Name { get; }

    /// <summary>Steps taken so far.</summary>
    int Iteration { get; }

    /// <summary>Updates the rule's state with this step's estimate and returns eta_t.</summary>
    /// <param name="gradientNormSquared">||g_t||^2 (finite, &gt;= 0).</param>
    /// <param name="knownNoiseVariance">E||g_t - E g_t||^2 contributed by a known source (&gt;= 0; 0 if unknown).</param>
    double NextStep(double gradientNormSquared, double knownNoiseVariance = 0);

    /// <summary>Returns to the initial state.</summary>
    void Reset();
}

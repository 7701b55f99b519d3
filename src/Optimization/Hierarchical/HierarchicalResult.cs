namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Outcome of a minimax / bilevel run: last iterates and per-iteration histories. The exact histories
/// (<see cref="OuterGradientNorm"/>, <see cref="InnerError"/>) are filled only when a <see cref="IHierarchicalReference"/> was given.
/// </summary>
public sealed class HierarchicalResult
{
    internal HierarchicalResult(double[] x, double[] y, int iterations, long oracleCalls, double[]? gradNorm, double[]? innerError,
        double[] eta, double[] alpha, double[] sigmaHat, double[]? linearSystemError = null)
    {
        LinearSystemError = linearSystemError;
        X = x; Y = y; Iterations = iterations; OracleCalls = oracleCalls;
        OuterGradientNorm = gradNorm; InnerError = innerError; StepLength = eta; MomentumWeight = alpha; NoiseEstimate = sigmaHat;
    }

    /// <summary>Last outer iterate x_T.</summary>
    public double[] X { get; }

    /// <summary>Last inner iterate y_T.</summary>
    public double[] Y { get; }

    /// <summary>Iterations run (T).</summary>
    public int Iterations { get; }

    /// <summary>Stochastic oracle calls used (each gradient, HVP or JVP sample counts once).</summary>
    public long OracleCalls { get; }

    /// <summary>‖∇Φ(x_t)‖ for t = 0..T (length T + 1), or null without a reference.</summary>
    public double[]? OuterGradientNorm { get; }

    /// <summary>‖y_t − y*(x_t)‖ for t = 0..T (length T + 1), or null without a reference.</summary>
    public double[]? InnerError { get; }

    /// <summary>
    /// ‖z_t − z*(x_t)‖ for t = 0..T of the linear-system variable of <see cref="AdaBilevel"/>, or null (minimax methods, or a
    /// reference that is not an <see cref="IBilevelReference"/>).
    /// </summary>
    public double[]? LinearSystemError { get; }

    /// <summary>Outer step length η_t used at step t (length T); ‖x_{t+1} − x_t‖ ≤ η_t.</summary>
    public double[] StepLength { get; }

    /// <summary>Momentum weight α_t (weight of the fresh gradient) at step t (length T); all ones for TiAda.</summary>
    public double[] MomentumWeight { get; }

    /// <summary>Running noise estimate σ̂_t at step t (length T); zeros for the fixed rule and TiAda.</summary>
    public double[] NoiseEstimate { get; }

    /// <summary>min_{s≤t} ‖∇Φ(x_s)‖ for t = 0..T, or null without a reference.</summary>
    public double[]? BestOuterGradientNorm()
    {
        if (OuterGradientNorm is null) return null;
        var best = new double[OuterGradientNorm.Length];
        double m = double.PositiveInfinity;
        for (int t = 0; t < best.Length; t++) { m = Math.Min(m, OuterGradientNorm[t]); best[t] = m; }
        return best;
    }
}

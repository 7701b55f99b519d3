using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Two-time-scale stochastic gradient descent–ascent with fixed steps, the non-adaptive minimax baseline of spec
/// docs/optim-hierarchical.md [proposal] (method of Lin, Jin, Jordan, arXiv:1906.00331):
/// x_{t+1} = x_t − η_x·g_x,  y_{t+1} = Proj_Y(y_t + η_y·g_y), both from one oracle sample at (x_t, y_t). One oracle call per step.
/// </summary>
public static class TwoTimescaleGda
{
    /// <summary>Runs two-time-scale SGDA from (x0, y0).</summary>
    /// <param name="oracle">Stochastic gradient oracle.</param>
    /// <param name="x0">Initial outer point (length d_x; copied).</param>
    /// <param name="y0">Initial inner point (length d_y; copied and projected).</param>
    /// <param name="options">Options (validated).</param>
    /// <param name="rng">Random stream for the oracle samples.</param>
    /// <param name="reference">Exact ∇Φ and y* for the histories, or null.</param>
    /// <exception cref="ArgumentException">A start vector has the wrong length.</exception>
    public static HierarchicalResult Run(IMinimaxOracle oracle, ReadOnlySpan<double> x0, ReadOnlySpan<double> y0, TwoTimescaleGdaOptions options,
        ref Xoshiro256StarStar rng, IHierarchicalReference? reference = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rule = new Rule(options.EtaX, options.EtaY);
        return GradientDescentAscent.Run(oracle, x0, y0, options.Iterations, ref rule, ref rng, reference);
    }

    /// <summary>Fixed steps.</summary>
    private readonly record struct Rule(double EtaX, double EtaY) : IGdaStepRule
    {
        public (double X, double Y) Next(double gradXSquared, double gradYSquared) => (EtaX, EtaY);
    }
}

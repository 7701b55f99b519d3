using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Two-time-scale stochastic gradient descent–ascent with fixed steps, the non-adaptive minimax baseline of spec
/// hierarchical-adaptive.md §1.4 [proposal] (method of Lin, Jin, Jordan, arXiv:1906.00331):
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
        int dx = oracle.DimensionX, dy = oracle.DimensionY, T = options.Iterations;
        VectorOps.CheckLength(x0, dx, nameof(x0));
        VectorOps.CheckLength(y0, dy, nameof(y0));
        var x = x0.ToArray();
        var y = y0.ToArray();
        oracle.ProjectY(y);
        var gx = new double[dx]; var gy = new double[dy];
        var eta = new double[T]; var alpha = new double[T]; var sig = new double[T];
        var tracker = reference is null ? null : new ReferenceTracker(reference, dx, dy, T);
        tracker?.Record(0, x, y);
        for (int t = 0; t < T; t++)
        {
            oracle.Sample(x, y, ref rng, gx, gy);
            for (int i = 0; i < dx; i++) x[i] -= options.EtaX * gx[i];
            for (int i = 0; i < dy; i++) y[i] += options.EtaY * gy[i];
            oracle.ProjectY(y);
            eta[t] = options.EtaX * VectorOps.Norm(gx);
            alpha[t] = 1;
            tracker?.Record(t + 1, x, y);
        }
        return new HierarchicalResult(x, y, T, T, tracker?.GradNorm, tracker?.InnerError, eta, alpha, sig);
    }
}

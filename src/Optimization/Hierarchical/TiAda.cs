using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// TiAda, time-scale-adaptive gradient descent–ascent (arXiv:2210.17478, ICLR 2023), the parameter-agnostic minimax
/// baseline of spec hierarchical-adaptive.md §1.4 [lit]:
/// v_x += ‖g_x‖², v_y += ‖g_y‖², x ← x − η_x/max(v_x, v_y)^α·g_x, y ← Proj_Y(y + η_y/v_y^β·g_y). One oracle call per step.
/// </summary>
public static class TiAda
{
    /// <summary>Runs TiAda from (x0, y0).</summary>
    /// <param name="oracle">Stochastic gradient oracle.</param>
    /// <param name="x0">Initial outer point (length d_x; copied).</param>
    /// <param name="y0">Initial inner point (length d_y; copied and projected).</param>
    /// <param name="options">Options (validated).</param>
    /// <param name="rng">Random stream for the oracle samples.</param>
    /// <param name="reference">Exact ∇Φ and y* for the histories, or null.</param>
    /// <exception cref="ArgumentException">A start vector has the wrong length.</exception>
    public static HierarchicalResult Run(IMinimaxOracle oracle, ReadOnlySpan<double> x0, ReadOnlySpan<double> y0, TiAdaOptions options,
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
        double vx = options.Delta, vy = options.Delta;
        for (int t = 0; t < T; t++)
        {
            oracle.Sample(x, y, ref rng, gx, gy);
            vx += VectorOps.Dot(gx, gx);
            vy += VectorOps.Dot(gy, gy);
            double sx = options.EtaX / Math.Pow(Math.Max(vx, vy), options.Alpha);
            double sy = options.EtaY / Math.Pow(vy, options.Beta);
            for (int i = 0; i < dx; i++) x[i] -= sx * gx[i];
            for (int i = 0; i < dy; i++) y[i] += sy * gy[i];
            oracle.ProjectY(y);
            eta[t] = sx * VectorOps.Norm(gx);
            alpha[t] = 1;
            tracker?.Record(t + 1, x, y);
        }
        return new HierarchicalResult(x, y, T, T, tracker?.GradNorm, tracker?.InnerError, eta, alpha, sig);
    }
}

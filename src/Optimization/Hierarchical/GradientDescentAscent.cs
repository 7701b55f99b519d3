using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>The step sizes (η_x, η_y) of one simultaneous gradient descent–ascent step, given ‖g_x‖² and ‖g_y‖².</summary>
internal interface IGdaStepRule
{
    /// <summary>Returns (s_x, s_y) for x ← x − s_x·g_x, y ← Proj_Y(y + s_y·g_y); may update internal accumulators.</summary>
    (double X, double Y) Next(double gradXSquared, double gradYSquared);
}

/// <summary>
/// The single-sample simultaneous GDA loop shared by <see cref="TiAda"/> and <see cref="TwoTimescaleGda"/>:
/// one oracle call per step, x_{t+1} = x_t − s_x g_x, y_{t+1} = Proj_Y(y_t + s_y g_y), histories recorded from the reference.
/// </summary>
internal static class GradientDescentAscent
{
    public static HierarchicalResult Run<TRule>(IMinimaxOracle oracle, ReadOnlySpan<double> x0, ReadOnlySpan<double> y0, int iterations,
        ref TRule rule, ref Xoshiro256StarStar rng, IHierarchicalReference? reference)
        where TRule : struct, IGdaStepRule
    {
        int dx = oracle.DimensionX, dy = oracle.DimensionY, T = iterations;
        var (x, y) = HierarchicalStart.Copy(x0, y0, dx, dy);
        oracle.ProjectY(y);
        var gx = new double[dx]; var gy = new double[dy];
        var eta = new double[T]; var alpha = new double[T]; var sig = new double[T];
        var tracker = reference is null ? null : new ReferenceTracker(reference, dx, dy, T);
        tracker?.Record(0, x, y);
        for (int t = 0; t < T; t++)
        {
            oracle.Sample(x, y, ref rng, gx, gy);
            double nx2 = VectorOps.Dot(gx, gx);
            var (sx, sy) = rule.Next(nx2, VectorOps.Dot(gy, gy));
            for (int i = 0; i < dx; i++) x[i] -= sx * gx[i];
            for (int i = 0; i < dy; i++) y[i] += sy * gy[i];
            oracle.ProjectY(y);
            eta[t] = sx * Math.Sqrt(nx2);
            alpha[t] = 1;
            tracker?.Record(t + 1, x, y);
        }
        return new HierarchicalResult(x, y, T, T, tracker?.GradNorm, tracker?.InnerError, eta, alpha, sig);
    }
}

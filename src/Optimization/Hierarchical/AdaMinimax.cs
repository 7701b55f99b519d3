using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Noise-adaptive normalised-momentum method for nonconvex–strongly-concave minimax problems: Ada-Minimax as reconstructed
/// in docs/optim-hierarchical.md ([proposal]; seed paper Gong, Hao, Liu, arXiv:2509.15399, whose algorithm box
/// was not reachable). With <see cref="OuterStepRule.Fixed"/> it is the NSGD-M baseline with tuned constants.
/// </summary>
/// <remarks>
/// Per step t: two samples (g_x, g_y), (g_x′, ·) at (x_t, y_t); inner AdaGrad-Norm ascent
/// v_y += ‖g_y‖², y ← Proj_Y(y + γ_y/√(δ + v_y)·g_y); outer m ← (1 − α_t)m + α_t·½(g_x + g_x′),
/// x ← x − η_t·m/max(‖m‖, δ). Expected rate ([paper] abstract): ‖∇Φ‖ = Õ(1/√T + √σ̄/T^{1/4}) without knowing σ̄.
/// Two oracle calls per step.
/// </remarks>
public static class AdaMinimax
{
    /// <summary>Runs the method from (x0, y0).</summary>
    /// <param name="oracle">Stochastic gradient oracle.</param>
    /// <param name="x0">Initial outer point (length d_x; copied).</param>
    /// <param name="y0">Initial inner point (length d_y; copied and projected).</param>
    /// <param name="options">Options (validated).</param>
    /// <param name="rng">Random stream for the oracle samples.</param>
    /// <param name="reference">Exact ∇Φ and y* for the histories, or null.</param>
    /// <exception cref="ArgumentException">A start vector has the wrong length.</exception>
    public static HierarchicalResult Run(IMinimaxOracle oracle, ReadOnlySpan<double> x0, ReadOnlySpan<double> y0, HierarchicalOptions options,
        ref Xoshiro256StarStar rng, IHierarchicalReference? reference = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int dx = oracle.DimensionX, dy = oracle.DimensionY, T = options.Iterations;
        var (x, y) = HierarchicalStart.Copy(x0, y0, dx, dy);
        oracle.ProjectY(y);
        var gx = new double[dx]; var gx2 = new double[dx]; var gy = new double[dy]; var gy2 = new double[dy];
        var m = new double[dx];
        var eta = new double[T]; var alpha = new double[T]; var sig = new double[T];
        var tracker = reference is null ? null : new ReferenceTracker(reference, dx, dy, T);
        tracker?.Record(0, x, y);
        var rule = new NoiseAdaptiveRule();
        double vy = 0, delta = options.Delta;
        for (int t = 0; t < T; t++)
        {
            oracle.Sample(x, y, ref rng, gx, gy);
            oracle.Sample(x, y, ref rng, gx2, gy2);
            rule.Update(t, gx, gx2, options);
            eta[t] = rule.Eta; alpha[t] = rule.Alpha; sig[t] = rule.SigmaHat;
            // Inner ascent with the first sample's y-gradient, AdaGrad-Norm step (docs/optim-hierarchical.md).
            vy += VectorOps.Dot(gy, gy);
            double sy = options.GammaY / Math.Sqrt(delta + vy);
            for (int i = 0; i < dy; i++) y[i] += sy * gy[i];
            oracle.ProjectY(y);
            // Outer normalised momentum.
            double a = rule.Alpha;
            for (int i = 0; i < dx; i++) m[i] = (1 - a) * m[i] + a * 0.5 * (gx[i] + gx2[i]);
            double sx = rule.Eta / Math.Max(VectorOps.Norm(m), delta);
            for (int i = 0; i < dx; i++) x[i] -= sx * m[i];
            tracker?.Record(t + 1, x, y);
        }
        return new HierarchicalResult(x, y, T, 2L * T, tracker?.GradNorm, tracker?.InnerError, eta, alpha, sig);
    }
}

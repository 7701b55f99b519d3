using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Noise-adaptive single-loop bilevel method with a linear-system variable: Ada-BiO as reconstructed in spec
/// docs/optim-hierarchical.md ([proposal]; seed paper arXiv:2509.15399). With <see cref="OuterStepRule.Fixed"/> it is a
/// SOBA-type method with a normalised-momentum outer step and tuned constants (the NSGD-M baseline).
/// </summary>
/// <remarks>
/// Per step t: lower descent d_y = ∇_y G(ζ1), v_y += ‖d_y‖², y ← y − γ_y/√(δ+v_y)·d_y; linear system
/// d_z = ∇²_yy G(ζ2)·z − ∇_y F(ξ), v_z += ‖d_z‖², z ← Proj_{‖z‖≤R_z}(z − γ_z/√(δ+v_z)·d_z); hypergradient samples
/// h = ∇_x F(ξ) − ∇²_xy G(ζ3)·z and h′ from independent (ξ′, ζ3′); noise estimate and (α_t, η_t) as in
/// <see cref="AdaMinimax"/>; m ← (1−α_t)m + α_t·½(h + h′); x ← x − η_t·m/max(‖m‖, δ). All updates use (x_t, y_t, z_t).
/// Six oracle calls per step (2 upper gradients, 1 lower gradient, 1 HVP, 2 cross JVPs).
/// </remarks>
public static class AdaBilevel
{
    /// <summary>Runs the method from (x0, y0) with z0 = 0.</summary>
    /// <param name="oracle">Stochastic oracles.</param>
    /// <param name="x0">Initial upper point (length d_x; copied).</param>
    /// <param name="y0">Initial lower point (length d_y; copied).</param>
    /// <param name="options">Options (validated).</param>
    /// <param name="rng">Random stream for the oracle samples.</param>
    /// <param name="reference">Exact ∇Φ and y* for the histories (and z* when it is an <see cref="IBilevelReference"/>), or null.</param>
    /// <exception cref="ArgumentException">A start vector has the wrong length.</exception>
    public static HierarchicalResult Run(IBilevelOracle oracle, ReadOnlySpan<double> x0, ReadOnlySpan<double> y0, HierarchicalOptions options,
        ref Xoshiro256StarStar rng, IHierarchicalReference? reference = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int dx = oracle.DimensionX, dy = oracle.DimensionY, T = options.Iterations;
        var (x, y) = HierarchicalStart.Copy(x0, y0, dx, dy);
        var z = new double[dy];
        var fx = new double[dx]; var fy = new double[dy]; var fx2 = new double[dx]; var fy2 = new double[dy];
        var dyv = new double[dy]; var hz = new double[dy]; var j1 = new double[dx]; var j2 = new double[dx];
        var h = new double[dx]; var h2 = new double[dx]; var m = new double[dx];
        var eta = new double[T]; var alpha = new double[T]; var sig = new double[T];
        var tracker = reference is null ? null : new ReferenceTracker(reference, dx, dy, T, trackLinearSystem: true);
        tracker?.Record(0, x, y, z);
        var rule = new NoiseAdaptiveRule();
        double vy = 0, vz = 0, delta = options.Delta;
        for (int t = 0; t < T; t++)
        {
            oracle.SampleLowerGradient(x, y, ref rng, dyv);
            oracle.SampleUpper(x, y, ref rng, fx, fy);
            oracle.SampleUpper(x, y, ref rng, fx2, fy2);
            oracle.SampleLowerHessianVector(x, y, z, ref rng, hz);
            oracle.SampleLowerCrossVector(x, y, z, ref rng, j1);
            oracle.SampleLowerCrossVector(x, y, z, ref rng, j2);
            for (int i = 0; i < dx; i++) { h[i] = fx[i] - j1[i]; h2[i] = fx2[i] - j2[i]; }
            rule.Update(t, h, h2, options);
            eta[t] = rule.Eta; alpha[t] = rule.Alpha; sig[t] = rule.SigmaHat;
            // Lower-level AdaGrad-Norm descent.
            vy += VectorOps.Dot(dyv, dyv);
            double sy = options.GammaY / Math.Sqrt(delta + vy);
            // Linear system ∇²_yy g·z = ∇_y f by AdaGrad-Norm SGD on ½zᵀHz − zᵀ∇_y f.
            for (int i = 0; i < dy; i++) hz[i] -= fy[i];
            vz += VectorOps.Dot(hz, hz);
            double sz = options.GammaZ / Math.Sqrt(delta + vz);
            for (int i = 0; i < dy; i++) { y[i] -= sy * dyv[i]; z[i] -= sz * hz[i]; }
            double zn = VectorOps.Norm(z);
            if (zn > options.RadiusZ) { double s = options.RadiusZ / zn; for (int i = 0; i < dy; i++) z[i] *= s; }
            // Outer normalised momentum.
            double a = rule.Alpha;
            for (int i = 0; i < dx; i++) m[i] = (1 - a) * m[i] + a * 0.5 * (h[i] + h2[i]);
            double sx = rule.Eta / Math.Max(VectorOps.Norm(m), delta);
            for (int i = 0; i < dx; i++) x[i] -= sx * m[i];
            tracker?.Record(t + 1, x, y, z);
        }
        return new HierarchicalResult(x, y, T, 6L * T, tracker?.GradNorm, tracker?.InnerError, eta, alpha, sig, tracker?.LinearSystemError);
    }
}

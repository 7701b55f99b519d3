using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// TiAda, time-scale-adaptive gradient descent–ascent (arXiv:2210.17478, ICLR 2023), the parameter-agnostic minimax
/// baseline of docs/optim-hierarchical.md [lit]:
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
        var rule = new Rule(options);
        return GradientDescentAscent.Run(oracle, x0, y0, options.Iterations, ref rule, ref rng, reference);
    }

    /// <summary>v_x += ‖g_x‖², v_y += ‖g_y‖²; s_x = η_x/max(v_x, v_y)^α, s_y = η_y/v_y^β.</summary>
    private struct Rule(TiAdaOptions o) : IGdaStepRule
    {
        private double _vx = o.Delta, _vy = o.Delta;

        public (double X, double Y) Next(double gradXSquared, double gradYSquared)
        {
            _vx += gradXSquared;
            _vy += gradYSquared;
            return (o.EtaX / Math.Pow(Math.Max(_vx, _vy), o.Alpha), o.EtaY / Math.Pow(_vy, o.Beta));
        }
    }
}

using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>
/// Least-squares baselines for <c>min ½‖Ax − y‖²</c> (docs/inverse-imaging.md, [proposal]): closed-form
/// pseudo-inverses of the tight operators, Landweber iteration and conjugate gradients on the normal equations
/// (CGLS). The iterative methods start from 0; their iteration count is the regularization (early stopping).
/// </summary>
public static class LeastSquares
{
    /// <summary>
    /// <c>A⁺y</c> for operators with <c>AAᵀ = L·I</c> on their range: pixel mask (observed pixels copied, others 0,
    /// "zero-fill") and average pooling (<c>A⁺ = s²Aᵀ</c>, nearest-neighbour up-sampling).
    /// </summary>
    public static double[] PseudoInverse(IForwardOperator op, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(op);
        Guard.Length(y.Length, op.OutputShape.Length, nameof(y));
        var x = new double[op.InputShape.Length];
        switch (op)
        {
            case PixelMask mask:
                mask.Adjoint(y, x);
                break;
            case AveragePooling pool:
                pool.Adjoint(y, x);
                double s2 = pool.Factor * pool.Factor;
                for (int i = 0; i < x.Length; i++) x[i] *= s2;
                break;
            default:
                throw new ArgumentException($"No closed-form pseudo-inverse for {op.GetType().Name}; use Landweber or Cgls.", nameof(op));
        }
        return x;
    }

    /// <summary>
    /// Landweber iteration <c>x ← x − τ J_A(x)ᵀ(A(x) − y)</c> from x = 0 (gradient descent on ½‖A(x) − y‖²);
    /// converges for linear A when <c>0 &lt; τ &lt; 2/L</c>.
    /// </summary>
    /// <param name="op">Forward operator (linear or nonlinear).</param>
    /// <param name="y">Measurement.</param>
    /// <param name="iterations">Iterations, ≥ 1.</param>
    /// <param name="stepSize">τ; default <c>1/L</c>. Must lie in (0, 2/L).</param>
    /// <param name="callback">Optional observer.</param>
    public static InverseResult Landweber(IForwardOperator op, ReadOnlySpan<double> y, int iterations, double? stepSize = null, IterateCallback? callback = null)
    {
        var data = new DataTerm(op, y);
        Guard.AtLeast(iterations, 1, nameof(iterations));
        double l = op.LipschitzSquared;
        double tau = stepSize ?? 1 / l;
        if (!(tau > 0 && tau < 2 / l)) throw new ArgumentOutOfRangeException(nameof(stepSize), tau, $"stepSize = {tau}; allowed: (0, 2/L) = (0, {2 / l}).");
        int n = op.InputShape.Length;
        var x = new double[n];
        var g = new double[n];
        var objective = new List<double>(iterations);
        int it = 0;
        while (it < iterations)
        {
            data.ValueAndGradient(x, g);
            for (int i = 0; i < n; i++) x[i] -= tau * g[i];
            it++;
            objective.Add(data.Value(x));
            if (callback != null && !callback(it, x)) break;
        }
        return new InverseResult(x, it, objective);
    }

    /// <summary>
    /// CGLS: conjugate gradients on <c>AᵀA x = Aᵀy</c> from x = 0 (Hestenes–Stiefel form on the residual
    /// <c>y − Ax</c>, one A and one Aᵀ per iteration); stops after <paramref name="iterations"/> or when
    /// <c>‖Aᵀ(y − Ax)‖ ≤ tolerance·‖Aᵀy‖</c>.
    /// </summary>
    public static InverseResult Cgls(IForwardOperator op, ReadOnlySpan<double> y, int iterations, double tolerance = 1e-12, IterateCallback? callback = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!op.IsLinear) throw new ArgumentException("CGLS needs a linear operator.", nameof(op));
        Guard.AtLeast(iterations, 1, nameof(iterations));
        Guard.NonNegative(tolerance, nameof(tolerance));
        return NormalEquations.Solve(op, y, 0, null, iterations, tolerance, callback);
    }
}

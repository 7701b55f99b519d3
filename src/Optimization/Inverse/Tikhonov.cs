using System.Numerics;
using PhyToolkit.Channels.Imaging;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>
/// Tikhonov regularization <c>min ½‖Ax − y‖² + (μ/2)‖Γx‖²</c>, Γ ∈ {I, D}, whose minimizer solves
/// <c>(AᵀA + μΓᵀΓ) x = Aᵀy</c> (docs/inverse-imaging.md, [proposal]). Two routes: matrix-free CG for any
/// linear A, and the closed form in the DFT for a periodic convolution,
/// <c>x̂(ω) = conj(K̂) ŷ / (|K̂|² + μ|Γ̂|²)</c> with <c>|Γ̂|² = 1</c> (I) or <c>4 sin²(πk/H) + 4 sin²(πl/W)</c>
/// (periodic D). With Γ = D the FFT route uses periodic differences; pass
/// <see cref="DifferenceBoundary.Periodic"/> to the CG route to compare the two.
/// </summary>
public static class Tikhonov
{
    /// <summary>CG solve of the normal equations from x = 0.</summary>
    /// <param name="op">Linear forward operator.</param>
    /// <param name="y">Measurement.</param>
    /// <param name="mu">μ ≥ 0.</param>
    /// <param name="regularizer">Γ.</param>
    /// <param name="maxIterations">CG iteration cap, ≥ 1.</param>
    /// <param name="tolerance">Relative residual tolerance of CG.</param>
    /// <param name="differences">Boundary of D when Γ = D (Neumann by default).</param>
    public static InverseResult SolveCg(IForwardOperator op, ReadOnlySpan<double> y, double mu, Regularizer regularizer = Regularizer.Identity,
        int maxIterations = 500, double tolerance = 1e-10, DifferenceBoundary differences = DifferenceBoundary.Neumann)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!op.IsLinear) throw new ArgumentException("Tikhonov by CG needs a linear operator.", nameof(op));
        Guard.NonNegative(mu, nameof(mu));
        Guard.AtLeast(maxIterations, 1, nameof(maxIterations));
        var d = regularizer == Regularizer.Gradient ? new FiniteDifferences(op.InputShape, differences) : null;
        return NormalEquations.Solve(op, y, mu, d, maxIterations, tolerance, null);
    }

    /// <summary>Closed-form solve in the DFT for a periodic convolution (μ &gt; 0, or μ = 0 when K̂ has no zero).</summary>
    public static double[] SolveFft(Convolution2D blur, ReadOnlySpan<double> y, double mu, Regularizer regularizer = Regularizer.Identity)
    {
        ArgumentNullException.ThrowIfNull(blur);
        Guard.NonNegative(mu, nameof(mu));
        var shape = blur.InputShape;
        var filter = new double[shape.Length];
        for (int k = 0; k < shape.Height; k++)
            for (int l = 0; l < shape.Width; l++)
                filter[k * shape.Width + l] = mu * (regularizer == Regularizer.Identity ? 1 : GradientSymbol(k, l, shape));
        return FourierDeconvolution.Solve(blur, y, filter);
    }

    /// <summary><c>|Γ̂|²</c> of periodic forward differences at DFT index (k, l): <c>4 sin²(πk/H) + 4 sin²(πl/W)</c>.</summary>
    public static double GradientSymbol(int k, int l, ImageShape shape)
    {
        double a = Math.Sin(Math.PI * k / shape.Height), b = Math.Sin(Math.PI * l / shape.Width);
        return 4 * (a * a + b * b);
    }
}

namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Second-derivative products of a split objective f(x1, x2) needed by the inexact argmin reduction (spec
/// docs/optim-reduction.md C, [proposal]): the inner Newton/conjugate-gradient solve uses H22 = ∇²_{22}f and the implicit
/// function theorem DΨ = −H22⁻¹H21 uses H21 = ∂(∇_2 f)/∂x1 and its transpose H12 (derived).
/// </summary>
public interface ISplitHessianProducts
{
    /// <summary>Writes H22·v (v and the result have length n2).</summary>
    void MultiplyH22(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> v, Span<double> result);

    /// <summary>Writes H21·u (u has length n1, the result length n2).</summary>
    void MultiplyH21(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> u, Span<double> result);

    /// <summary>Writes H12·w = H21ᵀw (w has length n2, the result length n1).</summary>
    void MultiplyH12(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> w, Span<double> result);
}

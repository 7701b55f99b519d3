using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Stochastic oracles of a bilevel problem min_x Φ(x) = f(x, y*(x)), y*(x) = argmin_y g(x, y) with g(x,·) strongly convex
/// (arXiv:2509.15399 §1, docs/optim-hierarchical.md). Hypergradient:
/// ∇Φ = ∇_x f − ∇²_xy g [∇²_yy g]⁻¹ ∇_y f, evaluated at y*(x).
/// </summary>
public interface IBilevelOracle
{
    /// <summary>Dimension of the upper-level variable x, ≥ 1.</summary>
    int DimensionX { get; }

    /// <summary>Dimension of the lower-level variable y, ≥ 1.</summary>
    int DimensionY { get; }

    /// <summary>One sample ξ of the upper gradients: ∇_x F(x, y; ξ) (length d_x) and ∇_y F(x, y; ξ) (length d_y).</summary>
    void SampleUpper(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientX, Span<double> gradientY);

    /// <summary>One sample ζ of the lower gradient ∇_y G(x, y; ζ) (length d_y).</summary>
    void SampleLowerGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientY);

    /// <summary>One sample of the Hessian–vector product ∇²_yy G(x, y; ζ)·v (v and the result of length d_y).</summary>
    void SampleLowerHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, ref Xoshiro256StarStar rng, Span<double> result);

    /// <summary>One sample of the cross Jacobian–vector product ∇²_xy G(x, y; ζ)·v (v of length d_y, result of length d_x).</summary>
    void SampleLowerCrossVector(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, ref Xoshiro256StarStar rng, Span<double> result);
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Stochastic first-order oracle of a minimax problem min_x max_{y∈Y} f(x, y) = E_ξ F(x, y; ξ) with f(x,·) strongly concave
/// (arXiv:2509.15399 §1, docs/optim-hierarchical.md).
/// </summary>
public interface IMinimaxOracle
{
    /// <summary>Dimension of the outer (minimising) variable x, ≥ 1.</summary>
    int DimensionX { get; }

    /// <summary>Dimension of the inner (maximising) variable y, ≥ 1.</summary>
    int DimensionY { get; }

    /// <summary>
    /// Draws one sample ξ from <paramref name="rng"/> and writes the unbiased estimates ∇_x F(x, y; ξ) into
    /// <paramref name="gradientX"/> (length <see cref="DimensionX"/>) and ∇_y F(x, y; ξ) into <paramref name="gradientY"/>
    /// (length <see cref="DimensionY"/>), both from the same ξ.
    /// </summary>
    void Sample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientX, Span<double> gradientY);

    /// <summary>Euclidean projection onto the feasible set Y, in place. The default is Y = ℝ^p (no-op).</summary>
    void ProjectY(Span<double> y) { }
}

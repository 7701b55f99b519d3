namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Exact quantities of a synthetic minimax or bilevel problem, used only to measure convergence (never by the solvers):
/// the outer gradient ∇Φ(x) and the inner solution y*(x).
/// </summary>
public interface IHierarchicalReference
{
    /// <summary>Writes the exact ∇Φ(x) into <paramref name="gradient"/> (length d_x).</summary>
    void OuterGradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Writes the exact inner solution y*(x) into <paramref name="y"/> (length d_y).</summary>
    void InnerSolution(ReadOnlySpan<double> x, Span<double> y);
}

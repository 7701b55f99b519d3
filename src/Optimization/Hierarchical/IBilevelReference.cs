namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Exact quantities of a synthetic bilevel problem beyond <see cref="IHierarchicalReference"/>: the solution of the
/// linear system that the single-loop methods track, z*(x) = [∇²_yy g(x, y*)]⁻¹ ∇_y f(x, y*) with y* = y*(x)
/// (docs/optim-hierarchical.md, the z-variable of Ada-BiO). Used only to measure tracking (docs/optim-hierarchical.md claim 6).
/// </summary>
public interface IBilevelReference : IHierarchicalReference
{
    /// <summary>Writes z*(x) into <paramref name="z"/> (length d_y).</summary>
    void LinearSystemSolution(ReadOnlySpan<double> x, Span<double> z);
}

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// A convex resource constraint g_j(z_j) ≤ 0 on the weighted aggregate z_j = Σ_i A_ji θ_i (eq. (1) of arXiv 2509.01172,
/// [Paper]), with its gradient.
/// </summary>
public interface IResourceConstraint
{
    /// <summary>Dimension d of the aggregate z_j.</summary>
    int Dimension { get; }

    /// <summary>g_j(z).</summary>
    double Value(ReadOnlySpan<double> z);

    /// <summary>∇g_j(z).</summary>
    void Gradient(ReadOnlySpan<double> z, Span<double> gradient);
}

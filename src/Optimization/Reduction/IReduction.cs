namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// A reduction mapping Φ(x1) = (x1, Ψ(x1)) with Ψ: ℝ^{n1} → ℝ^{n2} C² (arXiv:2506.08428 via docs/optim-reduction.md):
/// the reduced objective is F(x1) = f(x1, Ψ(x1)).
/// </summary>
public interface IReduction
{
    /// <summary>n1, the dimension of x1.</summary>
    int N1 { get; }

    /// <summary>n2, the dimension of Ψ(x1).</summary>
    int N2 { get; }

    /// <summary>
    /// True when Ψ(x1) = argmin_{x2} f(x1, x2) exactly, so ∇_2 f(Φ(x1)) = 0 and ∇F = ∇_1 f(x1, Ψ(x1)) (envelope identity, derived).
    /// </summary>
    bool IsArgmin { get; }

    /// <summary>True when <see cref="Jacobian"/> is implemented.</summary>
    bool HasJacobian { get; }

    /// <summary>Writes Ψ(x1) (length n2).</summary>
    void Psi(ReadOnlySpan<double> x1, Span<double> x2);

    /// <summary>Writes DΨ(x1) as an n2×n1 row-major matrix. Default: <see cref="NotSupportedException"/>; check <see cref="HasJacobian"/>.</summary>
    void Jacobian(ReadOnlySpan<double> x1, Span<double> jacobian) =>
        throw new NotSupportedException("This reduction has no Jacobian (HasJacobian is false).");
}

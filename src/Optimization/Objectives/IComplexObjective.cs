using System.Numerics;
using PhyToolkit.Optimization.Gradient;

namespace PhyToolkit.Optimization.Objectives;

/// <summary>
/// A real-valued objective f: ℂⁿ → ℝ of a complex vector (for a matrix, its column-major vec, e.g. vec(P) for an
/// M×K precoder P). Maximised by <see cref="ProjectedGradient"/>.
/// </summary>
public interface IComplexObjective
{
    /// <summary>Evaluates f(x).</summary>
    double Evaluate(ReadOnlySpan<Complex> x);

    /// <summary>
    /// Writes the Wirtinger gradient ∂f/∂x* (elementwise conjugate derivative) into <paramref name="gradient"/>.
    /// The real-parameter gradient is ∂f/∂Re x + j ∂f/∂Im x = 2 ∂f/∂x*, and df = 2 Re Σ conj(∂f/∂x*_i) dx_i
    /// (Wirtinger calculus; e.g. fa-plkg docs/fa-plkg.md convention).
    /// </summary>
    void Gradient(ReadOnlySpan<Complex> x, Span<Complex> gradient);
}

namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// A known (non-blind) measurement channel <c>y = A(x) + ε</c> of inverse-problem imaging (arXiv:2505.20789;
/// docs/inverse-imaging.md, [proposal]): maps an image of <see cref="InputShape"/> to a measurement of
/// <see cref="OutputShape"/>.
/// </summary>
/// <remarks>
/// <para>Conventions shared by all implementations (checked by tests):</para>
/// <list type="bullet">
/// <item>Inputs and outputs are flat row-major spans (<see cref="ImageShape"/>); the caller owns the buffers.</item>
/// <item>A linear operator satisfies the adjoint identity <c>⟨A x, v⟩ = ⟨x, Aᵀ v⟩</c> to round-off, and
/// <see cref="JacobianAdjoint"/> equals <see cref="Adjoint"/> for every <c>x</c>.</item>
/// <item><see cref="LipschitzSquared"/> is <c>L = ‖A‖²</c> (linear) or a global bound on <c>‖J_A(x)‖²</c>
/// (nonlinear); <see cref="LipschitzIsExact"/> says whether it is exact or a power-iteration estimate.</item>
/// </list>
/// </remarks>
public interface IForwardOperator
{
    /// <summary>Shape of the image x.</summary>
    ImageShape InputShape { get; }

    /// <summary>Shape of the measurement A(x).</summary>
    ImageShape OutputShape { get; }

    /// <summary>True when A is linear (then <see cref="Adjoint"/> is available).</summary>
    bool IsLinear { get; }

    /// <summary><c>L = ‖A‖²</c> (largest eigenvalue of AᵀA), or for a nonlinear A a bound on ‖J_A(x)‖² over all x.</summary>
    double LipschitzSquared { get; }

    /// <summary>True when <see cref="LipschitzSquared"/> is a closed form; false when it is a power-iteration estimate.</summary>
    bool LipschitzIsExact { get; }

    /// <summary>Computes <c>y = A(x)</c>.</summary>
    /// <param name="x">Image, length <c>InputShape.Length</c>.</param>
    /// <param name="y">Output, length <c>OutputShape.Length</c>.</param>
    void Apply(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>Computes <c>Aᵀ v</c>; throws <see cref="NotSupportedException"/> for a nonlinear operator.</summary>
    /// <param name="v">Measurement-space vector, length <c>OutputShape.Length</c>.</param>
    /// <param name="result">Output, length <c>InputShape.Length</c>.</param>
    void Adjoint(ReadOnlySpan<double> v, Span<double> result);

    /// <summary>
    /// Computes <c>J_A(x)ᵀ v</c>, the vector-Jacobian product used by gradient methods (for the data term
    /// <c>½‖A(x) − y‖²</c> the gradient is <c>J_A(x)ᵀ (A(x) − y)</c>). Equals <c>Aᵀ v</c> for a linear operator.
    /// </summary>
    /// <param name="x">Point of linearization, length <c>InputShape.Length</c>.</param>
    /// <param name="v">Measurement-space vector, length <c>OutputShape.Length</c>.</param>
    /// <param name="result">Output, length <c>InputShape.Length</c>.</param>
    void JacobianAdjoint(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);
}

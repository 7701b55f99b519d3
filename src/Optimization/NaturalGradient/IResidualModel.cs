namespace PhyToolkit.Optimization.NaturalGradient;

/// <summary>
/// A nonlinear least-squares model with the loss L(θ) = ½‖r(θ)‖², r ∈ ℝᴺ, θ ∈ ℝᴾ, and its Jacobian J = ∂r/∂θ (N × P,
/// row-major). The energy natural gradient of a PINN with a linear operator is the Gauss–Newton step of this form
/// (Müller &amp; Zeinhofer, ICML 2023; Guzmán-Cordero et al., arXiv 2505.12149, Sec. 2).
/// </summary>
/// <remarks>
/// Conventions every implementation shares: the residual count and the parameter count are fixed for the life of the
/// model (a model that resamples its data keeps N); <see cref="Residuals"/> and <see cref="Jacobian"/> evaluated at the same
/// θ on the same data give the same r; no call allocates a buffer the caller passes in.
/// </remarks>
public interface IResidualModel
{
    /// <summary>P, the number of parameters.</summary>
    int ParameterCount { get; }

    /// <summary>N, the number of residuals.</summary>
    int ResidualCount { get; }

    /// <summary>Writes r(θ) (length N) into <paramref name="residuals"/>.</summary>
    void Residuals(ReadOnlySpan<double> theta, Span<double> residuals);

    /// <summary>Writes r(θ) (length N) and J(θ) = ∂r/∂θ (N × P, row-major: row i is ∂rᵢ/∂θ).</summary>
    void Jacobian(ReadOnlySpan<double> theta, Span<double> residuals, Span<double> jacobian);
}

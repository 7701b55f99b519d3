namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// The data-to-gradient map G(z) = ∇_θ ℓ(θ; z) of a model whose parameters θ are frozen at the audited training step,
/// with its data Jacobian J(z) = ∂G/∂z = ∂²ℓ/∂θ∂z (the "variation matrix" at z). Setting of Dixit, Hui and Saab,
/// <i>The Measure of Deception: An Analysis of Data Forging in Machine Unlearning</i>, arXiv 2509.05865 [P]; the
/// interface shape is [Proposed].
/// </summary>
public interface IGradientMap
{
    /// <summary>Data dimension d (continuous coordinates of one data point z).</summary>
    int DataDimension { get; }

    /// <summary>Parameter dimension p (length of the gradient).</summary>
    int ParameterDimension { get; }

    /// <summary>Writes G(z) (length p) into <paramref name="gradient"/>.</summary>
    /// <param name="z">Data point, length d.</param>
    /// <param name="gradient">Output, length p.</param>
    void Gradient(ReadOnlySpan<double> z, Span<double> gradient);

    /// <summary>Writes the p×d data Jacobian J(z) = ∂G/∂z into <paramref name="jacobian"/>.</summary>
    /// <param name="z">Data point, length d.</param>
    /// <param name="jacobian">Output, p rows by d columns.</param>
    void Jacobian(ReadOnlySpan<double> z, double[,] jacobian);
}

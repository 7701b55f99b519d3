namespace PhyToolkit.Optimization.Objectives;

/// <summary>
/// f(x) = −g(x): turns a minimisation of g into the maximisation every optimizer of this namespace performs.
/// The gradient is −∇g when g has one.
/// </summary>
public sealed class NegatedObjective : IObjective
{
    private readonly IObjective _inner;

    /// <summary>Wraps <paramref name="inner"/> (g).</summary>
    public NegatedObjective(IObjective inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> x) => -_inner.Evaluate(x);

    /// <inheritdoc/>
    public bool HasGradient => _inner.HasGradient;

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        _inner.Gradient(x, gradient);
        for (int i = 0; i < gradient.Length; i++) gradient[i] = -gradient[i];
    }
}

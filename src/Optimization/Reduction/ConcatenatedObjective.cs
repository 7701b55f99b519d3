using PhyToolkit.Optimization.Objectives;
namespace PhyToolkit.Optimization.Reduction;

/// <summary>A split objective f(x1, x2) seen as an <see cref="IObjective"/> of the concatenation x = (x1, x2) (value to minimise).</summary>
public sealed class ConcatenatedObjective : IObjective
{
    private readonly ISplitObjective _f;

    /// <summary>Wraps <paramref name="objective"/>.</summary>
    public ConcatenatedObjective(ISplitObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        _f = objective;
    }

    /// <inheritdoc/>
    public bool HasGradient => true;

    /// <summary>f(x[..n1], x[n1..]).</summary>
    public double Evaluate(ReadOnlySpan<double> x) => _f.Evaluate(x[.._f.N1], x[_f.N1..]);

    /// <summary>(∇_1 f, ∇_2 f) concatenated.</summary>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) =>
        _f.Gradient(x[.._f.N1], x[_f.N1..], gradient[.._f.N1], gradient[_f.N1..]);
}

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>A linear budget g(z) = aᵀz − b (spec of arXiv 2509.01172 §2 notes and test bed T1, [Proposed]).</summary>
public sealed class LinearResourceConstraint : IResourceConstraint
{
    private readonly double[] _a;

    /// <summary>aᵀz − <paramref name="budget"/>; every entry finite.</summary>
    public LinearResourceConstraint(IReadOnlyList<double> coefficients, double budget)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count == 0) throw new ArgumentException("a constraint needs at least one coefficient.", nameof(coefficients));
        _a = new double[coefficients.Count];
        for (int k = 0; k < _a.Length; k++) _a[k] = Guard.Finite(coefficients[k], $"{nameof(coefficients)}[{k}]");
        Budget = Guard.Finite(budget, nameof(budget));
    }

    /// <summary>The coefficients a.</summary>
    public IReadOnlyList<double> Coefficients => _a;

    /// <summary>The budget b.</summary>
    public double Budget { get; }

    /// <inheritdoc/>
    public int Dimension => _a.Length;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> z)
    {
        double s = -Budget;
        for (int k = 0; k < _a.Length; k++) s += _a[k] * z[k];
        return s;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> z, Span<double> gradient) => _a.CopyTo(gradient);
}

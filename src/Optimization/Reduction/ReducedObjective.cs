using PhyToolkit.Optimization.Objectives;
namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// The reduced objective F(x1) = f(x1, Ψ(x1)) of a split objective and a reduction mapping, as an <see cref="IObjective"/>
/// (value to minimise, with gradient). docs/optim-reduction.md [derived]:
/// ∇F = ∇_1 f(Φ) + DΨᵀ∇_2 f(Φ); for argmin reductions ∇F = ∇_1 f(x1, Ψ(x1)) (envelope / Danskin).
/// </summary>
/// <remarks>Keeps scratch buffers: not thread-safe, use one instance per worker.</remarks>
public sealed class ReducedObjective : IObjective
{
    private readonly double[] _x2, _g2, _jac, _metric, _chol;

    /// <summary>Wraps <paramref name="objective"/> and <paramref name="reduction"/>.</summary>
    /// <exception cref="ArgumentException">The dimensions of the two disagree.</exception>
    public ReducedObjective(ISplitObjective objective, IReduction reduction)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(reduction);
        if (objective.N1 != reduction.N1 || objective.N2 != reduction.N2)
            throw new ArgumentException($"reduction dimensions ({reduction.N1}, {reduction.N2}) must equal the objective's ({objective.N1}, {objective.N2}).", nameof(reduction));
        Objective = objective;
        Reduction = reduction;
        _x2 = new double[objective.N2];
        _g2 = new double[objective.N2];
        _jac = reduction.HasJacobian ? new double[objective.N2 * objective.N1] : [];
        _metric = reduction.HasJacobian ? new double[objective.N1 * objective.N1] : [];
        _chol = reduction.HasJacobian ? new double[objective.N1 * objective.N1] : [];
    }

    /// <summary>The full objective f.</summary>
    public ISplitObjective Objective { get; }

    /// <summary>The reduction Ψ.</summary>
    public IReduction Reduction { get; }

    /// <summary>Dimension n1 of the reduced variable.</summary>
    public int Dimension => Objective.N1;

    /// <inheritdoc/>
    public bool HasGradient => true;

    /// <summary>F(x1) = f(x1, Ψ(x1)).</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        Reduction.Psi(x, _x2);
        return Objective.Evaluate(x, _x2);
    }

    /// <summary>∇F(x1): envelope form for argmin reductions, chain rule ∇_1 f + DΨᵀ∇_2 f otherwise (needs the Jacobian).</summary>
    /// <exception cref="NotSupportedException">A non-argmin reduction without a Jacobian.</exception>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Reduction.Psi(x, _x2);
        Objective.Gradient(x, _x2, gradient, _g2);
        if (Reduction.IsArgmin) return;
        if (!Reduction.HasJacobian) throw new NotSupportedException("A non-argmin reduction needs HasJacobian for ∇F.");
        Reduction.Jacobian(x, _jac);
        int n1 = Objective.N1, n2 = Objective.N2;
        for (int k = 0; k < n2; k++)
            for (int i = 0; i < n1; i++) gradient[i] += _jac[k * n1 + i] * _g2[k];
    }

    /// <summary>Writes the pullback metric G(x1) = I + DΨᵀDΨ (n1×n1 row-major).</summary>
    /// <exception cref="NotSupportedException">The reduction has no Jacobian.</exception>
    public void PullbackMetric(ReadOnlySpan<double> x, Span<double> metric)
    {
        if (!Reduction.HasJacobian) throw new NotSupportedException("The pullback metric needs HasJacobian.");
        Reduction.Jacobian(x, _jac);
        int n1 = Objective.N1, n2 = Objective.N2;
        for (int i = 0; i < n1; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n2; k++) s += _jac[k * n1 + i] * _jac[k * n1 + j];
                metric[i * n1 + j] = s; metric[j * n1 + i] = s;
            }
    }

    /// <summary>Solves G(x1)·d = g for the pullback direction d (Cholesky; G ⪰ I so it is always SPD).</summary>
    public void PullbackDirection(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, Span<double> direction)
    {
        PullbackMetric(x, _metric);
        int n = Objective.N1;
        DenseCholesky.Factor(_metric, _chol, n);
        DenseCholesky.Solve(_chol, n, gradient, direction);
    }
}

namespace PhyToolkit.Optimization.Objectives;

/// <summary>
/// A real-valued objective f: ℝⁿ → ℝ over a real vector. Every optimizer in this namespace <b>maximises</b>; to minimise
/// g, optimise <see cref="NegatedObjective"/> of g (f = −g).
/// </summary>
/// <remarks>
/// Implementations used with a parallel adapter (<see cref="PointwiseBatchObjective"/> with
/// <c>maxDegreeOfParallelism &gt; 1</c>) must be thread-safe for concurrent <see cref="Evaluate"/> calls.
/// A non-finite value (NaN, −∞) is treated as "worse than everything" by the optimizers.
/// </remarks>
public interface IObjective
{
    /// <summary>Evaluates f(x). <paramref name="x"/> is read only and not retained.</summary>
    double Evaluate(ReadOnlySpan<double> x);

    /// <summary>True when <see cref="Gradient"/> is implemented.</summary>
    bool HasGradient => false;

    /// <summary>
    /// Writes ∇f(x) (∂f/∂x_i, same length as <paramref name="x"/>) into <paramref name="gradient"/>.
    /// The default implementation throws <see cref="NotSupportedException"/>; check <see cref="HasGradient"/>.
    /// </summary>
    void Gradient(ReadOnlySpan<double> x, Span<double> gradient) =>
        throw new NotSupportedException("This objective has no gradient (HasGradient is false).");
}

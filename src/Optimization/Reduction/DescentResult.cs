using PhyToolkit.Optimization.Results;
namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Outcome of <see cref="ReducedGradientDescent"/>: final point, value, iteration count, stop reason, value history and
/// deterministic work counts (docs/optim-reduction.md claim 5 is judged on these, never on wall-clock).
/// </summary>
/// <param name="X">Final iterate (x1 for reduced and alternating runs, the concatenation (x1, x2) for full runs).</param>
/// <param name="Value">Objective value at <paramref name="X"/> (F for reduced and alternating runs, f for full runs).</param>
/// <param name="Iterations">Iterations taken.</param>
/// <param name="Reason">Why it stopped (<see cref="StopReason.Converged"/> when a tolerance was met).</param>
/// <param name="History">Objective value after each iteration, starting with the initial value.</param>
public sealed record DescentResult(double[] X, double Value, int Iterations, StopReason Reason, IReadOnlyList<double> History)
{
    /// <summary>Objective evaluations (f for full runs, F = f∘Φ for reduced runs: each one includes an inner solve Ψ).</summary>
    public long Evaluations { get; init; }

    /// <summary>Gradient evaluations (∇f, or ∇F for reduced runs).</summary>
    public long Gradients { get; init; }

    /// <summary>Search-direction solves beyond the gradient: pullback-metric solves G d = g, or Jacobi scalings D⁻¹g.</summary>
    public long DirectionSolves { get; init; }

    /// <summary>Exact block minimisations of x1 (alternating minimisation with a closed-form first block), else 0.</summary>
    public long BlockMinimizations { get; init; }

    /// <summary>Inner-solver iterations (conjugate-gradient steps on H22) of an inexact argmin reduction, else 0.</summary>
    public long InnerIterations { get; init; }

    /// <summary>Accepted step size of each iteration (η for fixed steps, the backtracked t for Armijo).</summary>
    public IReadOnlyList<double> Steps { get; init; } = [];
}

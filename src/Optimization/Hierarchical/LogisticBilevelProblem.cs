namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// What the logistic bilevel problems B2 (<see cref="RegularizationSelection"/>) and B3 (<see cref="DataCleaning"/>) share
/// once a problem has written the lower-level weights of its outer variable x (<see cref="LoadOuter"/>): the weighted lower
/// objective g(x, θ) = Σ_i c_i(x) ℓ_i(θ) + ½Σ_j r_j(x) θ_j², the exact lower solution θ*(x) and the linear-system solution
/// v*(x) = [∇²_θθ g(x, θ*)]⁻¹∇_θ f(θ*), cached for the last x (docs/optim-hierarchical.md).
/// </summary>
public abstract class LogisticBilevelProblem
{
    private protected LogisticBilevelProblem() { }

    /// <summary>The data, weights and cached solutions; set once by the derived constructor.</summary>
    private protected LogisticBilevelState State { get; init; } = null!;

    /// <summary>Writes the weights c(x) and r(x) of the lower objective into the state.</summary>
    private protected abstract void LoadOuter(ReadOnlySpan<double> x);

    /// <summary>g(x, θ) for the weights of <paramref name="x"/>.</summary>
    public double LowerValue(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        LoadOuter(x);
        State.Invalidate();
        return State.Train.Objective(State.SampleWeights, State.Ridge, y);
    }

    /// <summary>θ*(x) = argmin_θ g(x, θ) (damped Newton, ‖∇g‖ ≤ 1e-12).</summary>
    public void InnerSolution(ReadOnlySpan<double> x, Span<double> y)
    {
        SolveAt(x);
        State.Theta.CopyTo(y);
    }

    /// <summary>v*(x) = [∇²_θθ g(x, θ*)]⁻¹∇_θ f(θ*).</summary>
    public void LinearSystemSolution(ReadOnlySpan<double> x, Span<double> z)
    {
        SolveAt(x);
        State.V.CopyTo(z);
    }

    /// <summary>f(θ), the mean validation logistic loss at θ.</summary>
    public double ValidationLoss(ReadOnlySpan<double> theta) => State.ValidationLoss(theta);

    /// <summary>Solves for θ* and v* at <paramref name="x"/> unless they are cached for it.</summary>
    private protected void SolveAt(ReadOnlySpan<double> x)
    {
        if (State.IsSolvedAt(x)) return;
        LoadOuter(x);
        State.Solve(x);
    }
}

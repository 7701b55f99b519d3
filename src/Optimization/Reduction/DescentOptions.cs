namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Options of <see cref="ReducedGradientDescent"/>. Defaults are [proposal] values of docs/optim-reduction.md
/// (Armijo c = 1e-4, shrink 0.5) and §4.2 (relative suboptimality 1e-8).
/// </summary>
public sealed record DescentOptions
{
    /// <summary>Step rule.</summary>
    public DescentStepRule Rule { get; init; } = DescentStepRule.Fixed;

    /// <summary>Fixed step η, or the initial trial step of Armijo; &gt; 0.</summary>
    public double StepSize { get; init; } = 1e-2;

    /// <summary>Iteration cap ≥ 1.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Known optimal value f* (stops at f − f* ≤ tol·(f0 − f*)); NaN disables the suboptimality test.</summary>
    public double TargetValue { get; init; } = double.NaN;

    /// <summary>Relative suboptimality tolerance in (0, 1).</summary>
    public double RelativeTolerance { get; init; } = 1e-8;

    /// <summary>Stop when ‖∇‖ ≤ this value (≥ 0; 0 disables).</summary>
    public double GradientTolerance { get; init; }

    /// <summary>Armijo sufficient-decrease constant c in (0, 1).</summary>
    public double ArmijoC { get; init; } = 1e-4;

    /// <summary>Armijo shrink factor in (0, 1).</summary>
    public double Shrink { get; init; } = 0.5;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming it and its range.</summary>
    public void Validate()
    {
        Guard.Positive(StepSize, nameof(StepSize));
        Guard.AtLeast(MaxIterations, 1, nameof(MaxIterations));
        if (!double.IsNaN(TargetValue)) Guard.Finite(TargetValue, nameof(TargetValue));
        Guard.InRange(RelativeTolerance, double.Epsilon, Math.BitDecrement(1.0), nameof(RelativeTolerance));
        Guard.NonNegative(GradientTolerance, nameof(GradientTolerance));
        Guard.InRange(ArmijoC, double.Epsilon, Math.BitDecrement(1.0), nameof(ArmijoC));
        Guard.InRange(Shrink, double.Epsilon, Math.BitDecrement(1.0), nameof(Shrink));
        if (!Enum.IsDefined(Rule)) throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "Rule must be Fixed or Armijo.");
    }
}

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Options of <see cref="AdaMinimax"/> and <see cref="AdaBilevel"/> (docs/optim-hierarchical.md, all defaults
/// [proposal] since the paper's parameter formulas were not reachable). Validated by <see cref="Validate"/>.
/// </summary>
public sealed record HierarchicalOptions
{
    /// <summary>Number of iterations T ≥ 1.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Outer parameter rule (adaptive, or fixed NSGD-M).</summary>
    public OuterStepRule Rule { get; init; } = OuterStepRule.Adaptive;

    /// <summary>c_α &gt; 0 of the adaptive rule (plays √(LΔ)); default 1 [proposal].</summary>
    public double CAlpha { get; init; } = 1.0;

    /// <summary>c_η &gt; 0 of the adaptive rule (plays √(Δ/L)); default 0.1 [proposal]; rescale with the length scale ‖x* − x0‖.</summary>
    public double CEta { get; init; } = 0.1;

    /// <summary>Momentum weight α in (0, 1] of the fixed rule.</summary>
    public double FixedAlpha { get; init; } = 0.1;

    /// <summary>Normalised step η &gt; 0 of the fixed rule.</summary>
    public double FixedEta { get; init; } = 0.01;

    /// <summary>Inner AdaGrad-Norm step γ_y &gt; 0 (default 1 [proposal]).</summary>
    public double GammaY { get; init; } = 1.0;

    /// <summary>Linear-system AdaGrad-Norm step γ_z &gt; 0 (bilevel only; default 1 [proposal]).</summary>
    public double GammaZ { get; init; } = 1.0;

    /// <summary>Safeguard δ &gt; 0 in √(δ + v) and max(‖m‖, δ) (default 1e-8 [proposal]).</summary>
    public double Delta { get; init; } = 1e-8;

    /// <summary>Radius R_z &gt; 0 of the ball the linear-system variable z is projected onto (bilevel only; +∞ = none).</summary>
    public double RadiusZ { get; init; } = double.PositiveInfinity;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming it and its range.</summary>
    public void Validate()
    {
        Guard.AtLeast(Iterations, 1, nameof(Iterations));
        Guard.Positive(CAlpha, nameof(CAlpha));
        Guard.Positive(CEta, nameof(CEta));
        Guard.InRange(FixedAlpha, double.Epsilon, 1, nameof(FixedAlpha));
        Guard.Positive(FixedEta, nameof(FixedEta));
        Guard.Positive(GammaY, nameof(GammaY));
        Guard.Positive(GammaZ, nameof(GammaZ));
        Guard.Positive(Delta, nameof(Delta));
        Guard.PositiveOrInfinity(RadiusZ, nameof(RadiusZ));
        if (!Enum.IsDefined(Rule)) throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "Rule must be Adaptive or Fixed.");
    }
}

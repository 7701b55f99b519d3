namespace PhyToolkit.Optimization.Inverse;

/// <summary>
/// Settings of the total-variation solvers for <c>min ½‖A(x) − y‖² + λ·TV(x) [+ ι_[-1,1](x)]</c>
/// (docs/inverse-imaging.md; all defaults are our choice unless noted).
/// </summary>
public sealed record TotalVariationOptions
{
    /// <summary>λ ≥ 0, the TV weight (choose it on validation images or by the discrepancy principle, never on test images).</summary>
    public required double Lambda { get; init; }

    /// <summary>Outer iterations, ≥ 1 (spec: ≈100 for ADMM).</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>FISTA: dual projected-gradient iterations of the TV prox per outer iteration (spec: ≈20), warm-started.</summary>
    public int InnerIterations { get; init; } = 20;

    /// <summary>FISTA and PDHG: include the box constraint <c>x ∈ [-1, 1]</c>. ADMM solves the problem without it.</summary>
    public bool BoxConstraint { get; init; } = true;

    /// <summary>ADMM penalty ρ &gt; 0 (spec: 1–10).</summary>
    public double Penalty { get; init; } = 2;

    /// <summary>ADMM: CG iterations of each x-step (warm tolerance 1e-10 relative).</summary>
    public int LinearIterations { get; init; } = 200;

    /// <summary>Boundary of the differences D.</summary>
    public DifferenceBoundary Boundary { get; init; } = DifferenceBoundary.Neumann;

    /// <summary>Throws naming the first invalid field.</summary>
    public void Validate()
    {
        Guard.NonNegative(Lambda, nameof(Lambda));
        Guard.AtLeast(Iterations, 1, nameof(Iterations));
        Guard.AtLeast(InnerIterations, 1, nameof(InnerIterations));
        Guard.Positive(Penalty, nameof(Penalty));
        Guard.AtLeast(LinearIterations, 1, nameof(LinearIterations));
    }
}

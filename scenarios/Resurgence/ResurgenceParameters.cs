using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Resurgence;

/// <summary>
/// Parameters of the <c>resurgence</c> scenario (docs/resurgence.md). Defaults are the resurgence spec's reproduction
/// plan ([Proposed]); the paper (arXiv 2509.01329) gives no values.
/// </summary>
public sealed record ResurgenceParameters : IValidatable
{
    /// <summary>Series orders K at which the nearest stable pole is compared with the exact barrier in 1-D (spec: 20 and 30).</summary>
    public int[] Orders { get; init; } = [20, 30];

    /// <summary>Tilts ε of the T2 double well (spec {0.05, 0.1, 0.2}).</summary>
    public double[] Epsilons { get; init; } = [0.05, 0.1, 0.2];

    /// <summary>Order K of the 2-D Laplace route on T4 (spec 10).</summary>
    public int LaplaceOrder { get; init; } = 10;

    /// <summary>Relative size of the coefficient perturbation of claim 6 (spec 1e-10).</summary>
    public double Perturbation { get; init; } = 1e-10;

    /// <summary>Gradient budget per run of the descent study (T2, T4).</summary>
    public int DescentBudget { get; init; } = 3000;

    /// <summary>The fixed-step grid of the baseline (spec: 6 points; values our choice).</summary>
    public double[] FixedSteps { get; init; } = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5];

    /// <summary>η_max of the target-aware Polyak step (our choice; the spec leaves it open).</summary>
    public double PolyakMaxStep { get; init; } = 1;

    /// <summary>Success level above the global minimum (spec 1e-8).</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Gradient budget per start of the escape study (T5), shared by every arm.</summary>
    public int EscapeBudget { get; init; } = 2000;

    /// <summary>Fixed step of the local descent in the escape study (our choice; below 2/λ_max ≈ 0.49 on T5).</summary>
    public double EscapeStep { get; init; } = 0.1;

    /// <summary>Half-width of the start box [−b, b]² of the escape study (our choice, 2π: about 4 wells per axis).</summary>
    public double EscapeBox { get; init; } = 2 * Math.PI;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.AllInRange(Orders, 8, 30, Check.Path(path, "orders"));
        Check.Distinct(Orders, Check.Path(path, "orders"));
        Check.AllInRange(Epsilons, 0.01, 0.3, Check.Path(path, "epsilons"));
        Check.Distinct(Epsilons, Check.Path(path, "epsilons"));
        Check.InRange(LaplaceOrder, 4, 20, Check.Path(path, "laplaceOrder"));
        Check.InRange(Perturbation, 0, 1e-3, Check.Path(path, "perturbation"));
        Check.InRange(DescentBudget, 10, 1_000_000, Check.Path(path, "descentBudget"));
        Check.AllInRange(FixedSteps, 1e-6, 10, Check.Path(path, "fixedSteps"));
        Check.Distinct(FixedSteps, Check.Path(path, "fixedSteps"));
        Check.InRange(PolyakMaxStep, 1e-4, 100, Check.Path(path, "polyakMaxStep"));
        Check.InRange(Tolerance, 1e-14, 1e-2, Check.Path(path, "tolerance"));
        Check.InRange(EscapeBudget, 10, 1_000_000, Check.Path(path, "escapeBudget"));
        Check.InRange(EscapeStep, 1e-4, 0.45, Check.Path(path, "escapeStep"));
        Check.InRange(EscapeBox, 0.1, 50, Check.Path(path, "escapeBox"));
    }
}

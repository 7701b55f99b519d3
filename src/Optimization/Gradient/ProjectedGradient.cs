using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Results;
namespace PhyToolkit.Optimization.Gradient;

/// <summary>
/// Projected gradient <b>ascent</b> with Armijo backtracking along the projection arc, on real vectors and on complex
/// vectors / column-major matrices (fa-plkg docs/fa-plkg.md). Minimise g by maximising <see cref="NegatedObjective"/>.
/// </summary>
/// <remarks>
/// <para>Iteration (x feasible, f = f(x)): g = ∇f(x) (complex: g = ∂f/∂x*, fa-plkg docs/fa-plkg.md);
/// μ0 = s·‖x‖/‖g‖; trial x⁺ = Π(x + μg) for μ = μ0, βμ0, β²μ0, …, accepted at the first μ with
/// f(x⁺) ≥ f(x) + c·D, where D = ⟨g, x⁺ − x⟩ (real) or D = 2·Re Σ conj(g_i)(x⁺_i − x_i) (complex, the exact first-order
/// change). By the projection property D ≥ ‖x⁺ − x‖²/μ ≥ 0, so accepted steps never decrease f.</para>
/// <para>Stops with <see cref="StopReason.Converged"/> when an accepted step gains at most
/// RelativeTolerance·|f| + AbsoluteTolerance, or when ∇f = 0; with <see cref="StopReason.LineSearchFailed"/> when
/// μ/μ0 falls below MinStepRatio; else after MaxIterations. The start point is projected first.</para>
/// <para>The <c>MaximizeInPlace</c> overloads do not allocate (given a null trace) and are meant for inner loops
/// (e.g. the precoder solve inside every PSO fitness evaluation, docs/fa-plkg.md-A).</para>
/// </remarks>
public sealed partial class ProjectedGradient
{
    /// <summary>Creates the optimizer with validated <paramref name="options"/>.</summary>
    public ProjectedGradient(ProjectedGradientOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The settings.</summary>
    public ProjectedGradientOptions Options { get; }

    /// <summary>Workspace length the in-place overloads need for a problem of <paramref name="dimension"/> unknowns (2n).</summary>
    public static int WorkspaceLength(int dimension) => 2 * Guard.AtLeast(dimension, 0, nameof(dimension));

    private bool Improved(double fOld, double fNew) =>
        fNew - fOld > Options.RelativeTolerance * Math.Abs(fNew) + Options.AbsoluteTolerance;
}

using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// An objective L(θ) on ℝ^d with exact gradient, Hessian and Taylor coefficients along a line — what the resurgence
/// pipeline needs to expand the partition function around a minimum (docs/resurgence.md).
/// </summary>
public interface IAnalyticLandscape : IObjective
{
    /// <summary>Dimension d.</summary>
    int Dimension { get; }

    /// <summary>Hessian ∇²L(θ) into <paramref name="hessian"/> (d×d).</summary>
    void Hessian(ReadOnlySpan<double> theta, double[,] hessian);

    /// <summary>Taylor coefficients of x ↦ L(θ0 + x·u) at x = 0 up to order <paramref name="order"/> (exact, not finite differences).</summary>
    PowerSeries AlongLine(ReadOnlySpan<double> theta0, ReadOnlySpan<double> u, int order);
}

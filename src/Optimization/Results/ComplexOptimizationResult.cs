using System.Numerics;
using PhyToolkit.Optimization.Gradient;

namespace PhyToolkit.Optimization.Results;

/// <summary>Outcome of a maximisation over a complex vector or column-major matrix (<see cref="ProjectedGradient"/>).</summary>
public sealed class ComplexOptimizationResult : OptimizationResult<Complex>
{
    /// <summary>Creates a result; the arrays and trace are taken over, not copied.</summary>
    public ComplexOptimizationResult(Complex[] bestX, double bestValue, int iterations, long evaluations, StopReason stopReason, ConvergenceTrace history)
        : base(bestX, bestValue, iterations, evaluations, stopReason, history)
    {
    }
}

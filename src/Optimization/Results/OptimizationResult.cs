using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Swarm;
namespace PhyToolkit.Optimization.Results;

/// <summary>Outcome of a maximisation over a real vector (<see cref="ParticleSwarm"/>, <see cref="ProjectedGradient"/>).</summary>
public sealed class OptimizationResult : OptimizationResult<double>
{
    /// <summary>Creates a result; the arrays and trace are taken over, not copied.</summary>
    public OptimizationResult(double[] bestX, double bestValue, int iterations, long evaluations, StopReason stopReason, ConvergenceTrace history)
        : base(bestX, bestValue, iterations, evaluations, stopReason, history)
    {
    }
}

using System.Numerics;

namespace PhyToolkit.Optimization;

/// <summary>Outcome of a maximisation over a complex vector or column-major matrix (<see cref="ProjectedGradient"/>).</summary>
public sealed class ComplexOptimizationResult
{
    /// <summary>Creates a result; the arrays and trace are taken over, not copied.</summary>
    public ComplexOptimizationResult(Complex[] bestX, double bestValue, int iterations, long evaluations, StopReason stopReason, ConvergenceTrace history)
    {
        BestX = bestX ?? throw new ArgumentNullException(nameof(bestX));
        BestValue = bestValue;
        Iterations = iterations;
        Evaluations = evaluations;
        StopReason = stopReason;
        History = history ?? throw new ArgumentNullException(nameof(history));
    }

    /// <summary>The best point found (owned by this result).</summary>
    public Complex[] BestX { get; }

    /// <summary>The objective value at <see cref="BestX"/>.</summary>
    public double BestValue { get; }

    /// <summary>Gradient iterations performed.</summary>
    public int Iterations { get; }

    /// <summary>Function evaluations performed (gradients not counted).</summary>
    public long Evaluations { get; }

    /// <summary>Why the run ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>Best value per iteration and cumulative evaluations.</summary>
    public ConvergenceTrace History { get; }
}

namespace PhyToolkit.Optimization;

/// <summary>Outcome of a maximisation over a real vector (<see cref="ParticleSwarm"/>, <see cref="ProjectedGradient"/>).</summary>
public sealed class OptimizationResult
{
    /// <summary>Creates a result; the arrays and trace are taken over, not copied.</summary>
    public OptimizationResult(double[] bestX, double bestValue, int iterations, long evaluations, StopReason stopReason, ConvergenceTrace history)
    {
        BestX = bestX ?? throw new ArgumentNullException(nameof(bestX));
        BestValue = bestValue;
        Iterations = iterations;
        Evaluations = evaluations;
        StopReason = stopReason;
        History = history ?? throw new ArgumentNullException(nameof(history));
    }

    /// <summary>The best point found (owned by this result).</summary>
    public double[] BestX { get; }

    /// <summary>The objective value at <see cref="BestX"/> (including any penalty; larger is better).</summary>
    public double BestValue { get; }

    /// <summary>Iterations performed (PSO: swarm moves after initialisation; PGD: accepted or attempted steps).</summary>
    public int Iterations { get; }

    /// <summary>Objective evaluations performed (PSO: particles evaluated; PGD: function values, gradients not counted).</summary>
    public long Evaluations { get; }

    /// <summary>Why the run ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>Best value per iteration and cumulative evaluations.</summary>
    public ConvergenceTrace History { get; }
}

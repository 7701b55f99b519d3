namespace PhyToolkit.Optimization.Results;

/// <summary>
/// Outcome of a maximisation over a vector of <typeparamref name="TScalar"/> (real: <see cref="OptimizationResult"/>;
/// complex vectors or column-major matrices: <see cref="ComplexOptimizationResult"/>).
/// </summary>
/// <typeparam name="TScalar">Entry type of the point (double or System.Numerics.Complex).</typeparam>
public abstract class OptimizationResult<TScalar>
{
    /// <summary>Creates a result; the arrays and trace are taken over, not copied.</summary>
    protected OptimizationResult(TScalar[] bestX, double bestValue, int iterations, long evaluations, StopReason stopReason, ConvergenceTrace history)
    {
        BestX = bestX ?? throw new ArgumentNullException(nameof(bestX));
        BestValue = bestValue;
        Iterations = iterations;
        Evaluations = evaluations;
        StopReason = stopReason;
        History = history ?? throw new ArgumentNullException(nameof(history));
    }

    /// <summary>The best point found (owned by this result).</summary>
    public TScalar[] BestX { get; }

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

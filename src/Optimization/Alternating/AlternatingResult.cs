using PhyToolkit.Optimization.Results;
namespace PhyToolkit.Optimization.Alternating;

/// <summary>Outcome of an <see cref="AlternatingOptimizer"/> run.</summary>
/// <typeparam name="T">Element type of block 2.</typeparam>
public sealed class AlternatingResult<T> where T : struct
{
    /// <summary>Creates a result; arrays and trace are taken over.</summary>
    public AlternatingResult(double[] block1, T[] block2, double bestValue, int iterations, long evaluations, StopReason stopReason, ConvergenceTrace history)
    {
        Block1 = block1 ?? throw new ArgumentNullException(nameof(block1));
        Block2 = block2 ?? throw new ArgumentNullException(nameof(block2));
        BestValue = bestValue;
        Iterations = iterations;
        Evaluations = evaluations;
        StopReason = stopReason;
        History = history ?? throw new ArgumentNullException(nameof(history));
    }

    /// <summary>Best block-1 point x.</summary>
    public double[] Block1 { get; }

    /// <summary>Block-2 point y paired with <see cref="Block1"/>.</summary>
    public T[] Block2 { get; }

    /// <summary>F(x, y) − penalty(x) at the returned pair.</summary>
    public double BestValue { get; }

    /// <summary>Two-loop: outer swarm moves. Block alternation: rounds.</summary>
    public int Iterations { get; }

    /// <summary>Fitness evaluations: two-loop = inner solves (one per particle evaluation, plus the final solve);
    /// block alternation = swarm evaluations of F plus block-2 solves.</summary>
    public long Evaluations { get; }

    /// <summary>Why the run ended (two-loop: the swarm's reason; alternation: Converged / MaxIterations / Cancelled).</summary>
    public StopReason StopReason { get; }

    /// <summary>Best value vs iterations and vs cumulative fitness evaluations (two-loop: per swarm move, then one
    /// point for the final solve if it ran; alternation: per round, point 0 = first block-2 pass).</summary>
    public ConvergenceTrace History { get; }
}

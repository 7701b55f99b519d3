namespace PhyToolkit.Optimization.MultiObjective;

/// <summary>
/// M objectives evaluated on a whole batch of points in one call (the multi-objective counterpart of
/// <see cref="Objectives.IBatchObjective"/>). <b>Every objective is minimised</b> (the convention of Pareto dominance,
/// hypervolume and the ZDT test suite; negate a quantity to maximise it).
/// </summary>
public interface IMultiObjectiveBatch
{
    /// <summary>Number of objectives M ≥ 1.</summary>
    int ObjectiveCount { get; }

    /// <summary>
    /// Evaluates S points stored row-major in <paramref name="points"/> (S×d) and writes the objective vector of point i
    /// into <c>objectives[i*M .. (i+1)*M)</c> (S×M row-major, S = <c>objectives.Length / M</c>). The vector of point i must
    /// depend only on point i, so that runs are reproducible for any batching or thread count.
    /// </summary>
    void Evaluate(ReadOnlySpan<double> points, Span<double> objectives);
}

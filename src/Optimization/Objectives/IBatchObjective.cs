namespace PhyToolkit.Optimization.Objectives;

/// <summary>
/// An objective evaluated on a whole batch of points in one call (for example every particle of a swarm).
/// Implementations may vectorise, parallelise or off-load the batch (GPU) without the calling algorithm changing.
/// Larger is better (maximisation convention of this namespace).
/// </summary>
public interface IBatchObjective
{
    /// <summary>
    /// Evaluates S = <c>fitness.Length</c> points stored row-major in <paramref name="points"/>
    /// (S×d, point i is <c>points[i*d .. (i+1)*d)</c>, d = <c>points.Length / S</c>) and writes f(point i) into
    /// <c>fitness[i]</c>. The result for point i must depend only on point i (not on the batch composition or on
    /// thread scheduling), so that optimisation runs are reproducible.
    /// </summary>
    void Evaluate(ReadOnlySpan<double> points, Span<double> fitness);
}

namespace PhyToolkit.Optimization.Alternating;

/// <summary>The joint objective F(x, y) of a two-block problem (e.g. KGR(P, t̃), fa-plkg docs/fa-plkg.md), needed by the
/// strict block alternation (docs/fa-plkg.md-B) to score block-1 points at a fixed block 2. Must be thread-safe when used
/// with <see cref="AlternatingOptimizerOptions.MaxDegreeOfParallelism"/> &gt; 1.</summary>
/// <typeparam name="T">Element type of block 2.</typeparam>
public interface IJointObjective<T> where T : struct
{
    /// <summary>Evaluates F(<paramref name="block1"/>, <paramref name="block2"/>) (larger is better, no penalty).</summary>
    double Evaluate(ReadOnlySpan<double> block1, ReadOnlySpan<T> block2);
}

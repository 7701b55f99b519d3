namespace PhyToolkit.Optimization.Objectives;

/// <summary>
/// Adapts a per-point <see cref="IObjective"/> to <see cref="IBatchObjective"/>, optionally evaluating the points in
/// parallel. Each <c>fitness[i]</c> is computed from point i alone, so results are bit-identical for any degree of
/// parallelism (the per-point objective must be thread-safe when <see cref="MaxDegreeOfParallelism"/> &gt; 1).
/// </summary>
public sealed class PointwiseBatchObjective : IBatchObjective
{
    private readonly IObjective _objective;

    /// <summary>Wraps <paramref name="objective"/>.</summary>
    /// <param name="objective">The per-point objective.</param>
    /// <param name="maxDegreeOfParallelism">Worker count, ≥ 1; 1 (default) evaluates serially on the calling thread.</param>
    public PointwiseBatchObjective(IObjective objective, int maxDegreeOfParallelism = 1)
    {
        _objective = objective ?? throw new ArgumentNullException(nameof(objective));
        MaxDegreeOfParallelism = Guard.AtLeast(maxDegreeOfParallelism, 1, nameof(maxDegreeOfParallelism));
    }

    /// <summary>The wrapped per-point objective.</summary>
    public IObjective Objective => _objective;

    /// <summary>Maximum number of concurrent evaluations (≥ 1).</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <inheritdoc/>
    public unsafe void Evaluate(ReadOnlySpan<double> points, Span<double> fitness)
    {
        int s = fitness.Length;
        if (s == 0) return;
        if (points.Length % s != 0)
            throw new ArgumentException($"points.Length ({points.Length}) must be a multiple of fitness.Length ({s}).", nameof(points));
        int d = points.Length / s;
        if (MaxDegreeOfParallelism == 1 || s == 1)
        {
            for (int i = 0; i < s; i++) fitness[i] = _objective.Evaluate(points.Slice(i * d, d));
            return;
        }
        fixed (double* pp = points)
        fixed (double* pf = fitness)
        {
            nint p = (nint)pp, f = (nint)pf;
            IObjective obj = _objective;
            Parallel.For(0, s, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism }, i =>
            {
                var row = new ReadOnlySpan<double>((double*)p + (long)i * d, d);
                ((double*)f)[i] = obj.Evaluate(row);
            });
        }
    }
}

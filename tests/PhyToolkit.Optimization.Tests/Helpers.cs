using PhyToolkit.Optimization.Objectives;
namespace PhyToolkit.Optimization.Tests;

/// <summary>Batch objective that records every batch it is given (for white-box checks of the swarm).</summary>
public sealed class RecordingBatchObjective(IObjective inner) : IBatchObjective
{
    public List<double[]> Batches { get; } = [];
    public List<int> BatchSizes { get; } = [];

    public void Evaluate(ReadOnlySpan<double> points, Span<double> fitness)
    {
        Batches.Add(points.ToArray());
        BatchSizes.Add(fitness.Length);
        int d = points.Length / fitness.Length;
        for (int i = 0; i < fitness.Length; i++) fitness[i] = inner.Evaluate(points.Slice(i * d, d));
    }
}

/// <summary>Objective from a delegate over a span.</summary>
public sealed class LambdaObjective(LambdaObjective.Fn f) : IObjective
{
    public delegate double Fn(ReadOnlySpan<double> x);
    public double Evaluate(ReadOnlySpan<double> x) => f(x);
}

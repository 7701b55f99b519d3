namespace PhyToolkit.Optimization.Results;

/// <summary>
/// Best value per iteration together with the cumulative evaluation count, so a run can be plotted both against
/// iterations and against fitness evaluations (the fair axis when comparing PSO with alternating optimisation).
/// </summary>
public sealed class ConvergenceTrace
{
    private readonly List<ConvergencePoint> _points;

    /// <summary>Creates an empty trace with room for <paramref name="capacity"/> points (≥ 0).</summary>
    public ConvergenceTrace(int capacity = 0) => _points = new List<ConvergencePoint>(Guard.AtLeast(capacity, 0, nameof(capacity)));

    /// <summary>The recorded points in order.</summary>
    public IReadOnlyList<ConvergencePoint> Points => _points;

    /// <summary>Number of recorded points.</summary>
    public int Count => _points.Count;

    /// <summary>Appends a point.</summary>
    public void Add(int iteration, long evaluations, double bestValue) => _points.Add(new ConvergencePoint(iteration, evaluations, bestValue));

    /// <summary>Removes all points.</summary>
    public void Clear() => _points.Clear();

    /// <summary>The best values as an array (index = position in the trace).</summary>
    public double[] BestValues()
    {
        var v = new double[_points.Count];
        for (int i = 0; i < v.Length; i++) v[i] = _points[i].BestValue;
        return v;
    }

    /// <summary>The cumulative evaluation counts as an array.</summary>
    public long[] EvaluationCounts()
    {
        var v = new long[_points.Count];
        for (int i = 0; i < v.Length; i++) v[i] = _points[i].Evaluations;
        return v;
    }
}

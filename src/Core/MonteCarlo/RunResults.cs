namespace PhyToolkit.Core.MonteCarlo;

/// <summary>Final (or partial) results of one point.</summary>
public sealed class PointResult
{
    /// <summary>Creates a point result.</summary>
    public PointResult(SweepPoint point, PointStatus status, int blocks, long trials, IReadOnlyDictionary<string, MetricSummary> metrics)
    {
        Point = point; Status = status; Blocks = blocks; Trials = trials; Metrics = metrics;
    }

    /// <summary>The sweep point.</summary>
    public SweepPoint Point { get; }
    /// <summary>Which rule stopped it.</summary>
    public PointStatus Status { get; }
    /// <summary>Blocks that contributed.</summary>
    public int Blocks { get; }
    /// <summary>Trials that contributed.</summary>
    public long Trials { get; }
    /// <summary>Metric summaries by name.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; }

    /// <summary>The summary of <paramref name="metric"/>, or null if this point did not record it.</summary>
    public MetricSummary? Get(string metric) => Metrics.TryGetValue(metric, out var m) ? m : null;
}

/// <summary>Results of a whole run, in point order; what reports are drawn from.</summary>
public sealed class RunResults
{
    /// <summary>Creates results.</summary>
    public RunResults(string scenario, IReadOnlyList<PointResult> points) { Scenario = scenario; Points = points; }

    /// <summary>Scenario name.</summary>
    public string Scenario { get; }
    /// <summary>Per-point results, in sweep order.</summary>
    public IReadOnlyList<PointResult> Points { get; }

    /// <summary>All metric names, sorted ordinally.</summary>
    public IReadOnlyList<string> MetricNames =>
        Points.SelectMany(p => p.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The points (optionally only those whose <paramref name="where"/> holds) with their coordinate <paramref name="x"/>
    /// and the summary of <paramref name="metric"/>; points lacking either are skipped.
    /// </summary>
    public IReadOnlyList<(double X, MetricSummary Value)> Series(string x, string metric, Func<SweepPoint, bool>? where = null)
    {
        var list = new List<(double, MetricSummary)>();
        foreach (var p in Points)
        {
            if (where != null && !where(p.Point)) continue;
            if (!p.Point.Coordinates.TryGetValue(x, out double xv)) continue;
            var m = p.Get(metric);
            if (m != null) list.Add((xv, m));
        }
        return list;
    }
}

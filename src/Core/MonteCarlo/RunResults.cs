namespace PhyToolkit.Core.MonteCarlo;

/// <summary>Final (or partial) results of one point.</summary>
public sealed class PointResult
{
    private static readonly IReadOnlyDictionary<string, MetricCurve> NoCurves = new Dictionary<string, MetricCurve>(StringComparer.Ordinal);

    /// <summary>Creates a point result.</summary>
    public PointResult(SweepPoint point, PointStatus status, int blocks, long trials, IReadOnlyDictionary<string, MetricSummary> metrics,
        IReadOnlyDictionary<string, MetricCurve>? curves = null)
    {
        Point = point; Status = status; Blocks = blocks; Trials = trials; Metrics = metrics; Curves = curves ?? NoCurves;
    }

    /// <summary>The sweep point.</summary>
    public SweepPoint Point { get; }
    /// <summary>Which rule stopped it.</summary>
    public PointStatus Status { get; }
    /// <summary>Blocks that contributed.</summary>
    public int Blocks { get; }
    /// <summary>Trials that contributed.</summary>
    public long Trials { get; }
    /// <summary>Scalar metric summaries by name.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; }
    /// <summary>Curve metrics by name.</summary>
    public IReadOnlyDictionary<string, MetricCurve> Curves { get; }

    /// <summary>The summary of the scalar metric <paramref name="metric"/>, or null if this point did not record it.</summary>
    public MetricSummary? Get(string metric) => Metrics.TryGetValue(metric, out var m) ? m : null;

    /// <summary>The curve metric <paramref name="metric"/>, or null if this point did not record it.</summary>
    public MetricCurve? Curve(string metric) => Curves.TryGetValue(metric, out var c) ? c : null;

    /// <summary>The mean of the scalar metric <paramref name="metric"/>, or NaN if this point did not record it.</summary>
    public double Mean(string metric) => Get(metric)?.Mean ?? double.NaN;
}

/// <summary>A curve metric of one point: summaries at increasing steps (iterations, rounds, horizons).</summary>
public sealed class MetricCurve
{
    /// <summary>Creates a curve.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or steps are not strictly increasing.</exception>
    public MetricCurve(IReadOnlyList<int> steps, IReadOnlyList<MetricSummary> values)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(values);
        if (steps.Count != values.Count) throw new ArgumentException($"{steps.Count} steps but {values.Count} values", nameof(values));
        for (int i = 1; i < steps.Count; i++)
            if (steps[i] <= steps[i - 1]) throw new ArgumentException("steps must be strictly increasing", nameof(steps));
        Steps = steps;
        Values = values;
    }

    /// <summary>The steps, ascending.</summary>
    public IReadOnlyList<int> Steps { get; }
    /// <summary>The summary at each step.</summary>
    public IReadOnlyList<MetricSummary> Values { get; }
    /// <summary>Number of steps.</summary>
    public int Count => Steps.Count;

    /// <summary>The steps as doubles (an x axis).</summary>
    public double[] X() => Steps.Select(s => (double)s).ToArray();

    /// <summary>The means at each step.</summary>
    public double[] Means() => Values.Select(v => v.Mean).ToArray();

    /// <summary>The summary at <paramref name="step"/>, or null when the curve has no value there.</summary>
    public MetricSummary? At(int step)
    {
        int i = BinarySearch(step);
        return i >= 0 ? Values[i] : null;
    }

    /// <summary>The summary at the last step.</summary>
    public MetricSummary Last => Values[^1];

    private int BinarySearch(int step)
    {
        int lo = 0, hi = Steps.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Steps[mid] == step) return mid;
            if (Steps[mid] < step) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }
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

    /// <summary>All metric names (scalars and curves), sorted ordinally.</summary>
    public IReadOnlyList<string> MetricNames =>
        Points.SelectMany(p => p.Metrics.Keys.Concat(p.Curves.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The first point whose sweep point satisfies <paramref name="where"/>, or null.</summary>
    public PointResult? Find(Func<SweepPoint, bool> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        foreach (var p in Points) if (where(p.Point)) return p;
        return null;
    }

    /// <summary>The points whose sweep point satisfies <paramref name="where"/>, in sweep order.</summary>
    public IEnumerable<PointResult> Where(Func<SweepPoint, bool> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        foreach (var p in Points) if (where(p.Point)) yield return p;
    }

    /// <summary>The point labelled <paramref name="label"/>, or null.</summary>
    public PointResult? ByLabel(string label) => Find(p => p.Label == label);

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

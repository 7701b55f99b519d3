namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// Collects the metrics of one block. Two kinds: sample metrics (<see cref="Add"/>, one value per trial: mean, standard
/// error and 95 % CI from the sample variance) and rate metrics (<see cref="AddRate"/>, events over opportunities, e.g.
/// bit errors over bits: the pooled ratio with a Wilson 95 % interval). Two shapes: a scalar metric (one accumulator per
/// name) or a curve (<see cref="AddAt"/>, <see cref="AddRateAt"/>: one accumulator per name and step, e.g. the loss at
/// round k); a name is one or the other.
/// </summary>
public sealed class MetricSink
{
    private readonly Dictionary<string, MetricAccumulator> _metrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, MetricAccumulator>> _curves = new(StringComparer.Ordinal);

    /// <summary>The accumulated scalar metrics, by name.</summary>
    public IReadOnlyDictionary<string, MetricAccumulator> Metrics => _metrics;

    /// <summary>The accumulated curve metrics, by name, then step (ascending).</summary>
    public IReadOnlyDictionary<string, SortedDictionary<int, MetricAccumulator>> Curves => _curves;

    /// <summary>Adds one sample of the curve metric <paramref name="metric"/> at <paramref name="step"/> (an iteration, round or
    /// horizon ≥ 0): the value of one trial's curve there.</summary>
    /// <exception cref="ArgumentException">The name is a scalar metric, the step is negative, or the value is NaN or infinite.</exception>
    public void AddAt(string metric, int step, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"metric '{metric}' at step {step} received {value}; samples must be finite (clamp or record a count instead)", nameof(value));
        GetAt(metric, step, MetricKind.Sample).AddSample(value);
    }

    /// <summary>Adds <paramref name="events"/> of <paramref name="opportunities"/> to the curve rate metric <paramref name="metric"/> at <paramref name="step"/>.</summary>
    public void AddRateAt(string metric, int step, double events, double opportunities)
    {
        if (!(events >= 0) || !(opportunities >= events) || !double.IsFinite(opportunities))
            throw new ArgumentOutOfRangeException(nameof(events), $"metric '{metric}' at step {step}: need 0 ≤ events ≤ opportunities, got {events} of {opportunities}");
        GetAt(metric, step, MetricKind.Rate).AddEvents(events, opportunities);
    }

    /// <summary>Adds a whole curve of one trial: <paramref name="values"/>[i] at step <paramref name="steps"/>[i].</summary>
    public void AddCurve(string metric, ReadOnlySpan<int> steps, ReadOnlySpan<double> values)
    {
        if (steps.Length != values.Length) throw new ArgumentException($"metric '{metric}': {steps.Length} steps but {values.Length} values", nameof(values));
        for (int i = 0; i < steps.Length; i++) AddAt(metric, steps[i], values[i]);
    }

    internal void SetCurve(string metric, int step, MetricAccumulator accumulator)
    {
        if (!_curves.TryGetValue(metric, out var curve)) _curves[metric] = curve = new SortedDictionary<int, MetricAccumulator>();
        curve[step] = accumulator;
    }

    private MetricAccumulator GetAt(string metric, int step, MetricKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (_metrics.ContainsKey(metric)) throw new ArgumentException($"metric '{metric}' is a scalar metric and cannot take a value at a step");
        if (!_curves.TryGetValue(metric, out var curve)) _curves[metric] = curve = new SortedDictionary<int, MetricAccumulator>();
        if (!curve.TryGetValue(step, out var acc))
        {
            if (curve.Count > 0 && curve.First().Value.Kind != kind)
                throw new ArgumentException($"metric '{metric}' is a {curve.First().Value.Kind} curve and cannot take {kind} data");
            curve[step] = acc = new MetricAccumulator(kind);
        }
        else if (acc.Kind != kind) throw new ArgumentException($"metric '{metric}' is a {acc.Kind} curve and cannot take {kind} data");
        return acc;
    }

    /// <summary>Adds one sample (one trial's value) of the sample metric <paramref name="metric"/>.</summary>
    /// <exception cref="ArgumentException">The metric was used as a rate metric, or the value is NaN or infinite.</exception>
    public void Add(string metric, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"metric '{metric}' received {value}; samples must be finite (clamp or record a count instead)", nameof(value));
        Get(metric, MetricKind.Sample).AddSample(value);
    }

    /// <summary>Adds <paramref name="events"/> events out of <paramref name="opportunities"/> to the rate metric <paramref name="metric"/>.</summary>
    public void AddRate(string metric, double events, double opportunities)
    {
        if (!(events >= 0) || !(opportunities >= events))
            throw new ArgumentOutOfRangeException(nameof(events), $"metric '{metric}': need 0 ≤ events ≤ opportunities, got {events} of {opportunities}");
        Get(metric, MetricKind.Rate).AddEvents(events, opportunities);
    }

    internal void Set(string metric, MetricAccumulator accumulator) => _metrics[metric] = accumulator;

    private MetricAccumulator Get(string metric, MetricKind kind)
    {
        if (_curves.ContainsKey(metric)) throw new ArgumentException($"metric '{metric}' is a curve; record it with AddAt");
        if (!_metrics.TryGetValue(metric, out var acc))
        {
            acc = new MetricAccumulator(kind);
            _metrics.Add(metric, acc);
        }
        else if (acc.Kind != kind)
        {
            throw new ArgumentException($"metric '{metric}' is a {acc.Kind} metric and cannot take {kind} data");
        }
        return acc;
    }
}

/// <summary>Kind of a metric.</summary>
public enum MetricKind
{
    /// <summary>Per-trial samples: mean ± 1.96·s/√n.</summary>
    Sample,
    /// <summary>Events / opportunities: pooled ratio with a Wilson interval.</summary>
    Rate,
}

/// <summary>
/// Running statistics of one metric: count, mean and sum of squared deviations (Welford), or events and opportunities.
/// Merging is Chan's pairwise update, applied in block order so that results are bit-identical for any thread count.
/// </summary>
public sealed class MetricAccumulator
{
    /// <summary>Creates an empty accumulator.</summary>
    public MetricAccumulator(MetricKind kind) => Kind = kind;

    /// <summary>Creates an accumulator from stored state.</summary>
    public MetricAccumulator(MetricKind kind, double count, double mean, double m2, double events, double opportunities)
    {
        Kind = kind; Count = count; Mean = mean; M2 = m2; Events = events; Opportunities = opportunities;
    }

    /// <summary>Kind.</summary>
    public MetricKind Kind { get; }
    /// <summary>Number of samples (sample metrics).</summary>
    public double Count { get; private set; }
    /// <summary>Running mean (sample metrics).</summary>
    public double Mean { get; private set; }
    /// <summary>Sum of squared deviations from the mean (sample metrics).</summary>
    public double M2 { get; private set; }
    /// <summary>Events (rate metrics).</summary>
    public double Events { get; private set; }
    /// <summary>Opportunities (rate metrics).</summary>
    public double Opportunities { get; private set; }

    internal void AddSample(double x)
    {
        Count += 1;
        double d = x - Mean;
        Mean += d / Count;
        M2 += d * (x - Mean);
    }

    internal void AddEvents(double events, double opportunities)
    {
        Events += events;
        Opportunities += opportunities;
    }

    /// <summary>Merges <paramref name="other"/> into this accumulator (Chan et al. pairwise update).</summary>
    public void Merge(MetricAccumulator other)
    {
        if (other.Kind != Kind) throw new ArgumentException("cannot merge metrics of different kinds");
        if (Kind == MetricKind.Rate)
        {
            Events += other.Events;
            Opportunities += other.Opportunities;
            return;
        }
        if (other.Count == 0) return;
        if (Count == 0) { Count = other.Count; Mean = other.Mean; M2 = other.M2; return; }
        double n = Count + other.Count;
        double d = other.Mean - Mean;
        Mean += d * other.Count / n;
        M2 += other.M2 + d * d * Count * other.Count / n;
        Count = n;
    }

    /// <summary>A copy.</summary>
    public MetricAccumulator Clone() => new(Kind, Count, Mean, M2, Events, Opportunities);

    /// <summary>Summary statistics with a 95 % confidence interval.</summary>
    public MetricSummary Summarize()
    {
        const double z = 1.959963984540054; // 97.5 % normal quantile
        if (Kind == MetricKind.Rate)
        {
            double n = Opportunities;
            double p = n > 0 ? Events / n : double.NaN;
            double se = n > 0 ? Math.Sqrt(p * (1 - p) / n) : double.NaN;
            // Wilson score interval (stays inside [0, 1] and is sensible for few events).
            double denom = 1 + z * z / n;
            double centre = (p + z * z / (2 * n)) / denom;
            double half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom;
            return new MetricSummary(Kind, p, se, Math.Max(0, centre - half), Math.Min(1, centre + half), n, Events);
        }
        double var = Count > 1 ? M2 / (Count - 1) : double.NaN;
        double s = Count > 1 ? Math.Sqrt(var / Count) : double.NaN;
        return new MetricSummary(Kind, Count > 0 ? Mean : double.NaN, s, Mean - z * s, Mean + z * s, Count, double.NaN);
    }
}

/// <summary>Summary of one metric at one point.</summary>
/// <param name="Kind">Metric kind.</param>
/// <param name="Mean">Sample mean, or pooled event rate.</param>
/// <param name="StdError">Standard error of <paramref name="Mean"/>.</param>
/// <param name="CiLow">Lower end of the 95 % confidence interval.</param>
/// <param name="CiHigh">Upper end of the 95 % confidence interval.</param>
/// <param name="Count">Samples (sample metrics) or opportunities (rate metrics).</param>
/// <param name="Events">Events (rate metrics); NaN for sample metrics.</param>
public sealed record MetricSummary(MetricKind Kind, double Mean, double StdError, double CiLow, double CiHigh, double Count, double Events)
{
    /// <summary>95 % CI half-width relative to |mean| (NaN when undefined).</summary>
    public double RelativeHalfWidth => (CiHigh - CiLow) / 2 / Math.Abs(Mean);
}

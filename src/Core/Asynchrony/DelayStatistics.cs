namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// Running statistics of processed messages: staleness in server iterations (mean, max, variance), age in virtual time,
/// and per-worker update counts. Welford updates, allocation-free after construction.
/// </summary>
public sealed class DelayStatistics
{
    private readonly long[] _updates;
    private double _meanTau, _m2Tau, _meanAge;

    /// <summary>Statistics for <paramref name="workers"/> workers.</summary>
    public DelayStatistics(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _updates = new long[workers];
    }

    /// <summary>Messages recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Mean staleness τ (server iterations).</summary>
    public double MeanStaleness => Count > 0 ? _meanTau : double.NaN;

    /// <summary>Sample variance of the staleness.</summary>
    public double StalenessVariance => Count > 1 ? _m2Tau / (Count - 1) : double.NaN;

    /// <summary>Largest staleness seen.</summary>
    public long MaxStaleness { get; private set; }

    /// <summary>Mean age of the information in virtual time.</summary>
    public double MeanAge => Count > 0 ? _meanAge : double.NaN;

    /// <summary>Messages processed per worker.</summary>
    public IReadOnlyList<long> UpdatesPerWorker => _updates;

    /// <summary>Records one processed message.</summary>
    public void Record(in ServerArrival a)
    {
        Count++;
        double tau = a.Staleness, d = tau - _meanTau;
        _meanTau += d / Count;
        _m2Tau += d * (tau - _meanTau);
        _meanAge += (a.Age - _meanAge) / Count;
        if (a.Staleness > MaxStaleness) MaxStaleness = a.Staleness;
        _updates[a.Worker]++;
    }

    /// <summary>Forgets everything.</summary>
    public void Reset()
    {
        Array.Clear(_updates);
        Count = 0; _meanTau = 0; _m2Tau = 0; _meanAge = 0; MaxStaleness = 0;
    }
}

namespace PhyToolkit.Learning.Privacy;

/// <summary>
/// The privacy-relevant releases of one node over a training run: K sampled-Gaussian gradient steps with rate q and
/// multiplier σ_k = σ_0 f(k), plus, when <see cref="SnapshotEvery"/> &gt; 0, a full-data Gaussian release (q = 1) at every
/// k with k mod E = 0 with multiplier κ σ_k (the DP loopless-SVRG snapshot of ADP-VRSGP as realised here).
/// </summary>
public sealed record DpTrainingPlan
{
    /// <summary>K ≥ 1 gradient steps.</summary>
    public required long Steps { get; init; }

    /// <summary>Poisson sampling rate q = b/J ∈ (0, 1].</summary>
    public required double SamplingRate { get; init; }

    /// <summary>The noise-multiplier schedule.</summary>
    public required NoiseSchedule Schedule { get; init; }

    /// <summary>E: snapshot period in steps (0 = no snapshots).</summary>
    public long SnapshotEvery { get; init; }

    /// <summary>κ ≥ 1: snapshot multiplier relative to the step multiplier (our choice 4).</summary>
    public double SnapshotFactor { get; init; } = 4;

    /// <summary>Checks the fields (ArgumentOutOfRangeException naming the field).</summary>
    public DpTrainingPlan Validated()
    {
        Guard.AtLeast(Steps, 1L, nameof(Steps));
        Guard.InRange(SamplingRate, double.Epsilon, 1, nameof(SamplingRate));
        ArgumentNullException.ThrowIfNull(Schedule, nameof(Schedule));
        Guard.AtLeast(SnapshotEvery, 0L, nameof(SnapshotEvery));
        Guard.InRange(SnapshotFactor, 1, double.MaxValue, nameof(SnapshotFactor));
        return this;
    }

    /// <summary>Records the releases of steps [0, <paramref name="upTo"/>) (default all K) with σ_0 = <paramref name="sigma0"/> into <paramref name="ledger"/>.</summary>
    /// <remarks>Steps are grouped into stretches of constant multiplier, so the cost is O(stages · Σα), not O(K · Σα).</remarks>
    public void Compose(RdpLedger ledger, double sigma0, long upTo = -1)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Validated();
        Guard.Positive(sigma0, nameof(sigma0));
        long end = upTo < 0 ? Steps : Math.Min(upTo, Steps);
        long stage = Schedule.StageLength;
        for (long k = 0; k < end;)
        {
            long next = stage == long.MaxValue ? end : Math.Min(end, (k / stage + 1) * stage);
            double sigma = Schedule.Multiplier(sigma0, k);
            ledger.Record(SamplingRate, sigma, next - k);
            if (SnapshotEvery > 0)
            {
                long snaps = CountMultiples(k, next, SnapshotEvery);
                if (snaps > 0) ledger.Record(1.0, SnapshotFactor * sigma, snaps);
            }
            k = next;
        }
    }

    /// <summary>Number of multiples of <paramref name="e"/> in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private static long CountMultiples(long from, long to, long e) => (to - 1) / e - (from - 1 + e) / e + 1;
}

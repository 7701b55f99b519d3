using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// Standard worker-timing profiles (Asyn-PD spec of arXiv 2509.01172 §1.3, [Proposed]; exponential compute times of mean
/// tc_i and exponential links of mean κ): H0 homogeneous, H1 log-uniform heterogeneity, H2 one straggler.
/// </summary>
public static class TimingProfiles
{
    /// <summary>H0: every worker tc_i = <paramref name="computeMean"/>.</summary>
    public static WorkerTiming[] Homogeneous(int workers, double computeMean, double linkMean) =>
        [.. Enumerable.Range(0, CheckCount(workers)).Select(_ => WorkerTiming.Exponential(computeMean, linkMean))];

    /// <summary>H1: tc_i log-uniform on [<paramref name="minMean"/>, <paramref name="maxMean"/>], drawn from <paramref name="seed"/>.</summary>
    public static WorkerTiming[] LogUniform(int workers, double minMean, double maxMean, double linkMean, ulong seed)
    {
        CheckCount(workers);
        if (!(minMean > 0) || !(maxMean >= minMean) || !double.IsFinite(maxMean))
            throw new ArgumentOutOfRangeException(nameof(maxMean), $"need 0 < minMean <= maxMean < inf (got {minMean}, {maxMean}).");
        var rng = new Xoshiro256StarStar(seed);
        var t = new WorkerTiming[workers];
        for (int i = 0; i < workers; i++) t[i] = WorkerTiming.Exponential(minMean * Math.Pow(maxMean / minMean, rng.NextDouble()), linkMean);
        return t;
    }

    /// <summary>H2: workers − 1 workers with tc = <paramref name="computeMean"/> and the last one with tc = <paramref name="stragglerMean"/>.</summary>
    public static WorkerTiming[] Straggler(int workers, double computeMean, double stragglerMean, double linkMean)
    {
        var t = Homogeneous(workers, computeMean, linkMean);
        t[^1] = WorkerTiming.Exponential(stragglerMean, linkMean);
        return t;
    }

    /// <summary>The spec's delay estimate τ̂ = n·max tc_i / min tc_i (used for the step offset t0 = 10(1 + τ̂)).</summary>
    public static double DelayEstimate(IReadOnlyList<WorkerTiming> timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        double max = 0, min = double.PositiveInfinity;
        foreach (var w in timing) { max = Math.Max(max, w.Compute.Mean); min = Math.Min(min, w.Compute.Mean); }
        return min > 0 ? timing.Count * max / min : double.PositiveInfinity;
    }

    private static int CheckCount(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        return workers;
    }
}

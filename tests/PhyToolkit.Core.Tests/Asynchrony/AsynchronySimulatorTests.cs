using PhyToolkit.Core.Asynchrony;

namespace PhyToolkit.Core.Tests.Asynchrony;

public class AsynchronySimulatorTests
{
    private static WorkerTiming Fixed(double compute) => new(new FixedDelay(compute), FixedDelay.Zero, FixedDelay.Zero);

    [Fact]
    public void TiesAreProcessedInWorkerOrderAndStalenessIsExact()
    {
        const int n = 4;
        var sim = new AsynchronySimulator([.. Enumerable.Range(0, n).Select(_ => Fixed(1))], seed: 1);
        // Round 1: all four arrive at time 1 (scheduled at start in worker order) -> processed 0,1,2,3 with stamp 0.
        for (int k = 0; k < n; k++)
        {
            var a = sim.Next();
            Assert.Equal(k, a.Worker);
            Assert.Equal(1.0, a.Time);
            Assert.Equal(0, a.Stamp);
            Assert.Equal(k, a.Staleness);          // k server updates happened since its information was issued
            sim.Reply();
        }
        // Round 2: replies were scheduled in processing order, so the tie order repeats; worker k was stamped k + 1.
        for (int k = 0; k < n; k++)
        {
            var a = sim.Next();
            Assert.Equal(k, a.Worker);
            Assert.Equal(2.0, a.Time);
            Assert.Equal(k + 1, a.Stamp);
            Assert.Equal(n - 1, a.Staleness);
            sim.Reply();
        }
        Assert.Equal(n - 1, sim.Statistics.MaxStaleness);
        Assert.Equal([2L, 2, 2, 2], sim.Statistics.UpdatesPerWorker);
    }

    [Fact]
    public void ServerProcessingTimeQueuesMessages()
    {
        var sim = new AsynchronySimulator([Fixed(1), Fixed(1)], seed: 1, serverProcessing: new FixedDelay(0.5));
        var a = sim.Next(); sim.Reply();
        var b = sim.Next();
        Assert.Equal(1.5, a.Time);
        Assert.Equal(1.0, b.ArrivalTime);
        Assert.Equal(2.0, b.Time);                  // waited for the server, then 0.5 of processing
        Assert.Equal(2.0, b.Age);                   // issued at time 0
    }

    [Fact]
    public void LocalPassesLengthenTheCycle()
    {
        var sim = new AsynchronySimulator([Fixed(1)], seed: 1);
        Assert.Equal(1.0, sim.Next().Time);      // the first cycle has one pass
        sim.Reply(passes: 3);
        Assert.Equal(4.0, sim.Next().Time);
        sim.Reply();
        Assert.Throws<ArgumentOutOfRangeException>(() => { sim.Next(); sim.Reply(passes: 0); });
        Assert.Equal(2.0, new AsynchronySimulator([Fixed(1)], seed: 1).SynchronousRound(passes: 2));
    }

    [Fact]
    public void MisuseIsRefused()
    {
        var sim = new AsynchronySimulator([Fixed(1)], seed: 1);
        Assert.Throws<InvalidOperationException>(() => sim.Reply());
        sim.Next();
        Assert.Throws<InvalidOperationException>(() => sim.Next());
        Assert.Throws<ArgumentException>(() => new AsynchronySimulator([], 1));
    }

    [Fact]
    public void SynchronousRoundLastsAsLongAsTheSlowestWorker()
    {
        var sim = new AsynchronySimulator([Fixed(1), Fixed(3), Fixed(2)], seed: 1, serverProcessing: new FixedDelay(0.25));
        Assert.Equal(3.25, sim.SynchronousRound());
        Assert.Equal(3.25, sim.SynchronousRound());
        Assert.Equal(3.25, sim.SynchronousRound());
        Assert.Equal(3, sim.Iteration);
        Assert.Equal(3 * 3.25, sim.Time, 12);
    }

    /// <summary>
    /// Each worker is a renewal process with cycle C_i = downlink + compute + uplink (server time 0), so its message count over
    /// a horizon T has mean ≈ T/E[C_i] and variance ≈ T·Var(C_i)/E[C_i]³ (renewal CLT). Tolerance 4 such standard deviations
    /// plus 1 for the boundary.
    /// </summary>
    [Fact]
    public void PerWorkerUpdateCountsFollowTheRenewalRates()
    {
        var timing = new[]
        {
            WorkerTiming.Exponential(1, 0.1),
            WorkerTiming.Exponential(5, 0.1),
            new WorkerTiming(new ShiftedExponentialDelay(0.5, 1), new ExponentialDelay(0.2), FixedDelay.Zero),
            new WorkerTiming(LogNormalDelay.FromMean(2, 1), new TraceDelay([0, 0.1, 0.3]), new ExponentialDelay(0.1)),
        };
        var sim = new AsynchronySimulator(timing, seed: 99);
        while (sim.Time < 20_000) { sim.Next(); sim.Reply(); }
        double horizon = sim.Time;
        for (int i = 0; i < timing.Length; i++)
        {
            var w = timing[i];
            double mean = w.MeanCycle, variance = w.Compute.Variance + w.Uplink.Variance + w.Downlink.Variance;
            double expected = horizon / mean, sd = Math.Sqrt(horizon * variance / (mean * mean * mean));
            Assert.InRange(sim.Statistics.UpdatesPerWorker[i], expected - 4 * sd - 1, expected + 4 * sd + 1);
        }
    }

    private static List<(int, long, double)> Trace(ulong seed)
    {
        var sim = new AsynchronySimulator(TimingProfiles.LogUniform(6, 1, 10, 0.1, 5), seed);
        var events = new List<(int, long, double)>();
        for (int k = 0; k < 2000; k++)
        {
            var a = sim.Next();
            events.Add((a.Worker, a.Stamp, a.Time));
            sim.Reply();
        }
        return events;
    }

    [Fact]
    public void RunsAreAFunctionOfTheSeedWhateverTheThreadCount()
    {
        var seeds = Enumerable.Range(0, 8).Select(s => (ulong)s * 7 + 1).ToArray();
        List<(int, long, double)>[] Run(int threads)
        {
            var r = new List<(int, long, double)>[seeds.Length];
            Parallel.For(0, seeds.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, k => r[k] = Trace(seeds[k]));
            return r;
        }
        var one = Run(1);
        var three = Run(3);
        for (int k = 0; k < seeds.Length; k++) Assert.Equal(one[k], three[k]);
        Assert.NotEqual(one[0], one[1]);
        // Restarting replays the same run.
        Assert.Equal(one[2], Trace(seeds[2]));
    }

    [Fact]
    public void DelayEstimateAndProfiles()
    {
        var h2 = TimingProfiles.Straggler(10, 1, 20, 0.1);
        Assert.Equal(20, h2[^1].Compute.Mean);
        Assert.Equal(1, h2[0].Compute.Mean);
        Assert.Equal(200, TimingProfiles.DelayEstimate(h2), 12);
        var h1 = TimingProfiles.LogUniform(50, 1, 10, 0.1, 3);
        Assert.All(h1, w => Assert.InRange(w.Compute.Mean, 1, 10));
    }
}

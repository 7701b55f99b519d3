using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;

namespace PhyToolkit.Core.Tests.MonteCarlo;

public class MonteCarloEngineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "phytk-engine-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    private static readonly StoppingRule Precision = new() { Kind = StopKind.TargetPrecision, Metric = "x", Target = 0.05, MinBlocks = 2, MaxBlocks = 400 };

    private RunResults RunInto(string name, StoppingRule stop, int threads, ShardSpec? shard = null, ToyRun? run = null)
    {
        var store = new BlockStore(Path.Combine(_root, name));
        return MonteCarloEngine.Run(run ?? new ToyRun(stop), 42, "toy", store, new EngineOptions { Threads = threads, Shard = shard });
    }

    [Fact]
    public void ResultsAreBitIdenticalForAnyThreadCount()
    {
        string one = ResultsCsv.Write(RunInto("t1", Precision, 1));
        string two = ResultsCsv.Write(RunInto("t2", Precision, 2));
        string five = ResultsCsv.Write(RunInto("t5", Precision, 5));
        Assert.Equal(one, two);
        Assert.Equal(one, five);
    }

    [Fact]
    public void MergedShardsEqualASingleRun()
    {
        var single = RunInto("single", Precision, 2);
        foreach (int n in new[] { 1, 2, 3 })
        {
            var merged = new BlockStore(Path.Combine(_root, $"merged{n}"));
            for (int i = 0; i < n; i++)
            {
                RunInto($"s{n}-{i}", Precision, 2, new ShardSpec(i, n));
                foreach (var r in new BlockStore(Path.Combine(_root, $"s{n}-{i}")).Records) merged.Add(r);
            }
            var reduced = MonteCarloEngine.ReduceStored(new ToyRun(Precision).Plan, "toy", merged);
            Assert.Equal(ResultsCsv.Write(single), ResultsCsv.Write(reduced));
        }
    }

    [Fact]
    public void PrecisionRuleStopsAtTheFirstBlockPrefixMeetingTheTarget()
    {
        var results = RunInto("prec", Precision, 2);
        foreach (var p in results.Points)
        {
            Assert.Equal(PointStatus.TargetPrecision, p.Status);
            var m = p.Get("x")!;
            Assert.True(m.RelativeHalfWidth <= 0.05, $"{p.Point.Label}: {m.RelativeHalfWidth}");
            // The prefix one block shorter must not have met the target (otherwise the rule stopped late).
            var store = new BlockStore(Path.Combine(_root, "prec"));
            var acc = new MetricAccumulator(MetricKind.Sample);
            for (int b = 0; b < p.Blocks - 1; b++) { store.TryGet(p.Point.Index, b, out var rec); acc.Merge(rec.Metrics["x"].ToAccumulator()); }
            Assert.True(p.Blocks - 1 < 2 || acc.Summarize().RelativeHalfWidth > 0.05);
            // Mean of N(mu, 1) within its own 95 % CI of mu: |mean - mu| < 4 se holds with overwhelming probability.
            Assert.InRange(m.Mean, p.Point.Coordinates["mu"] - 4 * m.StdError, p.Point.Coordinates["mu"] + 4 * m.StdError);
        }
        // Higher mean, same variance → fewer samples for the same relative precision.
        Assert.True(results.Points[3].Trials < results.Points[0].Trials);
    }

    [Fact]
    public void EventsRuleAndFixedRule()
    {
        var events = RunInto("ev", new StoppingRule { Kind = StopKind.TargetEvents, Metric = "positive", Target = 50, MinBlocks = 1, MaxBlocks = 1000 }, 2);
        Assert.All(events.Points, p => Assert.True(p.Get("positive")!.Events >= 50));
        Assert.All(events.Points, p => Assert.Equal(PointStatus.TargetEvents, p.Status));
        var fixedRun = RunInto("fx", new StoppingRule { Kind = StopKind.FixedTrials, MinBlocks = 3, MaxBlocks = 3 }, 2);
        Assert.All(fixedRun.Points, p => { Assert.Equal(PointStatus.FixedTrials, p.Status); Assert.Equal(150, p.Trials); });
        var capped = RunInto("cap", new StoppingRule { Kind = StopKind.TargetEvents, Metric = "positive", Target = 1e9, MinBlocks = 1, MaxBlocks = 5 }, 2);
        Assert.All(capped.Points, p => { Assert.Equal(PointStatus.MaxTrials, p.Status); Assert.Equal(5, p.Blocks); });
    }

    [Fact]
    public void ResumeSkipsStoredBlocksAndGivesTheSameResults()
    {
        var full = ResultsCsv.Write(RunInto("full", Precision, 2));
        // Simulate an interrupted run: keep only some blocks of a finished run, then resume into it.
        RunInto("cut", Precision, 2);
        string dir = Path.Combine(_root, "cut");
        var files = Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray();
        for (int i = 0; i < files.Length; i += 2) File.Delete(files[i]);
        File.WriteAllText(Path.Combine(dir, ".half-written" + PhyToolkit.Core.IO.AtomicFile.TempSuffix), "{\"poi");
        var run = new ToyRun(Precision);
        var resumed = RunInto("cut", Precision, 2, run: run);
        Assert.Equal(full, ResultsCsv.Write(resumed));
        Assert.True(run.BlocksRun <= files.Length / 2 + 8 * 2, "only deleted blocks (and at most one look-ahead wave) are recomputed");
        Assert.Empty(Directory.GetFiles(dir, "*" + PhyToolkit.Core.IO.AtomicFile.TempSuffix));
    }

    [Fact]
    public void TimeLimitEndsPointsWithTimeLimitStatus()
    {
        var run = new ToyRun(new StoppingRule { Kind = StopKind.FixedTrials, MinBlocks = 1_000_000, MaxBlocks = 1_000_000 }, points: 1, trialsPerBlock: 1);
        var store = new BlockStore(Path.Combine(_root, "time"));
        var r = MonteCarloEngine.Run(run, 1, "toy", store, new EngineOptions { Threads = 2, MaxTime = TimeSpan.FromMilliseconds(200) });
        Assert.Equal(PointStatus.TimeLimit, r.Points[0].Status);
        Assert.True(r.Points[0].Blocks < 1_000_000);
    }
}

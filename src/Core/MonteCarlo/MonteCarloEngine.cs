using System.Collections.Concurrent;
using System.Diagnostics;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// Runs a <see cref="SweepPlan"/>: blocks of independent trials in parallel on all cores, each seeded by
/// <c>Mix(masterSeed, scenario, point, block)</c>, durably stored as it finishes, and reduced in block order with the
/// stopping rule checked after each block of the ordered prefix. Hence the numbers are bit-identical for any thread
/// count, any sharding and across kill/resume.
/// </summary>
public static class MonteCarloEngine
{
    /// <summary>
    /// Executes (or resumes) <paramref name="run"/>; blocks already in <paramref name="store"/> are not recomputed.
    /// In a sharded run only the shard's units are computed and every point is reported as <see cref="PointStatus.Running"/>.
    /// </summary>
    /// <param name="run">The prepared scenario.</param>
    /// <param name="masterSeed">The master seed.</param>
    /// <param name="scenarioName">Scenario name (enters every block seed).</param>
    /// <param name="store">Durable block store (may already hold blocks).</param>
    /// <param name="options">Threads, shard, time limit, progress, cancellation.</param>
    public static RunResults Run(IScenarioRun run, ulong masterSeed, string scenarioName, BlockStore store, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1, nameof(options.Threads));
        var plan = run.Plan;
        Validate(plan);
        ulong scenarioHash = SeedMixer.Hash(scenarioName);
        var clock = Stopwatch.StartNew();
        bool OutOfTime() => options.MaxTime is { } t && clock.Elapsed >= t;
        // Blocks see one token that fires on Ctrl-C or at the time limit, so a block that checks BlockContext.Cancellation
        // between its trials stops within a trial of --max-time; a block that finishes after the token fired is discarded.
        using var stopBlocks = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
        if (options.MaxTime is { } limit) stopBlocks.CancelAfter(limit);
        var blockToken = stopBlocks.Token;
        var workspaces = new ConcurrentBag<object?>();
        int maxBlocks = plan.Stop.MaxBlocks;
        long unitsDone = 0, unitsPlanned = 0;

        void Execute(List<(int Point, int Block)> units)
        {
            var todo = units.Where(u => !store.TryGet(u.Point, u.Block, out _)).ToList();
            Interlocked.Add(ref unitsDone, units.Count - todo.Count);
            if (todo.Count == 0) return;
            var po = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = CancellationToken.None };
            if (!options.AbandonBlocksAtTimeLimit) { RunUnits(todo, po); return; }
            var work = Task.Run(() => RunUnits(todo, po));
            // Return at the time limit (or Ctrl-C) without waiting for blocks still running: they see the token and are
            // discarded when they end, so nothing they compute is stored after this point.
            WaitHandle.WaitAny([((IAsyncResult)work).AsyncWaitHandle, blockToken.WaitHandle]);
            if (work.IsCompleted) work.GetAwaiter().GetResult();
        }

        void RunUnits(List<(int Point, int Block)> todo, ParallelOptions po)
        {
            Parallel.ForEach(Partitioner.Create(0, todo.Count, 1), po, range =>
            {
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    if (blockToken.IsCancellationRequested || OutOfTime()) return;
                    var (p, b) = todo[i];
                    if (!workspaces.TryTake(out object? ws)) ws = run.CreateWorkspace();
                    try
                    {
                        var ctx = new BlockContext(p, b, plan.TrialsPerBlock, SeedMixer.BlockSeed(masterSeed, scenarioHash, p, b), blockToken, options.Backend);
                        var sink = new MetricSink();
                        try { run.RunBlock(ctx, ws, sink); }
                        catch (OperationCanceledException) when (blockToken.IsCancellationRequested) { return; }
                        if (blockToken.IsCancellationRequested) return; // a cancelled block may be incomplete: discard
                        store.Add(BlockRecord.From(ctx, sink, plan.Points[p].Label));
                        long done = Interlocked.Increment(ref unitsDone);
                        options.Progress?.Report(new EngineProgress(p, plan.Points[p].Label, b + 1, maxBlocks, done, Interlocked.Read(ref unitsPlanned), null));
                    }
                    finally { workspaces.Add(ws); }
                }
            });
        }

        if (options.Shard is { } shard)
        {
            var units = new List<(int, int)>();
            for (int p = 0; p < plan.Points.Count; p++)
                for (int b = 0; b < maxBlocks; b++)
                    if (shard.Owns(p, b, maxBlocks)) units.Add((p, b));
            unitsPlanned = units.Count;
            Execute(units);
            var partial = plan.Points.Select(pt => ReduceAll(pt, plan, store)).ToList();
            return new RunResults(scenarioName, partial);
        }

        var reducers = plan.Points.Select(pt => new PointReducer(pt, plan)).ToArray();
        foreach (var r in reducers) r.Advance(store);
        while (true)
        {
            // Units are scheduled in rounds of at most RoundUnits blocks, so the work list stays small for any budget.
            var units = new List<(int, int)>();
            foreach (var r in reducers)
            {
                if (r.Status != PointStatus.Running) continue;
                if (units.Count >= RoundUnits) break;
                int want = plan.Stop.Kind == StopKind.FixedTrials
                    ? maxBlocks - r.Blocks
                    : Math.Max(plan.Stop.MinBlocks - r.Blocks, Math.Max(options.Threads, Math.Min(r.Blocks, 4 * options.Threads)));
                want = Math.Min(Math.Min(want, maxBlocks - r.Blocks), RoundUnits - units.Count);
                for (int b = r.Blocks; b < r.Blocks + want; b++) units.Add((r.Point.Index, b));
            }
            if (units.Count == 0) break;
            Interlocked.Add(ref unitsPlanned, units.Count);
            Execute(units);
            bool progressed = false;
            foreach (var r in reducers)
            {
                if (r.Status != PointStatus.Running) continue;
                int before = r.Blocks;
                r.Advance(store);
                progressed |= r.Blocks > before;
                if (r.Status != PointStatus.Running)
                    options.Progress?.Report(new EngineProgress(r.Point.Index, r.Point.Label, r.Blocks, maxBlocks, Interlocked.Read(ref unitsDone), Interlocked.Read(ref unitsPlanned), r.Status));
            }
            if (options.Cancellation.IsCancellationRequested || OutOfTime() || !progressed) break;
        }
        bool timeUp = OutOfTime() || options.Cancellation.IsCancellationRequested;
        var results = reducers.Select(r => r.Result(timeUp ? PointStatus.TimeLimit : PointStatus.Running)).ToList();
        return new RunResults(scenarioName, results);
    }

    /// <summary>Most blocks scheduled in one round of the unsharded loop (bounds the work list, not the results).</summary>
    private const int RoundUnits = 65_536;

    /// <summary>
    /// Reduces stored blocks (e.g. merged shards) with the stopping rules, exactly as an unsharded run would have.
    /// Every block of the prefix the rules need must be present.
    /// </summary>
    public static RunResults ReduceStored(SweepPlan plan, string scenarioName, BlockStore store)
    {
        Validate(plan);
        var list = new List<PointResult>();
        foreach (var pt in plan.Points)
        {
            var r = new PointReducer(pt, plan);
            r.Advance(store);
            if (r.Status == PointStatus.Running)
                throw new InvalidDataException($"point {pt.Index} ({pt.Label}): block {r.Blocks} is missing");
            list.Add(r.Result(PointStatus.Running));
        }
        return new RunResults(scenarioName, list);
    }

    /// <summary>Every stored block of a point, without stopping rules (a shard's partial view).</summary>
    private static PointResult ReduceAll(SweepPoint pt, SweepPlan plan, BlockStore store)
    {
        var acc = new PointAccumulators();
        int blocks = 0; long trials = 0;
        for (int b = 0; b < plan.Stop.MaxBlocks; b++)
        {
            if (!store.TryGet(pt.Index, b, out var rec)) continue;
            acc.Merge(rec);
            blocks++; trials += rec.Trials;
        }
        return acc.Result(pt, PointStatus.Running, blocks, trials);
    }

    private static void Validate(SweepPlan plan)
    {
        if (plan.Points.Count == 0) throw new ArgumentException("the sweep has no points", nameof(plan));
        for (int i = 0; i < plan.Points.Count; i++)
            if (plan.Points[i].Index != i) throw new ArgumentException($"point {i} has index {plan.Points[i].Index}", nameof(plan));
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.TrialsPerBlock, 1, "run.trialsPerBlock");
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Stop.MaxBlocks, 1, "run.maxBlocks");
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Stop.MinBlocks, 1, "run.minBlocks");
        if (plan.Stop.Kind != StopKind.FixedTrials && string.IsNullOrEmpty(plan.Stop.Metric))
            throw new ArgumentException("run.metric is required by the precision and events rules", nameof(plan));
    }

    /// <summary>Reduces one point's blocks in order and applies the stopping rule after each.</summary>
    private sealed class PointReducer(SweepPoint point, SweepPlan plan)
    {
        private readonly PointAccumulators _acc = new();
        public SweepPoint Point { get; } = point;
        public int Blocks { get; private set; }
        public long Trials { get; private set; }
        public PointStatus Status { get; private set; } = PointStatus.Running;

        public void Advance(BlockStore store)
        {
            var stop = plan.Stop;
            while (Status == PointStatus.Running && Blocks < stop.MaxBlocks && store.TryGet(Point.Index, Blocks, out var rec))
            {
                _acc.Merge(rec);
                Blocks++;
                Trials += rec.Trials;
                Status = Decide(stop);
            }
            if (Status == PointStatus.Running && Blocks >= stop.MaxBlocks)
                Status = stop.Kind == StopKind.FixedTrials ? PointStatus.FixedTrials : PointStatus.MaxTrials;
        }

        private PointStatus Decide(StoppingRule stop)
        {
            if (stop.Kind == StopKind.FixedTrials || Blocks < stop.MinBlocks) return PointStatus.Running;
            if (!_acc.Scalars.TryGetValue(stop.Metric!, out var m))
                throw new Configuration.ConfigException("run.metric",
                    $"got '{stop.Metric}', but point '{Point.Label}' recorded no such scalar metric in its first {Blocks} block(s); it records: {string.Join(", ", _acc.Scalars.Keys.Order(StringComparer.Ordinal).Select(k => "'" + k + "'"))}");
            if (stop.Kind == StopKind.TargetEvents)
                return m.Events >= stop.Target ? PointStatus.TargetEvents : PointStatus.Running;
            double rel = m.Summarize().RelativeHalfWidth;
            return double.IsFinite(rel) && rel <= stop.Target ? PointStatus.TargetPrecision : PointStatus.Running;
        }

        public PointResult Result(PointStatus whenUnfinished) =>
            _acc.Result(Point, Status == PointStatus.Running ? whenUnfinished : Status, Blocks, Trials);
    }

    /// <summary>The scalar and curve accumulators of one point, merged block by block in block order.</summary>
    private sealed class PointAccumulators
    {
        public readonly Dictionary<string, MetricAccumulator> Scalars = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SortedDictionary<int, MetricAccumulator>> _curves = new(StringComparer.Ordinal);

        public void Merge(BlockRecord rec)
        {
            foreach (var (name, sm) in rec.Metrics)
            {
                if (Scalars.TryGetValue(name, out var a)) a.Merge(sm.ToAccumulator());
                else Scalars[name] = sm.ToAccumulator();
            }
            if (rec.Curves is null) return;
            foreach (var (name, curve) in rec.Curves)
            {
                if (!_curves.TryGetValue(name, out var c)) _curves[name] = c = new SortedDictionary<int, MetricAccumulator>();
                foreach (var (step, sm) in curve)
                {
                    if (c.TryGetValue(step, out var a)) a.Merge(sm.ToAccumulator());
                    else c[step] = sm.ToAccumulator();
                }
            }
        }

        public PointResult Result(SweepPoint point, PointStatus status, int blocks, long trials) =>
            new(point, status, blocks, trials,
                Scalars.ToDictionary(kv => kv.Key, kv => kv.Value.Summarize(), StringComparer.Ordinal),
                _curves.ToDictionary(kv => kv.Key, kv => new MetricCurve(kv.Value.Keys.ToArray(), kv.Value.Values.Select(a => a.Summarize()).ToArray()), StringComparer.Ordinal));
    }
}

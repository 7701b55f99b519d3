using System.Numerics;
using BenchmarkDotNet.Attributes;
using PhyToolkit.Core.IO;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Benchmarks;

/// <summary>
/// Overhead of <see cref="MonteCarloEngine"/> over the bare block loop, and its 1 → 2 thread scaling, on a small scenario of
/// the ber-awgn-rayleigh kind (BPSK over flat Rayleigh fading with AWGN, coherent detection; 4 SNR points × 16 blocks ×
/// 20 000 trials, about 1 ms per block). The bare loop runs every (point, block) with the same block seeds, workspaces and
/// metric sinks but stores nothing and reduces nothing (one thread: a plain loop; two: Parallel.For over the units); the
/// engine run opens a fresh durable <see cref="BlockStore"/> (each block written to disk as it finishes), schedules and
/// reduces in block order. Overhead = engine / bare − 1 at the same thread count.
/// Run: <c>dotnet run -c Release --project benchmarks/PhyToolkit.Benchmarks -- --filter '*MonteCarloEngine*'</c>.
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
public class MonteCarloEngineBenchmarks
{
    private const ulong MasterSeed = 17;
    private const string Name = "engine-bench";
    private BpskRayleighRun _run = null!;
    private string _root = "";
    private int _store;

    /// <summary>Worker threads (engine's Threads; the bare loop's degree of parallelism).</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var sweep = new SweepBuilder();
        foreach (double snr in new[] { 0.0, 5, 10, 15 }) sweep.Add($"snr={snr}", ("snrDb", snr));
        _run = new BpskRayleighRun(sweep.Build(RunSettings.Fixed(blocks: 16, trialsPerBlock: 20_000)));
        _root = Path.Combine(Path.GetTempPath(), $"phytk-engine-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(_root);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    /// <summary>The blocks alone: same seeds and work, no store, no reduction.</summary>
    [Benchmark(Baseline = true)]
    public double BareBlockLoop() => BlockLoop(durable: false);

    /// <summary>The bare loop plus what the engine's store does per block: the block record written atomically and flushed
    /// to disk (AtomicFile, fsync), to attribute the engine's overhead.</summary>
    [Benchmark]
    public double BareBlockLoopWithDurableBlocks() => BlockLoop(durable: true);

    private double BlockLoop(bool durable)
    {
        string dir = "";
        if (durable)
        {
            dir = Path.Combine(_root, $"bare{Interlocked.Increment(ref _store)}");
            Directory.CreateDirectory(dir);
        }
        var plan = _run.Plan;
        int blocks = plan.Stop.MaxBlocks, units = plan.Points.Count * blocks;
        ulong hash = SeedMixer.Hash(Name);
        double errors = 0;
        object gate = new();
        void Unit(int u, object? ws)
        {
            int p = u / blocks, b = u % blocks;
            var sink = new MetricSink();
            var ctx = new BlockContext(p, b, plan.TrialsPerBlock, SeedMixer.BlockSeed(MasterSeed, hash, p, b), CancellationToken.None);
            _run.RunBlock(ctx, ws, sink);
            if (durable)
                AtomicFile.WriteAllBytes(Path.Combine(dir, BlockRecord.FileName(p, b)), BlockRecord.From(ctx, sink, plan.Points[p].Label).ToJson());
            lock (gate) errors += sink.Metrics["ber"].Mean;
        }
        if (Threads == 1)
        {
            object? ws = _run.CreateWorkspace();
            for (int u = 0; u < units; u++) Unit(u, ws);
        }
        else
            Parallel.For(0, units, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _run.CreateWorkspace,
                (u, _, ws) => { Unit(u, ws); return ws; }, _ => { });
        return errors;
    }

    /// <summary>The engine: durable store, block-ordered reduction, stopping rule.</summary>
    [Benchmark]
    public int Engine()
    {
        var store = new BlockStore(Path.Combine(_root, $"run{Interlocked.Increment(ref _store)}"));
        var results = MonteCarloEngine.Run(_run, MasterSeed, Name, store, new EngineOptions { Threads = Threads });
        return results.Points.Count;
    }

    private sealed class BpskRayleighRun(SweepPlan plan) : IScenarioRun
    {
        public SweepPlan Plan { get; } = plan;

        public object? CreateWorkspace() => null;

        public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
        {
            var rng = new Xoshiro256StarStar(context.Seed);
            double snr = Math.Pow(10, Plan.Points[context.PointIndex].Number("snrDb") / 10), noiseVariance = 1 / snr;
            long errors = 0;
            for (int t = 0; t < context.Trials; t++)
            {
                double s = rng.NextBit() ? 1 : -1;
                Complex h = rng.NextComplexGaussian(1), y = h * s + rng.NextComplexGaussian(noiseVariance);
                double decision = (Complex.Conjugate(h) * y).Real;
                if (decision * s < 0) errors++;
            }
            sink.AddRate("ber", errors, context.Trials);
        }

        public void BuildReport(RunResults results, ReportBuilder report) { }
    }
}

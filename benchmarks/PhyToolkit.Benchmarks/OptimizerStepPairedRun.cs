using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PhyToolkit.Benchmarks;

/// <summary>
/// Interleaved cross-check of <see cref="OptimizerStepBenchmarks"/> for a shared, loaded machine: for each (model, batch)
/// every optimiser's set-up is built once, then in each round every optimiser runs a block of steps in rotating order, and
/// the process CPU time and wall time per step are recorded. Rounds are paired, so the ratio to TorchSharp Adam of the
/// same round cancels most of the load that other jobs put on the machine; the medians over rounds are printed as a
/// Markdown table. Run: <c>dotnet run -c Release --project benchmarks/PhyToolkit.Benchmarks -- --paired [rounds]</c>.
/// </summary>
/// <remarks>CPU time is the process CPU clock (<c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>, ns resolution; all threads,
/// dominated by the stepping thread since libtorch runs with one intra-op thread). <see cref="Process.TotalProcessorTime"/>
/// is not used: on Linux it ticks in 10 ms steps. Our choice of method, not a BenchmarkDotNet feature.</remarks>
public static partial class OptimizerStepPairedRun
{
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    /// <summary>Process CPU time in milliseconds (CLOCK_PROCESS_CPUTIME_ID = 2 on Linux).</summary>
    private static double CpuMs()
    {
        if (ClockGetTime(2, out var t) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");
        return t.Seconds * 1e3 + t.Nanoseconds * 1e-6;
    }

    /// <summary>Runs the interleaved measurement and writes the table to standard output.</summary>
    /// <param name="rounds">Number of paired rounds, ≥ 3.</param>
    public static void Run(int rounds = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 3);
        var optimisers = new[] { "torch-adam", "muon", "muon-all", "adago", "adago-all", "sam-adam", "quantized-adam-bf16" };
        Console.WriteLine("| model | batch | optimiser | CPU ms/step (median) | wall ms/step (median) | CPU ratio vs torch Adam (median of rounds) | wall ratio vs torch Adam (median of rounds) |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var model in new[] { "mlp", "cnn" })
            foreach (var batch in new[] { 128, 1024 })
            {
                var benches = optimisers.Select(o => new OptimizerStepBenchmarks { Model = model, Batch = batch, Optimizer = o }).ToArray();
                foreach (var b in benches) { b.Setup(); for (int i = 0; i < 3; i++) b.Step(); }
                // Steps per block: about 50 ms of Adam CPU time per block, at least 1.
                double c00 = CpuMs();
                for (int s = 0; s < 3; s++) benches[0].Step();
                int steps = Math.Max(1, (int)(50 / Math.Max((CpuMs() - c00) / 3, 0.05)));
                var cpu = new double[optimisers.Length, rounds];
                var wall = new double[optimisers.Length, rounds];
                for (int r = 0; r < rounds; r++)
                    for (int j = 0; j < optimisers.Length; j++)
                    {
                        int i = (j + r) % optimisers.Length;                  // rotate the order between rounds
                        double c0 = CpuMs();
                        var sw = Stopwatch.StartNew();
                        for (int s = 0; s < steps; s++) benches[i].Step();
                        wall[i, r] = sw.Elapsed.TotalMilliseconds / steps;
                        cpu[i, r] = (CpuMs() - c0) / steps;
                    }
                for (int i = 0; i < optimisers.Length; i++)
                {
                    double Med(Func<int, double> f) => Median(Enumerable.Range(0, rounds).Select(f));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {model} | {batch} | {optimisers[i]} | {Med(r => cpu[i, r]):F2} | {Med(r => wall[i, r]):F2} | {Med(r => cpu[i, r] / cpu[0, r]):F2} | {Med(r => wall[i, r] / wall[0, r]):F2} |"));
                }
                foreach (var b in benches) b.Cleanup();
            }
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}

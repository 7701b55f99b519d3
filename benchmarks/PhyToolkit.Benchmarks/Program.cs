using BenchmarkDotNet.Running;

// Benchmarks are run by hand, never by CI:  dotnet run -c Release --project benchmarks/PhyToolkit.Benchmarks -- --filter '*'
// Interleaved CPU-time cross-check of the optimiser step benchmark (for loaded machines):  ... -- --paired [rounds]
if (args.Length > 0 && args[0] == "--paired")
{
    PhyToolkit.Benchmarks.OptimizerStepPairedRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(PhyToolkit.Benchmarks.PskLinkBenchmarks).Assembly).Run(args);

using BenchmarkDotNet.Running;

// Benchmarks are run by hand, never by CI:  dotnet run -c Release --project benchmarks/PhyToolkit.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PhyToolkit.Benchmarks.PskLinkBenchmarks).Assembly).Run(args);

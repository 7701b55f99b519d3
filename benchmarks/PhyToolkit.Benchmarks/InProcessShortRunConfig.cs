using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PhyToolkit.Benchmarks;

/// <summary>BenchmarkDotNet's ShortRun job run in process (the benchmarks' shared configuration).</summary>
public sealed class InProcessShortRunConfig : ManualConfig
{
    /// <summary>Adds the in-process ShortRun job.</summary>
    public InProcessShortRunConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}

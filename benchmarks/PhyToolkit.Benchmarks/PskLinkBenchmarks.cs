using BenchmarkDotNet.Attributes;
using PhyToolkit.Channels.Modulation;
using PhyToolkit.Core.Random;
using PhyToolkit.Channels.Fading;

namespace PhyToolkit.Benchmarks;

/// <summary>Symbols per second of the uncoded PSK link (the BER demo's inner loop); AWGN BPSK is the baseline.</summary>
[MemoryDiagnoser]
public class PskLinkBenchmarks
{
    private readonly PskLink _awgnBpsk = new(1, FadingKind.None, 6);
    private readonly PskLink _rayleighQpsk = new(2, FadingKind.Rayleigh, 6);

    /// <summary>10^4 BPSK symbols over AWGN.</summary>
    [Benchmark(Baseline = true)]
    public long AwgnBpsk()
    {
        var rng = new Xoshiro256StarStar(1);
        return _awgnBpsk.CountBitErrors(10_000, ref rng);
    }

    /// <summary>10^4 QPSK symbols over Rayleigh fading.</summary>
    [Benchmark]
    public long RayleighQpsk()
    {
        var rng = new Xoshiro256StarStar(1);
        return _rayleighQpsk.CountBitErrors(10_000, ref rng);
    }
}

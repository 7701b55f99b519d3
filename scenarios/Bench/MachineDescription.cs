using System.Globalization;
using System.Runtime.InteropServices;

namespace PhyToolkit.Scenarios.Bench;

/// <summary>
/// The machine as the benchmarks report it, and its nominal FP64 peak:
/// peak = cores × clock × SIMD lanes (FP64) × 2 (FMA = 2 flops) × FMA pipes.
/// Cores = <see cref="Environment.ProcessorCount"/> (logical CPUs visible to the process); clock = the first "cpu MHz"
/// of /proc/cpuinfo (the current, not the boost clock); lanes = 8 with avx512f, 4 with avx2/fma, else 2; FMA pipes = 2
/// (typical of current x86 server cores). AMD family 0x19 (Zen 3/Zen 4) executes 512-bit operations on 256-bit
/// units, so its effective width is 4 lanes even with avx512f (our reading of AMD's optimisation guides).
/// </summary>
internal sealed class MachineDescription
{
    public string CpuModel { get; private init; } = "unknown";
    public int Cores { get; private init; } = Environment.ProcessorCount;
    public double ClockMHz { get; private init; }
    public int CpuFamily { get; private init; }
    public string VendorId { get; private init; } = "";
    public string SimdFlags { get; private init; } = "";
    public int Fp64Lanes { get; private init; } = 2;
    public int FmaPipes { get; private init; } = 2;
    public string LanesReason { get; private init; } = "";

    public double PeakGflops => Cores * ClockMHz / 1000.0 * Fp64Lanes * 2 * FmaPipes;

    public string PeakDerivation => string.Create(CultureInfo.InvariantCulture,
        $"{Cores} cores × {ClockMHz / 1000:0.###} GHz × {Fp64Lanes} FP64 lanes ({LanesReason}) × 2 flops/FMA × {FmaPipes} FMA pipes = {PeakGflops:0.0} GFLOP/s (nominal clock from /proc/cpuinfo; a boost clock above it would lower every fraction)");

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{CpuModel} (vendor {VendorId}, family {CpuFamily}), {Cores} logical CPUs at {ClockMHz:0} MHz, SIMD: {SimdFlags}; " +
        $"{RuntimeInformation.OSDescription}; .NET {Environment.Version}; Vector256 accelerated: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}");

    public static MachineDescription Detect()
    {
        string model = "unknown", vendor = "";
        double mhz = 0;
        int family = 0;
        var flags = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                int c = line.IndexOf(':');
                if (c < 0) continue;
                string key = line[..c].Trim(), val = line[(c + 1)..].Trim();
                if (key == "model name" && model == "unknown") model = val;
                else if (key == "vendor_id" && vendor.Length == 0) vendor = val;
                else if (key == "cpu MHz" && mhz == 0) double.TryParse(val, NumberStyles.Float, CultureInfo.InvariantCulture, out mhz);
                else if (key == "cpu family" && family == 0) int.TryParse(val, out family);
                else if (key == "flags" && flags.Count == 0) foreach (var f in val.Split(' ', StringSplitOptions.RemoveEmptyEntries)) flags.Add(f);
            }
        }
        catch (IOException) { }
        int lanes = 2;
        string reason = "SSE2";
        if (flags.Contains("avx2") && flags.Contains("fma")) { lanes = 4; reason = "avx2+fma"; }
        if (flags.Contains("avx512f"))
        {
            if (vendor == "AuthenticAMD" && family == 0x19) { lanes = 4; reason = "avx512f on AMD family 0x19: 512-bit ops run on 256-bit units"; }
            else { lanes = 8; reason = "avx512f"; }
        }
        string simd = string.Join(' ', new[] { "avx", "avx2", "fma", "avx512f" }.Where(flags.Contains));
        return new MachineDescription
        {
            CpuModel = model, VendorId = vendor, ClockMHz = mhz > 0 ? mhz : 1000, CpuFamily = family, SimdFlags = simd,
            Fp64Lanes = lanes, LanesReason = reason,
        };
    }
}

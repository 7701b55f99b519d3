using System.Runtime.InteropServices;
using TorchSharp;

namespace PhyToolkit.Learning.Torch;

/// <summary>
/// Loads TorchSharp's native library once and pins its thread count, turning the misleading load failure
/// ("doesn't contain a reference to libtorch-cpu-linux-x64") into an error that names the real cause.
/// </summary>
/// <remarks>
/// On Debian 12 the build patches libLibTorchSharp.so in the output folder (build/TorchSharpDebian12.targets);
/// a program that copies TorchSharp's files elsewhere without that build step would fail here with a clear message.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>
    /// MKL conditional numerical reproducibility mode set before libtorch loads unless the user set <c>MKL_CBWR</c>:
    /// without it, MKL (statically inside libtorch_cpu) picks code paths per call and float64 GEMM results differed in the last
    /// bits from run to run (ota-fl with the MLP model, even with one engine thread); "COMPATIBLE" gives the same bits on every
    /// run and every x86-64 machine (shards merged across nodes), at a small cost (≈ 5 % on the ota-fl MLP run). Set
    /// <c>MKL_CBWR=AUTO,STRICT</c> in the environment for same-machine reproducibility at full speed.
    /// </summary>
    public const string DefaultMklReproducibilityMode = "COMPATIBLE";

    private static readonly Lazy<Exception?> Load = new(() =>
    {
        try
        {
            if (!OperatingSystem.IsWindows() && Environment.GetEnvironmentVariable("MKL_CBWR") is null)
                _ = NativeMethods.SetEnv("MKL_CBWR", DefaultMklReproducibilityMode, 0);
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    });

    /// <summary>
    /// Ensures libtorch is loaded; sets the intra-op thread count when <paramref name="threads"/> is given (≥ 1).
    /// </summary>
    /// <exception cref="InvalidOperationException">The native library cannot load; the message says why and what to do.</exception>
    public static void EnsureLoaded(int? threads = null)
    {
        if (Load.Value is { } e)
            throw new InvalidOperationException(
                "TorchSharp's native library (libLibTorchSharp.so / libtorch) could not be loaded. On Debian 12 its libstdc++ lacks "
                + "GLIBCXX_3.4.32; PhyToolkit's build patches the copy in the build output, so build through the project (dotnet build/test/run) "
                + "rather than copying binaries. Original error: " + (e.InnerException ?? e).Message, e);
        if (threads is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(threads));
            torch.set_num_threads(n);
        }
    }
}

/// <summary>libc's setenv: .NET's Environment.SetEnvironmentVariable does not reach the native environment on Unix.</summary>
internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    internal static extern int SetEnv(string name, string value, int overwrite);
}

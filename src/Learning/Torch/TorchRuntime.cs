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
    private static readonly Lazy<Exception?> Load = new(() =>
    {
        try
        {
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

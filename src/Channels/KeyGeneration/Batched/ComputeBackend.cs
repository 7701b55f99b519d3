using ILGPU;
using ILGPU.Runtime.Cuda;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>
/// Back-end policy of the batched KGR evaluator (STYLE §3, after Math.NET's provider control): a process-wide default
/// (<see cref="UseManaged"/>, <see cref="TryUse"/>, <see cref="UseBest"/>), the <c>PHYTK_BACKEND</c> environment variable
/// (managed | ilgpu-cpu | cuda | auto) overriding whatever is requested, and the size rule of <see cref="Resolve"/>.
/// </summary>
/// <remarks>
/// Size thresholds are our choice, from <c>phytk bench fa-plkg</c> on a 2-core machine: the managed SIMD path beats the
/// ILGPU CPU accelerator at every size measured there, so auto picks the ILGPU CPU accelerator only for very large batches;
/// CUDA (not measurable here) is picked from <see cref="CudaMinimumBatch"/> particles, where launch and transfer costs amortise.
/// </remarks>
public static class ComputeBackend
{
    /// <summary>Name of the overriding environment variable.</summary>
    public const string EnvironmentVariable = "PHYTK_BACKEND";

    /// <summary>Smallest batch (particles) for which auto picks CUDA (our choice).</summary>
    public const int CudaMinimumBatch = 2048;

    /// <summary>Smallest batch (particles) for which auto picks the ILGPU CPU accelerator when CUDA is absent (our choice;
    /// effectively "never" at swarm scale, see remarks).</summary>
    public const int IlgpuCpuMinimumBatch = 1 << 22;

    private static readonly Lazy<bool> CudaProbe = new(ProbeCuda);
    private static ComputeBackendKind _default = ComputeBackendKind.Auto;

    /// <summary>The process-wide default used when a caller asks for <see cref="ComputeBackendKind.Auto"/>.</summary>
    public static ComputeBackendKind Default => _default;

    /// <summary>True when ILGPU finds at least one CUDA device (probed once, lazily; false on any probing failure).</summary>
    public static bool IsCudaAvailable => CudaProbe.Value;

    /// <summary>Makes the managed path the default.</summary>
    public static void UseManaged() => _default = ComputeBackendKind.Managed;

    /// <summary>Makes the best available back-end policy the default (auto: CUDA → ILGPU-CPU → managed by size).</summary>
    public static void UseBest() => _default = ComputeBackendKind.Auto;

    /// <summary>Makes <paramref name="kind"/> the default if it is available; returns false (default unchanged) otherwise.</summary>
    /// <param name="kind">Requested back-end.</param>
    public static bool TryUse(ComputeBackendKind kind)
    {
        if (kind == ComputeBackendKind.Cuda && !IsCudaAvailable) return false;
        _default = kind;
        return true;
    }

    /// <summary>Parses managed | ilgpu-cpu | cuda | auto (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="kind">The parsed kind.</param>
    /// <returns>False for any other text.</returns>
    public static bool TryParse(string? text, out ComputeBackendKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto": kind = ComputeBackendKind.Auto; return true;
            case "managed": kind = ComputeBackendKind.Managed; return true;
            case "ilgpu-cpu": kind = ComputeBackendKind.IlgpuCpu; return true;
            case "cuda": kind = ComputeBackendKind.Cuda; return true;
            default: kind = ComputeBackendKind.Auto; return false;
        }
    }

    /// <summary>The text name of a kind (managed | ilgpu-cpu | cuda | auto).</summary>
    /// <param name="kind">The kind.</param>
    public static string Name(ComputeBackendKind kind) => kind switch
    {
        ComputeBackendKind.Managed => "managed",
        ComputeBackendKind.IlgpuCpu => "ilgpu-cpu",
        ComputeBackendKind.Cuda => "cuda",
        _ => "auto",
    };

    /// <summary>
    /// The requested kind after the environment override: <c>PHYTK_BACKEND</c> wins when set; then an explicit request;
    /// then <see cref="Default"/>.
    /// </summary>
    /// <param name="requested">What the caller asked for.</param>
    /// <exception cref="ArgumentException">PHYTK_BACKEND holds an unknown name (the message lists the allowed names).</exception>
    public static ComputeBackendKind Effective(ComputeBackendKind requested)
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (!TryParse(env, out var k))
                throw new ArgumentException($"{EnvironmentVariable}='{env}' is not one of managed, ilgpu-cpu, cuda, auto", nameof(requested));
            return k;
        }
        return requested == ComputeBackendKind.Auto ? _default : requested;
    }

    /// <summary>
    /// The concrete back-end for a batch of <paramref name="particles"/>: the effective request if it is concrete
    /// (CUDA requested but absent throws); for auto, CUDA when available and the batch has at least
    /// <see cref="CudaMinimumBatch"/> particles, else the ILGPU CPU accelerator from <see cref="IlgpuCpuMinimumBatch"/>,
    /// else managed.
    /// </summary>
    /// <param name="requested">Requested kind (before the environment override).</param>
    /// <param name="particles">Batch size, ≥ 0.</param>
    /// <exception cref="NotSupportedException">CUDA requested but no CUDA device exists.</exception>
    public static ComputeBackendKind Resolve(ComputeBackendKind requested, int particles)
    {
        var k = Effective(requested);
        if (k == ComputeBackendKind.Cuda && !IsCudaAvailable)
            throw new NotSupportedException("CUDA back-end requested but ILGPU finds no CUDA device.");
        if (k != ComputeBackendKind.Auto) return k;
        if (particles >= CudaMinimumBatch && IsCudaAvailable) return ComputeBackendKind.Cuda;
        if (particles >= IlgpuCpuMinimumBatch) return ComputeBackendKind.IlgpuCpu;
        return ComputeBackendKind.Managed;
    }

    private static bool ProbeCuda()
    {
        try
        {
            using var context = Context.Create(b => b.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}

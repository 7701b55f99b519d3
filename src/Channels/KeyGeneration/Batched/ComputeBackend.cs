using ILGPU;
using ILGPU.Runtime.Cuda;
using PhyToolkit.Core.Compute;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>
/// Back-end policy of the batched KGR evaluator (STYLE §3, after Math.NET's provider control): CUDA availability and the
/// size rule of <see cref="Resolve"/>. The request itself is a value the caller passes in (a run's choice comes from
/// <see cref="ComputeBackendChoice"/>: <c>--backend</c> beats <c>PHYTK_BACKEND</c> beats auto); there is no process-wide default.
/// </summary>
/// <remarks>
/// Size thresholds are our choice, from <c>phytk bench fa-plkg</c> on a 2-core machine: the managed SIMD path beats the
/// ILGPU CPU accelerator at every size measured there, so auto picks the ILGPU CPU accelerator only for very large batches;
/// CUDA (not measurable here) is picked from <see cref="CudaMinimumBatch"/> particles, where launch and transfer costs amortise.
/// </remarks>
public static class ComputeBackend
{
    /// <summary>Smallest batch (particles) for which auto picks CUDA (our choice).</summary>
    public const int CudaMinimumBatch = 2048;

    /// <summary>Smallest batch (particles) for which auto picks the ILGPU CPU accelerator when CUDA is absent (our choice;
    /// effectively "never" at swarm scale, see remarks).</summary>
    public const int IlgpuCpuMinimumBatch = 1 << 22;

    private static readonly Lazy<bool> CudaProbe = new(ProbeCuda);

    /// <summary>True when ILGPU finds at least one CUDA device (probed once, lazily; false on any probing failure).</summary>
    public static bool IsCudaAvailable => CudaProbe.Value;

    /// <summary>
    /// The concrete back-end for a batch of <paramref name="particles"/>: the request if it is concrete
    /// (CUDA requested but absent throws); for auto, CUDA when available and the batch has at least
    /// <see cref="CudaMinimumBatch"/> particles, else the ILGPU CPU accelerator from <see cref="IlgpuCpuMinimumBatch"/>,
    /// else managed.
    /// </summary>
    /// <param name="requested">Requested kind.</param>
    /// <param name="particles">Batch size, ≥ 0.</param>
    /// <exception cref="NotSupportedException">CUDA requested but no CUDA device exists.</exception>
    public static ComputeBackendKind Resolve(ComputeBackendKind requested, int particles)
    {
        var k = requested;
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

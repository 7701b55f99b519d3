using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

/// <summary>A fact that is skipped (not failed) when ILGPU finds no CUDA device.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!ComputeBackend.IsCudaAvailable) Skip = "No CUDA device on this machine.";
    }
}

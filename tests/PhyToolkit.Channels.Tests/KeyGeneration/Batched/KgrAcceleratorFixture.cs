using PhyToolkit.Channels.KeyGeneration;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

/// <summary>One ILGPU CPU accelerator (kernels JIT-compiled once) shared by a test class.</summary>
public sealed class KgrAcceleratorFixture : IDisposable
{
    public KgrAccelerator Cpu { get; } = KgrAccelerator.CreateCpu(multiprocessors: 1);

    public void Dispose() => Cpu.Dispose();
}

/// <summary>A fact that is skipped (not failed) when ILGPU finds no CUDA device.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!ComputeBackend.IsCudaAvailable) Skip = "No CUDA device on this machine.";
    }
}

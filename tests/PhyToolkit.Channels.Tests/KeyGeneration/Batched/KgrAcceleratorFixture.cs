using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

/// <summary>One ILGPU CPU accelerator (kernels JIT-compiled once) shared by a test class.</summary>
public sealed class KgrAcceleratorFixture : IDisposable
{
    public KgrAccelerator Cpu { get; } = KgrAccelerator.CreateCpu(multiprocessors: 1);

    public void Dispose() => Cpu.Dispose();
}

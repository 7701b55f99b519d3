using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;
using PhyToolkit.Core.Compute;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

[Collection(nameof(EnvironmentVariableCollection))]
public class ComputeBackendTests
{
    [Fact]
    public void AutoPicksManagedForSwarmSizesAndExplicitRequestsAreKept()
    {
        Assert.Equal(ComputeBackendKind.Managed, ComputeBackend.Resolve(ComputeBackendKind.Auto, 64));
        Assert.Equal(ComputeBackendKind.IlgpuCpu, ComputeBackend.Resolve(ComputeBackendKind.IlgpuCpu, 64));
        var big = ComputeBackend.IsCudaAvailable ? ComputeBackendKind.Cuda : ComputeBackendKind.IlgpuCpu;
        Assert.Equal(big, ComputeBackend.Resolve(ComputeBackendKind.Auto, ComputeBackend.IlgpuCpuMinimumBatch));
        if (!ComputeBackend.IsCudaAvailable)
            Assert.Throws<NotSupportedException>(() => ComputeBackend.Resolve(ComputeBackendKind.Cuda, 64));
    }

    [Fact]
    public void TheEnvironmentVariableNoLongerOverridesAPassedInRequest()
    {
        string? saved = Environment.GetEnvironmentVariable(ComputeBackendChoice.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ComputeBackendChoice.EnvironmentVariable, "ilgpu-cpu");
            Assert.Equal(ComputeBackendKind.Managed, ComputeBackend.Resolve(ComputeBackendKind.Managed, 64));
            Assert.Equal(ComputeBackendKind.Managed, ComputeBackend.Resolve(ComputeBackendKind.Auto, 64));
        }
        finally { Environment.SetEnvironmentVariable(ComputeBackendChoice.EnvironmentVariable, saved); }
    }
}

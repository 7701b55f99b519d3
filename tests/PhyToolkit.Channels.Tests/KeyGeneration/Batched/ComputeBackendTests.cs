using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

[Collection(nameof(EnvironmentVariableCollection))]
public class ComputeBackendTests
{
    [Theory]
    [InlineData("managed", ComputeBackendKind.Managed)]
    [InlineData("ILGPU-CPU", ComputeBackendKind.IlgpuCpu)]
    [InlineData(" cuda ", ComputeBackendKind.Cuda)]
    [InlineData("auto", ComputeBackendKind.Auto)]
    public void ParsesNamesAndRoundTrips(string text, ComputeBackendKind kind)
    {
        Assert.True(ComputeBackend.TryParse(text, out var k));
        Assert.Equal(kind, k);
        Assert.True(ComputeBackend.TryParse(ComputeBackend.Name(kind), out var back));
        Assert.Equal(kind, back);
        Assert.False(ComputeBackend.TryParse("opencl", out _));
    }

    [Fact]
    public void AutoPicksManagedForSwarmSizesAndExplicitRequestsAreKept()
    {
        string? saved = Environment.GetEnvironmentVariable(ComputeBackend.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ComputeBackend.EnvironmentVariable, null);
            Assert.Equal(ComputeBackendKind.Managed, ComputeBackend.Resolve(ComputeBackendKind.Auto, 64));
            Assert.Equal(ComputeBackendKind.IlgpuCpu, ComputeBackend.Resolve(ComputeBackendKind.IlgpuCpu, 64));
            var big = ComputeBackend.IsCudaAvailable ? ComputeBackendKind.Cuda : ComputeBackendKind.IlgpuCpu;
            Assert.Equal(big, ComputeBackend.Resolve(ComputeBackendKind.Auto, ComputeBackend.IlgpuCpuMinimumBatch));
            if (!ComputeBackend.IsCudaAvailable)
            {
                Assert.Throws<NotSupportedException>(() => ComputeBackend.Resolve(ComputeBackendKind.Cuda, 64));
                Assert.False(ComputeBackend.TryUse(ComputeBackendKind.Cuda));
            }
        }
        finally { Environment.SetEnvironmentVariable(ComputeBackend.EnvironmentVariable, saved); }
    }

    [Fact]
    public void EnvironmentVariableOverridesTheRequest()
    {
        string? saved = Environment.GetEnvironmentVariable(ComputeBackend.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ComputeBackend.EnvironmentVariable, "managed");
            Assert.Equal(ComputeBackendKind.Managed, ComputeBackend.Resolve(ComputeBackendKind.IlgpuCpu, 64));
            Environment.SetEnvironmentVariable(ComputeBackend.EnvironmentVariable, "vulkan");
            var e = Assert.Throws<ArgumentException>(() => ComputeBackend.Resolve(ComputeBackendKind.Auto, 64));
            Assert.Contains("PHYTK_BACKEND", e.Message);
        }
        finally { Environment.SetEnvironmentVariable(ComputeBackend.EnvironmentVariable, saved); }
    }
}

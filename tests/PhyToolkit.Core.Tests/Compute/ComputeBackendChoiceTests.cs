using PhyToolkit.Core.Compute;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Core.Tests.Compute;

public class ComputeBackendChoiceTests
{
    [Theory]
    [InlineData("managed", ComputeBackendKind.Managed)]
    [InlineData("ILGPU-CPU", ComputeBackendKind.IlgpuCpu)]
    [InlineData(" cuda ", ComputeBackendKind.Cuda)]
    [InlineData("auto", ComputeBackendKind.Auto)]
    public void ParsesNamesAndRoundTrips(string text, ComputeBackendKind kind)
    {
        Assert.True(ComputeBackendChoice.TryParse(text, out var k));
        Assert.Equal(kind, k);
        Assert.True(ComputeBackendChoice.TryParse(ComputeBackendChoice.Name(kind), out var back));
        Assert.Equal(kind, back);
        Assert.False(ComputeBackendChoice.TryParse("opencl", out _));
    }

    [Fact]
    public void TheFlagBeatsTheEnvironmentWhichBeatsAuto()
    {
        static Func<string, string?> Env(string? value) => name => name == ComputeBackendChoice.EnvironmentVariable ? value : null;
        Assert.Equal(ComputeBackendKind.Auto, ComputeBackendChoice.Resolve(null, Env(null)));
        Assert.Equal(ComputeBackendKind.Auto, ComputeBackendChoice.Resolve(null, Env("  ")));
        Assert.Equal(ComputeBackendKind.IlgpuCpu, ComputeBackendChoice.Resolve(null, Env("ilgpu-cpu")));
        Assert.Equal(ComputeBackendKind.Managed, ComputeBackendChoice.Resolve("managed", Env("ilgpu-cpu")));
        // A valid flag wins even over an invalid environment value.
        Assert.Equal(ComputeBackendKind.Managed, ComputeBackendChoice.Resolve("managed", Env("vulkan")));
    }

    [Fact]
    public void BadValuesNameTheirSourceAndTheAllowedNames()
    {
        var e = Assert.Throws<ConfigException>(() => ComputeBackendChoice.Resolve("vulkan", _ => null));
        Assert.Equal("--backend", e.Path);
        Assert.Contains("managed, ilgpu-cpu, cuda, auto", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ConfigException>(() => ComputeBackendChoice.Resolve(null, _ => "vulkan"));
        Assert.Equal("PHYTK_BACKEND", e.Path);
    }
}

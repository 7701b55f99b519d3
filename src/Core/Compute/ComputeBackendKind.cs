namespace PhyToolkit.Core.Compute;

/// <summary>Where batched kernels run (Math.NET-style provider choice; STYLE §3). Text names in brackets.</summary>
public enum ComputeBackendKind
{
    /// <summary>Pick by problem size and availability (the library's size rule) ["auto"].</summary>
    Auto,
    /// <summary>The managed SIMD path (Vector256 across particles, parallel across blocks) ["managed"].</summary>
    Managed,
    /// <summary>ILGPU kernels on ILGPU's CPU accelerator (mainly for testing the kernels) ["ilgpu-cpu"].</summary>
    IlgpuCpu,
    /// <summary>ILGPU kernels on the first CUDA device ["cuda"].</summary>
    Cuda,
}

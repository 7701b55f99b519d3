using PhyToolkit.Core.Compute;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>
/// An ILGPU context and accelerator with the batched KGR kernels loaded once (STYLE §7) and device buffers grown on demand.
/// Share one instance between evaluators (for example one per test class); dispose it when done. Not thread-safe:
/// launches from several threads must be serialised by the caller (<see cref="BatchedKgrEvaluator"/> locks it).
/// </summary>
public sealed class KgrAccelerator : IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, KgrKernelParameters, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>> _kgr;
    private readonly Action<Index1D, KgrKernelParameters, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>> _oracle;
    private MemoryBuffer1D<double, Stride1D.Dense>? _positions, _precoders, _paths, _scratch, _output;
    private MemoryBuffer1D<int, Stride1D.Dense>? _geometry;
    private int[] _zeros = [];
    private bool _disposed;

    private KgrAccelerator(Context context, Accelerator accelerator, ComputeBackendKind kind)
    {
        _context = context;
        _accelerator = accelerator;
        Kind = kind;
        _kgr = accelerator.LoadAutoGroupedStreamKernel<Index1D, KgrKernelParameters, ArrayView<double>, ArrayView<double>, ArrayView<double>,
            ArrayView<int>, ArrayView<double>, ArrayView<double>>(BatchedKgrEvaluator.KgrKernel);
        _oracle = accelerator.LoadAutoGroupedStreamKernel<Index1D, KgrKernelParameters, ArrayView<double>, ArrayView<double>,
            ArrayView<int>, ArrayView<double>, ArrayView<double>>(BatchedKgrEvaluator.OracleKernel);
    }

    /// <summary><see cref="ComputeBackendKind.IlgpuCpu"/> or <see cref="ComputeBackendKind.Cuda"/>.</summary>
    public ComputeBackendKind Kind { get; }

    /// <summary>The device name reported by ILGPU.</summary>
    public string DeviceName => _accelerator.Name;

    /// <summary>Largest number of particles per kernel launch (bounds the scratch buffer; our choice).</summary>
    public const int MaxParticlesPerLaunch = 8192;

    /// <summary>Creates an ILGPU CPU accelerator (kernels run as managed code on <paramref name="multiprocessors"/> ILGPU
    /// processors of 4 threads; use 1–2 on a small machine).</summary>
    /// <param name="multiprocessors">ILGPU CPU multiprocessors, in [1, 64].</param>
    public static KgrAccelerator CreateCpu(int multiprocessors = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(multiprocessors, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(multiprocessors, 64);
        var context = Context.Create(b => b.CPU(new CPUDevice(4, 1, multiprocessors)).EnableAlgorithms());
        try
        {
            var acc = context.GetCPUDevice(0).CreateCPUAccelerator(context);
            return new KgrAccelerator(context, acc, ComputeBackendKind.IlgpuCpu);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Creates an accelerator on the first CUDA device, or returns null when none exists.</summary>
    public static KgrAccelerator? TryCreateCuda()
    {
        if (!ComputeBackend.IsCudaAvailable) return null;
        var context = Context.Create(b => b.Cuda().EnableAlgorithms());
        try
        {
            if (context.GetCudaDevices().Count == 0) { context.Dispose(); return null; }
            var acc = context.CreateCudaAccelerator(0);
            return new KgrAccelerator(context, acc, ComputeBackendKind.Cuda);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Creates the accelerator of a concrete kind (IlgpuCpu or Cuda).</summary>
    /// <param name="kind">The kind.</param>
    /// <exception cref="NotSupportedException">CUDA requested but absent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Not an ILGPU kind.</exception>
    public static KgrAccelerator Create(ComputeBackendKind kind) => kind switch
    {
        ComputeBackendKind.IlgpuCpu => CreateCpu(),
        ComputeBackendKind.Cuda => TryCreateCuda() ?? throw new NotSupportedException("No CUDA device."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "kind must be IlgpuCpu or Cuda"),
    };

    // Runs the KGR (precoders non-empty) or the oracle kernel over all particles, in launches of ≤ MaxParticlesPerLaunch.
    internal void Run(KgrKernelParameters prm, ReadOnlySpan<double> paths, ReadOnlySpan<double> positions, ReadOnlySpan<double> precodersInterleaved,
        ReadOnlySpan<int> geometryIndices, Span<double> output, bool oracle)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int total = output.Length, m = prm.M, k = prm.K;
        Ensure(ref _paths, paths.Length);
        Contiguous(_paths!).SubView(0, paths.Length).CopyFromCPU(paths);
        for (int first = 0; first < total; first += MaxParticlesPerLaunch)
        {
            int s = Math.Min(MaxParticlesPerLaunch, total - first);
            var p = new KgrKernelParameters(m, k, prm.L, s, prm.AliceNoiseVariance, prm.BobNoiseVariance, prm.EnergyBudget);
            int scratch = 2 * (oracle ? p.OracleScratch : p.KgrScratch) * s;
            Ensure(ref _positions, s * 2 * m);
            Ensure(ref _output, s);
            EnsureInt(ref _geometry, s);
            var geo = ((ArrayView<int>)_geometry!.View).SubView(0, s);
            if (geometryIndices.IsEmpty)
            {
                if (_zeros.Length < s) _zeros = new int[s];
                geo.CopyFromCPU(new ReadOnlySpan<int>(_zeros, 0, s));
            }
            else geo.CopyFromCPU(geometryIndices.Slice(first, s));
            Ensure(ref _scratch, scratch);
            var pos = Contiguous(_positions!).SubView(0, s * 2 * m);
            pos.CopyFromCPU(positions.Slice(first * 2 * m, s * 2 * m));
            var outView = Contiguous(_output!).SubView(0, s);
            var scr = Contiguous(_scratch!).SubView(0, scratch);
            var pathView = Contiguous(_paths!).SubView(0, paths.Length);
            if (oracle)
                _oracle(s, p, pos, pathView, geo, scr, outView);
            else
            {
                int n = s * m * k * 2;
                Ensure(ref _precoders, n);
                var pre = Contiguous(_precoders!).SubView(0, n);
                pre.CopyFromCPU(precodersInterleaved.Slice(first * m * k * 2, n));
                _kgr(s, p, pos, pre, pathView, geo, scr, outView);
            }
            _accelerator.Synchronize();
            outView.CopyToCPU(output.Slice(first, s));
        }
    }

    private static ArrayView<double> Contiguous(MemoryBuffer1D<double, Stride1D.Dense> buffer) => buffer.View;

    private void EnsureInt(ref MemoryBuffer1D<int, Stride1D.Dense>? buffer, long length)
    {
        if (buffer != null && buffer.Length >= length) return;
        buffer?.Dispose();
        buffer = _accelerator.Allocate1D<int>(Math.Max(length, 1));
    }

    private void Ensure(ref MemoryBuffer1D<double, Stride1D.Dense>? buffer, long length)
    {
        if (buffer != null && buffer.Length >= length) return;
        buffer?.Dispose();
        buffer = _accelerator.Allocate1D<double>(Math.Max(length, 1));
    }

    /// <summary>Releases the buffers, the accelerator and the context.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _positions?.Dispose(); _precoders?.Dispose(); _paths?.Dispose(); _scratch?.Dispose(); _output?.Dispose(); _geometry?.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }
}

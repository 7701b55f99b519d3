using PhyToolkit.Core.Compute;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PhyToolkit.Channels.Sampling;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>
/// Batched key-generation-rate evaluation for a swarm of S particles (antenna layouts, and precoders where relevant) that
/// share one field-response path geometry (fa-plkg docs/fa-plkg.md) and one <see cref="KgrModel"/> (σ_A², σ_B², E):
/// <list type="bullet">
/// <item><see cref="Kgr(ReadOnlySpan{double}, ReadOnlySpan{Complex}, Span{double})"/>: KGR(P_s, R(t̃_s)) by the Schur form of docs/fa-plkg.md, in bits per probing round;</item>
/// <item><see cref="OptimalKgr(ReadOnlySpan{double}, Span{double})"/>: max_P KGR(P, R(t̃_s)) under ‖P‖²_F ≤ E by the water-filling oracle of docs/fa-plkg.md
/// (with L &lt; M from the eigenvalues of the L×L Gram matrix of the field responses, which carries the non-zero spectrum of R).</item>
/// <item><see cref="PrepareLayouts(ReadOnlySpan{double})"/>, <see cref="EvaluatePrepared"/>, <see cref="AcceptTrials"/>,
/// <see cref="PrecoderGradients"/>: KGR and its precoder gradient ∂KGR/∂P* for batched projected-gradient ascent, the layout
/// set-up done once and the gradient taken from the factors of the accepted evaluation (managed SIMD only;
/// <c>BatchedKgrEvaluator.Ascent.cs</c>).</item>
/// </list>
/// Results equal the scalar reference (<see cref="KgrModel.Value"/>, <see cref="KgrModel.OptimalValue"/> on
/// <c>FieldResponseCovariance.Covariance</c>) to about 1e-12 relative (tested at 1e-10, M = 1…32, −30…60 dB).
/// </summary>
/// <remarks>
/// <para><b>Back-ends</b> (<see cref="ComputeBackend"/>): managed — structure-of-arrays blocks of 4 particles, one
/// <see cref="System.Runtime.Intrinsics.Vector256{T}"/> lane per particle, every particle of a block following the same
/// operation sequence (Cholesky without pivoting, cyclic Jacobi with per-lane angles), blocks split over
/// <c>maxDegreeOfParallelism</c> workers, each with its own workspace; ILGPU — one kernel thread per particle
/// (<c>BatchedKgrEvaluator.Kernels.cs</c>), on the CPU accelerator or CUDA.</para>
/// <para><b>Schur form used</b> (derived from docs/fa-plkg.md; the cancellation-free form of <see cref="KgrModel.Value"/>):
/// C = R + σ_A²I = L_C L_Cᴴ, W = L_C⁻¹R, V = WP, Z = L_C⁻¹P, X_Q = PᴴQP/σ_B² = (σ_A²/σ_B²)ZᴴV,
/// I + X_Q = L_Q L_Qᴴ, U = L_Q⁻¹Vᴴ, Y = UUᴴ/σ_B², KGR = ln det(I + Y)/ln 2 (Σ log1p over the Cholesky pivots).
/// R is built as R_mn = Σ_l p_l a_lm conj(a_ln), a_lm = e^{j2πρ_l(t_m)}: M·L complex exponentials instead of M²L/2.</para>
/// <para><b>Allocation</b>: none per call once the internal buffers have grown to the batch size (the workers are
/// persistent background threads started on the first parallel call). Input checks are O(S·M) and done once per call.</para>
/// <para>Not thread-safe (one evaluator per optimisation run).</para>
/// </remarks>
public sealed partial class BatchedKgrEvaluator : IDisposable
{
    private readonly double[] _u, _v, _p, _paths, _diagonal;
    private readonly int _paths1, _geometryCount;
    private readonly KgrModel _model;
    private readonly int _antennas, _slots, _workers;
    private readonly BatchedKgrWorkspace[] _workspaces;
    private readonly Action<int> _parallelBody;
    private readonly BlockWorkerPool _pool;
    private readonly object _acceleratorLock = new();
    private KgrAccelerator? _accelerator;
    private readonly bool _ownsAccelerator;
    private double[] _positions = [], _output = [];
    private Complex[] _precoders = [];
    private int[] _indices = [];
    private bool _hasIndices;
    private int _batch, _blocks, _activeWorkers;
    private bool _oracleMode;
    private bool _disposed;

    /// <summary>Creates the evaluator for one trial's geometry.</summary>
    /// <param name="geometry">Path angles and powers (L ≥ 1 paths).</param>
    /// <param name="model">σ_A², σ_B², E.</param>
    /// <param name="antennas">M, in [1, <see cref="MaxAntennas"/>].</param>
    /// <param name="slots">K, in [1, <see cref="MaxAntennas"/>] (spec default K = M).</param>
    /// <param name="backend">Requested back-end (auto resolves per call by batch size; a run passes its --backend / PHYTK_BACKEND choice in).</param>
    /// <param name="maxDegreeOfParallelism">Managed workers, in [1, 256]; 0 means <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="accelerator">Optional shared ILGPU accelerator (not disposed by this evaluator). When null and an
    /// ILGPU back-end is used, the evaluator creates and owns one.</param>
    public BatchedKgrEvaluator(PathGeometry geometry, KgrModel model, int antennas, int slots,
        ComputeBackendKind backend = ComputeBackendKind.Auto, int maxDegreeOfParallelism = 0, KgrAccelerator? accelerator = null)
        : this([geometry ?? throw new ArgumentNullException(nameof(geometry))], model, antennas, slots, backend, maxDegreeOfParallelism, accelerator)
    {
    }

    /// <summary>
    /// Creates the evaluator for several trials at once: particle s uses geometry <c>geometryIndices[s]</c> of
    /// <paramref name="geometries"/> (the overloads taking indices); all trials share the model (one SNR) and L.
    /// </summary>
    /// <param name="geometries">One path geometry per trial, ≥ 1, all with the same number of paths L.</param>
    /// <param name="model">σ_A², σ_B², E.</param>
    /// <param name="antennas">M, in [1, <see cref="MaxAntennas"/>].</param>
    /// <param name="slots">K, in [1, <see cref="MaxAntennas"/>].</param>
    /// <param name="backend">Requested back-end.</param>
    /// <param name="maxDegreeOfParallelism">Managed workers, in [0, 256]; 0 = all processors.</param>
    /// <param name="accelerator">Optional shared ILGPU accelerator.</param>
    /// <exception cref="ArgumentException">No geometry, or geometries with different path counts.</exception>
    public BatchedKgrEvaluator(IReadOnlyList<PathGeometry> geometries, KgrModel model, int antennas, int slots,
        ComputeBackendKind backend = ComputeBackendKind.Auto, int maxDegreeOfParallelism = 0, KgrAccelerator? accelerator = null)
    {
        ArgumentNullException.ThrowIfNull(geometries);
        ArgumentNullException.ThrowIfNull(model);
        if (geometries.Count == 0) throw new ArgumentException("geometries must hold at least one path geometry", nameof(geometries));
        if (antennas < 1 || antennas > MaxAntennas)
            throw new ArgumentOutOfRangeException(nameof(antennas), antennas, $"antennas (M) must be in [1, {MaxAntennas}]");
        if (slots < 1 || slots > MaxAntennas)
            throw new ArgumentOutOfRangeException(nameof(slots), slots, $"slots (K) must be in [1, {MaxAntennas}]");
        if (maxDegreeOfParallelism < 0 || maxDegreeOfParallelism > 256)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "maxDegreeOfParallelism must be in [0, 256] (0 = all processors)");
        _model = model;
        _antennas = antennas;
        _slots = slots;
        int l = geometries[0]?.PathCount ?? throw new ArgumentException("geometries must not contain null", nameof(geometries));
        int gCount = geometries.Count;
        _u = new double[gCount * l]; _v = new double[gCount * l]; _p = new double[gCount * l]; _diagonal = new double[gCount];
        _paths = new double[gCount * 3 * l];
        for (int g = 0; g < gCount; g++)
        {
            var geometry = geometries[g] ?? throw new ArgumentException("geometries must not contain null", nameof(geometries));
            if (geometry.PathCount != l)
                throw new ArgumentException($"all geometries must have the same number of paths L = {l}; geometry {g} has {geometry.PathCount}", nameof(geometries));
            double s = 0;
            for (int i = 0; i < l; i++)
            {
                // As FieldResponseCovariance: u_l = sinθ_l cosφ_l, v_l = cosθ_l, R_mm = Σ_l p_l.
                _u[g * l + i] = Math.Sin(geometry.ElevationsRad[i]) * Math.Cos(geometry.AzimuthsRad[i]);
                _v[g * l + i] = Math.Cos(geometry.ElevationsRad[i]);
                _p[g * l + i] = geometry.Powers[i];
                s += geometry.Powers[i];
                _paths[3 * l * g + i] = _u[g * l + i];
                _paths[3 * l * g + l + i] = _v[g * l + i];
                _paths[3 * l * g + 2 * l + i] = _p[g * l + i];
            }
            _diagonal[g] = s;
        }
        _paths1 = l;
        _geometryCount = gCount;
        Backend = backend;
        _workers = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        _workspaces = new BatchedKgrWorkspace[_workers];
        for (int w = 0; w < _workers; w++) _workspaces[w] = new BatchedKgrWorkspace(antennas, slots, l);
        _parallelBody = RunWorker;
        _pool = new BlockWorkerPool(_workers);
        _accelerator = accelerator;
        _ownsAccelerator = accelerator == null;
    }

    /// <summary>Largest supported M and K (our choice: the target is small per-array matrices).</summary>
    public const int MaxAntennas = 32;

    /// <summary>M.</summary>
    public int Antennas => _antennas;

    /// <summary>K.</summary>
    public int Slots => _slots;

    /// <summary>L, number of paths.</summary>
    public int PathCount => _paths1;

    /// <summary>Number of trial geometries (1 unless created from a list).</summary>
    public int GeometryCount => _geometryCount;

    /// <summary>The KGR model (σ_A², σ_B², E).</summary>
    public KgrModel Model => _model;

    /// <summary>The requested back-end (before the environment override and the size rule).</summary>
    public ComputeBackendKind Backend { get; }

    /// <summary>The concrete back-end used by the last call (Auto before the first call).</summary>
    public ComputeBackendKind LastBackend { get; private set; }

    /// <summary>Managed worker count.</summary>
    public int MaxDegreeOfParallelism => _workers;

    /// <summary>
    /// Real floating-point operations of one Schur-form KGR evaluation as counted for the benchmarks (a complex
    /// multiply-add = 8 flops; square roots, divisions, logarithms and the M·L complex exponentials not counted):
    /// R: 4LM(M−1); Cholesky of C: 4M³/3; W = L_C⁻¹R: 4M³; V = WP: 8M²K; Z = L_C⁻¹P: 4M²K; X_Q (lower): 4MK²;
    /// Cholesky of I + X_Q: 4K³/3; U = L_Q⁻¹Vᴴ: 4K²M; Y (lower): 4K²M; Cholesky of I + Y: 4K³/3 (leading terms;
    /// = 4LM(M−1) + 32M³ for K = M).
    /// </summary>
    /// <param name="antennas">M ≥ 1.</param>
    /// <param name="slots">K ≥ 1.</param>
    /// <param name="paths">L ≥ 1.</param>
    public static double FlopsPerKgr(int antennas, int slots, int paths)
    {
        double m = antennas, k = slots, l = paths;
        return 4 * l * m * (m - 1) + 4 * m * m * m / 3 + 4 * m * m * m + 8 * m * m * k + 4 * m * m * k + 4 * m * k * k
            + 4 * k * k * k / 3 + 8 * k * k * m + 4 * k * k * k / 3;
    }

    /// <summary>
    /// KGR(P_s, R(t̃_s)) in bits per probing round for every particle s (Schur form, docs/fa-plkg.md).
    /// </summary>
    /// <param name="positions">S×2M layouts, particle s at <c>[s·2M, (s+1)·2M)</c> as x0, y0, x1, y1, … in wavelengths; finite.</param>
    /// <param name="precoders">S×M×K precoders, particle s at <c>[s·MK, (s+1)·MK)</c>, each row-major M×K; finite.</param>
    /// <param name="kgrBits">Output, length S ≥ 0.</param>
    /// <exception cref="ArgumentException">Lengths do not match S, or a non-finite input.</exception>
    public void Kgr(ReadOnlySpan<double> positions, ReadOnlySpan<Complex> precoders, Span<double> kgrBits) =>
        Kgr(positions, precoders, ReadOnlySpan<int>.Empty, kgrBits);

    /// <summary>As <see cref="Kgr(ReadOnlySpan{double}, ReadOnlySpan{Complex}, Span{double})"/>, particle s using geometry
    /// <paramref name="geometryIndices"/>[s] (several trials in one batch).</summary>
    /// <param name="positions">S×2M layouts.</param>
    /// <param name="precoders">S×M×K precoders.</param>
    /// <param name="geometryIndices">Length S, each in [0, <see cref="GeometryCount"/>), or empty for geometry 0 throughout.</param>
    /// <param name="kgrBits">Output, length S.</param>
    public void Kgr(ReadOnlySpan<double> positions, ReadOnlySpan<Complex> precoders, ReadOnlySpan<int> geometryIndices, Span<double> kgrBits)
    {
        int s = kgrBits.Length, mk = _antennas * _slots;
        CheckIndices(geometryIndices, s);
        CheckPositions(positions, s);
        if (precoders.Length != s * mk)
            throw new ArgumentException($"precoders must hold S·M·K = {s * mk} entries, got {precoders.Length}", nameof(precoders));
        ReadOnlySpan<double> flat = MemoryMarshal.Cast<Complex, double>(precoders);
        for (int i = 0; i < flat.Length; i++)
            if (!double.IsFinite(flat[i])) throw new ArgumentException($"precoders has a non-finite entry at index {i / 2}", nameof(precoders));
        Run(positions, precoders, geometryIndices, kgrBits, oracle: false);
    }

    /// <summary>
    /// The water-filling optimum max_P KGR(P, R(t̃_s)) subject to ‖P‖²_F ≤ E (docs/fa-plkg.md), bits per probing round, for every
    /// particle: eigenvalues of R(t̃_s) by cyclic Jacobi, then the KKT water level by geometric bisection, exactly as
    /// <see cref="KgrModel.WaterFillingPrecoder(ReadOnlySpan{Complex}, Span{Complex}, Span{double}, out double, KgrWorkspace)"/>.
    /// </summary>
    /// <param name="positions">S×2M layouts (as in <see cref="Kgr(ReadOnlySpan{double}, ReadOnlySpan{Complex}, Span{double})"/>).</param>
    /// <param name="kgrBits">Output, length S ≥ 0.</param>
    /// <exception cref="ArgumentException">Lengths do not match S, or a non-finite position.</exception>
    public void OptimalKgr(ReadOnlySpan<double> positions, Span<double> kgrBits) => OptimalKgr(positions, ReadOnlySpan<int>.Empty, kgrBits);

    /// <summary>As <see cref="OptimalKgr(ReadOnlySpan{double}, Span{double})"/>, particle s using geometry
    /// <paramref name="geometryIndices"/>[s] (several trials in one batch).</summary>
    /// <param name="positions">S×2M layouts.</param>
    /// <param name="geometryIndices">Length S, each in [0, <see cref="GeometryCount"/>), or empty for geometry 0 throughout.</param>
    /// <param name="kgrBits">Output, length S.</param>
    public void OptimalKgr(ReadOnlySpan<double> positions, ReadOnlySpan<int> geometryIndices, Span<double> kgrBits)
    {
        CheckIndices(geometryIndices, kgrBits.Length);
        CheckPositions(positions, kgrBits.Length);
        Run(positions, ReadOnlySpan<Complex>.Empty, geometryIndices, kgrBits, oracle: true);
    }

    private void CheckIndices(ReadOnlySpan<int> indices, int s)
    {
        if (indices.IsEmpty) return;
        if (indices.Length != s)
            throw new ArgumentException($"geometryIndices must be empty or hold S = {s} entries, got {indices.Length}", "geometryIndices");
        for (int i = 0; i < s; i++)
            if ((uint)indices[i] >= (uint)_geometryCount)
                throw new ArgumentOutOfRangeException("geometryIndices", indices[i], $"geometryIndices[{i}] must be in [0, {_geometryCount - 1}]");
    }

    /// <summary>R(t̃_s) for every particle (row-major M×M each) under geometry 0, as built by the managed path (a test and inspection aid).</summary>
    /// <param name="positions">S×2M layouts.</param>
    /// <param name="covariances">Output, S·M² entries.</param>
    public void Covariances(ReadOnlySpan<double> positions, Span<Complex> covariances)
    {
        int m = _antennas, mm = m * m;
        int s = covariances.Length / Math.Max(mm, 1);
        if (covariances.Length != s * mm)
            throw new ArgumentException($"covariances must hold S·M² entries (M² = {mm}), got {covariances.Length}", nameof(covariances));
        CheckPositions(positions, s);
        var ws = _workspaces[0];
        for (int first = 0; first < s; first += BatchedKgrWorkspace.Lanes)
        {
            int count = Math.Min(BatchedKgrWorkspace.Lanes, s - first);
            LoadGeometryBlock(ws, ReadOnlySpan<int>.Empty, first, count);
            BuildCovarianceBlock(ws, positions, first, count);
            for (int lane = 0; lane < count; lane++)
                for (int e = 0; e < mm; e++)
                    covariances[(first + lane) * mm + e] = new Complex(ws.Rr[e].GetElement(lane), ws.Ri[e].GetElement(lane));
        }
    }

    private void CheckPositions(ReadOnlySpan<double> positions, int s)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int d = 2 * _antennas;
        if (positions.Length != s * d)
            throw new ArgumentException($"positions must hold S·2M = {s * d} entries (S = output length), got {positions.Length}", nameof(positions));
        for (int i = 0; i < positions.Length; i++)
            if (!double.IsFinite(positions[i])) throw new ArgumentException($"positions has a non-finite entry at index {i}", nameof(positions));
    }

    private void Run(ReadOnlySpan<double> positions, ReadOnlySpan<Complex> precoders, ReadOnlySpan<int> indices, Span<double> kgrBits, bool oracle)
    {
        int s = kgrBits.Length;
        if (s == 0) return;
        var kind = ComputeBackend.Resolve(Backend, s);
        LastBackend = kind;
        if (kind is ComputeBackendKind.IlgpuCpu or ComputeBackendKind.Cuda)
        {
            lock (_acceleratorLock)
            {
                if (_accelerator == null || _accelerator.Kind != kind)
                {
                    if (_ownsAccelerator) _accelerator?.Dispose();
                    else if (_accelerator != null)
                        throw new InvalidOperationException($"The shared accelerator is {ComputeBackendChoice.Name(_accelerator.Kind)} but {ComputeBackendChoice.Name(kind)} was resolved.");
                    _accelerator = KgrAccelerator.Create(kind);
                }
                var prm = new KgrKernelParameters(_antennas, _slots, _paths1, s, _model.AliceNoiseVariance, _model.BobNoiseVariance,
                    _model.EnergyBudget);
                _accelerator.Run(prm, _paths, positions, MemoryMarshal.Cast<Complex, double>(precoders), indices, kgrBits, oracle);
            }
            return;
        }
        int blocks = (s + BatchedKgrWorkspace.Lanes - 1) / BatchedKgrWorkspace.Lanes;
        int workers = Math.Min(_workers, blocks);
        if (workers == 1)
        {
            RunBlocks(_workspaces[0], positions, precoders, indices, kgrBits, 0, blocks, oracle);
            return;
        }
        // Stage the inputs in arrays the parallel body can reach (grown only when the batch grows).
        int d = 2 * _antennas, mk = _antennas * _slots;
        if (_positions.Length < s * d) _positions = new double[s * d];
        if (_output.Length < s) _output = new double[s];
        positions.CopyTo(_positions);
        if (!oracle)
        {
            if (_precoders.Length < s * mk) _precoders = new Complex[s * mk];
            precoders.CopyTo(_precoders);
        }
        _hasIndices = !indices.IsEmpty;
        if (_hasIndices)
        {
            if (_indices.Length < s) _indices = new int[s];
            indices.CopyTo(_indices);
        }
        _batch = s; _blocks = blocks; _activeWorkers = workers; _oracleMode = oracle;
        _pool.Run(workers, _parallelBody);
        _output.AsSpan(0, s).CopyTo(kgrBits);
    }

    private void RunWorker(int w)
    {
        int from = (int)((long)_blocks * w / _activeWorkers), to = (int)((long)_blocks * (w + 1) / _activeWorkers);
        int s = _batch, d = 2 * _antennas, mk = _antennas * _slots;
        RunBlocks(_workspaces[w], _positions.AsSpan(0, s * d), _oracleMode ? ReadOnlySpan<Complex>.Empty : _precoders.AsSpan(0, s * mk),
            _hasIndices ? _indices.AsSpan(0, s) : ReadOnlySpan<int>.Empty, _output.AsSpan(0, s), from, to, _oracleMode);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void RunBlocks(BatchedKgrWorkspace ws, ReadOnlySpan<double> positions, ReadOnlySpan<Complex> precoders, ReadOnlySpan<int> indices,
        Span<double> output, int fromBlock, int toBlock, bool oracle)
    {
        int s = output.Length;
        Span<double> lanes = ws.LaneValues;
        for (int b = fromBlock; b < toBlock; b++)
        {
            int first = b * BatchedKgrWorkspace.Lanes, count = Math.Min(BatchedKgrWorkspace.Lanes, s - first);
            long t = Now(ws);
            LoadGeometryBlock(ws, indices, first, count);
            if (oracle)
            {
                BuildFieldResponseBlock(ws, positions, first, count);
                OracleBlock(ws, lanes);
            }
            else
            {
                BuildCovarianceBlock(ws, positions, first, count);
                Mark(ws, Phase.RBuild, ref t);
                LoadPrecodersBlock(ws, precoders, first, count);
                Mark(ws, Phase.Copies, ref t);
                SchurBlock(ws, lanes);
            }
            lanes.Slice(0, count).CopyTo(output.Slice(first, count));
        }
    }

    /// <summary>Stops the worker threads and disposes the accelerator if this evaluator created it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_ownsAccelerator) _accelerator?.Dispose();
        _pool.Dispose();
    }
}

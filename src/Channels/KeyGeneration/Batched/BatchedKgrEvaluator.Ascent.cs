using System.Numerics;
using PhyToolkit.Core.Compute;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

public sealed partial class BatchedKgrEvaluator
{
    // ---- Fused value and precoder gradient for batched projected-gradient ascent (managed SIMD path only). ----
    // Per block of 4 particles: the layout part (L_C, W = L_C⁻¹R) is kept from PrepareLayouts; each evaluation keeps its
    // factors (U = L_Q⁻¹Vᴴ, L_Q, L_Y) as the block's "trial" state; AcceptTrials copies the accepted lanes into the
    // "current" state; PrecoderGradients works from the current state only (no second Schur evaluation).
    private V[][] _lcR = [], _lcI = [], _wR = [], _wI = [];
    private V[][] _tUR = [], _tUI = [], _tLqR = [], _tLqI = [], _tLyR = [], _tLyI = [];
    private V[][] _cUR = [], _cUI = [], _cLqR = [], _cLqI = [], _cLyR = [], _cLyI = [];
    private int _prepared = -1;
    private bool[] _mask = [];
    private Complex[] _gradients = [];
    private AscentOperation _ascentOperation;
    private Action<int>? _ascentBody;

    private enum AscentOperation { Prepare, Evaluate, Accept, Gradient }

    /// <summary>Number of particles whose layouts the last <see cref="PrepareLayouts(ReadOnlySpan{double})"/> set (−1 before the first call).</summary>
    public int PreparedCount => _prepared;

    /// <summary>
    /// Sets the layouts of S particles for the prepared-layout calls (<see cref="EvaluatePrepared"/>,
    /// <see cref="AcceptTrials"/>, <see cref="PrecoderGradients"/>): builds R(t̃_s), the Cholesky factor L_C of
    /// C = R + σ_A²I and W = L_C⁻¹R once per particle (the Q set-up of the Schur form, docs/fa-plkg.md), so each later
    /// evaluation costs only the precoder-dependent O(M²K + K²M + K³) part. Managed SIMD path (4 particles per block).
    /// </summary>
    /// <param name="positions">S×2M layouts in wavelengths (x0, y0, x1, y1, …), finite; S = positions.Length / 2M.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of 2M, or a non-finite entry.</exception>
    public void PrepareLayouts(ReadOnlySpan<double> positions) => PrepareLayouts(positions, ReadOnlySpan<int>.Empty);

    /// <summary>As <see cref="PrepareLayouts(ReadOnlySpan{double})"/>, particle s using geometry <paramref name="geometryIndices"/>[s].</summary>
    /// <param name="positions">S×2M layouts.</param>
    /// <param name="geometryIndices">Length S, each in [0, <see cref="GeometryCount"/>), or empty for geometry 0 throughout.</param>
    public void PrepareLayouts(ReadOnlySpan<double> positions, ReadOnlySpan<int> geometryIndices)
    {
        int d = 2 * _antennas;
        if (positions.Length % d != 0)
            throw new ArgumentException($"positions must hold S·2M entries (2M = {d}), got {positions.Length}", nameof(positions));
        int s = positions.Length / d;
        CheckIndices(geometryIndices, s);
        CheckPositions(positions, s);
        EnsureAscentCapacity(s);
        if (_positions.Length < s * d) _positions = new double[s * d];
        positions.CopyTo(_positions);
        _hasIndices = !geometryIndices.IsEmpty;
        if (_hasIndices)
        {
            if (_indices.Length < s) _indices = new int[s];
            geometryIndices.CopyTo(_indices);
        }
        _prepared = s;
        LastBackend = ComputeBackendKind.Managed;
        DispatchAscent(AscentOperation.Prepare, s);
    }

    /// <summary>
    /// KGR(P_s, R(t̃_s)) in bits per probing round (Schur form, docs/fa-plkg.md) for every particle s with
    /// <paramref name="mask"/>[s] set, under the prepared layouts; the particle's factors are kept as its trial state
    /// (for <see cref="AcceptTrials"/>). Outputs of unmasked particles are left unchanged. Equal to
    /// <see cref="Kgr(ReadOnlySpan{double}, ReadOnlySpan{Complex}, Span{double})"/> to round-off.
    /// </summary>
    /// <param name="precoders">S×M×K precoders (row-major M×K each); masked entries must be finite, the others are read
    /// but their results discarded (a 4-particle block is computed whole when any of its particles is masked).</param>
    /// <param name="mask">Length S: which particles to evaluate.</param>
    /// <param name="kgrBits">Output, length S.</param>
    /// <exception cref="InvalidOperationException">No layouts prepared for S particles.</exception>
    /// <exception cref="ArgumentException">Wrong lengths.</exception>
    public void EvaluatePrepared(ReadOnlySpan<Complex> precoders, ReadOnlySpan<bool> mask, Span<double> kgrBits)
    {
        int s = CheckPrepared(mask);
        int mk = _antennas * _slots;
        if (precoders.Length != s * mk)
            throw new ArgumentException($"precoders must hold S·M·K = {s * mk} entries, got {precoders.Length}", nameof(precoders));
        if (kgrBits.Length != s)
            throw new ArgumentException($"kgrBits must hold S = {s} entries, got {kgrBits.Length}", nameof(kgrBits));
        if (_precoders.Length < s * mk) _precoders = new Complex[s * mk];
        if (_output.Length < s) _output = new double[s];
        precoders.CopyTo(_precoders);
        mask.CopyTo(_mask);
        kgrBits.CopyTo(_output);
        DispatchAscent(AscentOperation.Evaluate, s);
        _output.AsSpan(0, s).CopyTo(kgrBits);
    }

    /// <summary>
    /// Makes the last trial state (<see cref="EvaluatePrepared"/>) of every particle with <paramref name="mask"/>[s] set its
    /// current state, the point at which <see cref="PrecoderGradients"/> differentiates. Call it after each evaluation for
    /// the particles whose trial is kept: a later evaluation overwrites the trial state of the particle's whole block.
    /// </summary>
    /// <param name="mask">Length S.</param>
    public void AcceptTrials(ReadOnlySpan<bool> mask)
    {
        int s = CheckPrepared(mask);
        mask.CopyTo(_mask);
        DispatchAscent(AscentOperation.Accept, s);
    }

    /// <summary>
    /// The Wirtinger gradient G_s = ∂KGR/∂P* (bits, row-major M×K) at each masked particle's current (accepted) point,
    /// from the factors kept by its evaluation (docs/fa-plkg.md, derived): G = (R·P·A_R − Q·P·A_Q)/(σ_B² ln 2),
    /// A_R = (I + PᴴRP/σ_B²)⁻¹, A_Q = (I + PᴴQP/σ_B²)⁻¹, the same quantity as
    /// <see cref="KgrModel.PrecoderGradient"/>. With U = L_Q⁻¹Vᴴ: L_Q⁻¹(RP)ᴴ = U·L_Cᴴ and L_Q⁻¹(QP)ᴴ = σ_A²·U·L_C⁻¹, so
    /// Gᴴ·σ_B² ln 2 = L_Q⁻ᴴ[(I + Y)⁻¹·U·L_Cᴴ − σ_A²·U·L_C⁻¹] with I + Y = L_Y·L_Yᴴ: O(M²K + K²M), no new factorisation.
    /// Entries of unmasked particles are left unchanged.
    /// </summary>
    /// <param name="mask">Length S.</param>
    /// <param name="gradients">Output S×M×K.</param>
    public void PrecoderGradients(ReadOnlySpan<bool> mask, Span<Complex> gradients)
    {
        int s = CheckPrepared(mask);
        int mk = _antennas * _slots;
        if (gradients.Length != s * mk)
            throw new ArgumentException($"gradients must hold S·M·K = {s * mk} entries, got {gradients.Length}", nameof(gradients));
        if (_gradients.Length < s * mk) _gradients = new Complex[s * mk];
        gradients.CopyTo(_gradients);
        mask.CopyTo(_mask);
        DispatchAscent(AscentOperation.Gradient, s);
        _gradients.AsSpan(0, s * mk).CopyTo(gradients);
    }

    private int CheckPrepared(ReadOnlySpan<bool> mask)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_prepared < 0) throw new InvalidOperationException("PrepareLayouts must be called before the prepared-layout evaluations.");
        if (mask.Length != _prepared)
            throw new ArgumentException($"mask must hold S = {_prepared} entries (the prepared particle count), got {mask.Length}", nameof(mask));
        return _prepared;
    }

    private void EnsureAscentCapacity(int s)
    {
        int blocks = (s + BatchedKgrWorkspace.Lanes - 1) / BatchedKgrWorkspace.Lanes;
        if (_mask.Length < s) _mask = new bool[s];
        if (_lcR.Length >= blocks) return;
        int m = _antennas, k = _slots, mm = m * m, km = k * m, kk = k * k;
        V[][] Grow(V[][] old, int size)
        {
            var a = new V[blocks][];
            for (int b = 0; b < blocks; b++) a[b] = b < old.Length ? old[b] : new V[size];
            return a;
        }
        _lcR = Grow(_lcR, mm); _lcI = Grow(_lcI, mm); _wR = Grow(_wR, mm); _wI = Grow(_wI, mm);
        _tUR = Grow(_tUR, km); _tUI = Grow(_tUI, km); _tLqR = Grow(_tLqR, kk); _tLqI = Grow(_tLqI, kk); _tLyR = Grow(_tLyR, kk); _tLyI = Grow(_tLyI, kk);
        _cUR = Grow(_cUR, km); _cUI = Grow(_cUI, km); _cLqR = Grow(_cLqR, kk); _cLqI = Grow(_cLqI, kk); _cLyR = Grow(_cLyR, kk); _cLyI = Grow(_cLyI, kk);
    }

    private void DispatchAscent(AscentOperation operation, int s)
    {
        int blocks = (s + BatchedKgrWorkspace.Lanes - 1) / BatchedKgrWorkspace.Lanes;
        if (blocks == 0) return;
        _ascentOperation = operation;
        _batch = s; _blocks = blocks;
        // The accept step is a few vector blends per block: cheaper on the calling thread than a hand-off to the workers.
        int workers = operation == AscentOperation.Accept ? 1 : Math.Min(_workers, blocks);
        if (workers == 1) { AscentBlocks(_workspaces[0], 0, blocks); return; }
        _activeWorkers = workers;
        _ascentBody ??= RunAscentWorker;
        _pool.Run(workers, _ascentBody);
    }

    private void RunAscentWorker(int w)
    {
        int from = (int)((long)_blocks * w / _activeWorkers), to = (int)((long)_blocks * (w + 1) / _activeWorkers);
        AscentBlocks(_workspaces[w], from, to);
    }

    private void AscentBlocks(BatchedKgrWorkspace ws, int fromBlock, int toBlock)
    {
        int s = _batch;
        for (int b = fromBlock; b < toBlock; b++)
        {
            int first = b * BatchedKgrWorkspace.Lanes, count = Math.Min(BatchedKgrWorkspace.Lanes, s - first);
            if (_ascentOperation == AscentOperation.Prepare)
            {
                PrepareBlock(ws, b, first, count);
                continue;
            }
            V laneMask = LaneMask(_mask.AsSpan(0, s), first, count, out bool any);
            if (!any) continue;
            switch (_ascentOperation)
            {
                case AscentOperation.Evaluate:
                    long t = Now(ws);
                    LoadPrecodersBlock(ws, _precoders.AsSpan(0, s * _antennas * _slots), first, count);
                    Mark(ws, Phase.Copies, ref t);
                    EvaluatePreparedBlock(ws, b, ws.LaneValues);
                    for (int lane = 0; lane < count; lane++)
                        if (_mask[first + lane]) _output[first + lane] = ws.LaneValues[lane];
                    break;
                case AscentOperation.Accept:
                    long ta = Now(ws);
                    AcceptBlock(b, laneMask);
                    Mark(ws, Phase.Copies, ref ta);
                    break;
                case AscentOperation.Gradient:
                    long tg = Now(ws);
                    GradientBlock(ws, b, ref tg);
                    StoreGradientBlock(ws, first, count);
                    Mark(ws, Phase.Copies, ref tg);
                    break;
            }
        }
    }

    private static V LaneMask(ReadOnlySpan<bool> mask, int first, int count, out bool any)
    {
        long m0 = mask[first] ? -1L : 0L;
        long m1 = count > 1 && mask[first + 1] ? -1L : 0L;
        long m2 = count > 2 && mask[first + 2] ? -1L : 0L;
        long m3 = count > 3 && mask[first + 3] ? -1L : 0L;
        any = (m0 | m1 | m2 | m3) != 0;
        return Vector256.Create(m0, m1, m2, m3).AsDouble();
    }

    // Layout part of the block: R(t̃), L_C = chol(R + σ_A²I) and W = L_C⁻¹R into the block's storage.
    private void PrepareBlock(BatchedKgrWorkspace ws, int b, int first, int count)
    {
        int m = ws.M;
        long t = Now(ws);
        LoadGeometryBlock(ws, _hasIndices ? _indices.AsSpan(0, _batch) : ReadOnlySpan<int>.Empty, first, count);
        BuildCovarianceBlock(ws, _positions.AsSpan(0, _batch * 2 * m), first, count);
        Mark(ws, Phase.RBuild, ref t);
        var lr = _lcR[b]; var li = _lcI[b];
        Array.Copy(ws.Rr, lr, m * m); Array.Copy(ws.Ri, li, m * m);
        CholeskyLower(lr, li, m, Vector256.Create(_model.AliceNoiseVariance), Span<double>.Empty);
        Mark(ws, Phase.CholeskyC, ref t);
        Array.Copy(ws.Rr, _wR[b], m * m); Array.Copy(ws.Ri, _wI[b], m * m);
        ForwardSolve(lr, li, m, _wR[b], _wI[b], m);
        Mark(ws, Phase.W, ref t);
    }

    // The precoder part of SchurBlock on the prepared block b, writing L_Q, U and L_Y into the block's trial state.
    private void EvaluatePreparedBlock(BatchedKgrWorkspace ws, int b, Span<double> bits)
    {
        long t = Now(ws);
        PrecoderPart(ws, _lcR[b], _lcI[b], _wR[b], _wI[b], _tLqR[b], _tLqI[b], _tUR[b], _tUI[b], _tLyR[b], _tLyI[b], bits, ref t);
    }

    private void AcceptBlock(int b, V laneMask)
    {
        Blend(_tUR[b], _cUR[b], laneMask); Blend(_tUI[b], _cUI[b], laneMask);
        Blend(_tLqR[b], _cLqR[b], laneMask); Blend(_tLqI[b], _cLqI[b], laneMask);
        Blend(_tLyR[b], _cLyR[b], laneMask); Blend(_tLyI[b], _cLyI[b], laneMask);
    }

    private static void Blend(V[] from, V[] to, V laneMask)
    {
        for (int i = 0; i < to.Length; i++) to[i] = Vector256.ConditionalSelect(laneMask, from[i], to[i]);
    }

    // Gᴴ·σ_B² ln 2 = L_Q⁻ᴴ[(I + Y)⁻¹·U·L_Cᴴ − σ_A²·U·L_C⁻¹] (K×M) from the block's current state into (Ur, Ui).
    // Scratch: (Zr, Zi) = Uᴴ then σ_A²L_C⁻ᴴUᴴ; (Vr, Vi) = L_C·Uᴴ; (Pr, Pi) = σ_A²·U·L_C⁻¹ (K×M).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GradientBlock(BatchedKgrWorkspace ws, int b, ref long clock)
    {
        int m = ws.M, k = ws.K;
        var cur = _cUR[b]; var cui = _cUI[b];
        var zr = ws.Zr; var zi = ws.Zi;
        for (int t = 0; t < m; t++)
            for (int a = 0; a < k; a++) { zr[t * k + a] = cur[a * m + t]; zi[t * k + a] = -cui[a * m + t]; }
        LowerMultiply(_lcR[b], _lcI[b], m, zr, zi, ws.Vr, ws.Vi, k);          // (U·L_Cᴴ)ᴴ = L_C·Uᴴ
        BackwardSolveAdjoint(_lcR[b], _lcI[b], m, zr, zi, k);                  // L_C⁻ᴴ·Uᴴ
        Mark(ws, Phase.GradientC, ref clock);
        V sA = Vector256.Create(_model.AliceNoiseVariance);
        var hr = ws.Ur; var hi = ws.Ui; var pr = ws.Pr; var pi = ws.Pi; var vr = ws.Vr; var vi = ws.Vi;
        for (int a = 0; a < k; a++)
            for (int t = 0; t < m; t++)
            {
                hr[a * m + t] = vr[t * k + a]; hi[a * m + t] = -vi[t * k + a];
                pr[a * m + t] = sA * zr[t * k + a]; pi[a * m + t] = -(sA * zi[t * k + a]);
            }
        ForwardSolve(_cLyR[b], _cLyI[b], k, hr, hi, m);
        BackwardSolveAdjoint(_cLyR[b], _cLyI[b], k, hr, hi, m);
        for (int i = 0; i < k * m; i++) { hr[i] -= pr[i]; hi[i] -= pi[i]; }
        BackwardSolveAdjoint(_cLqR[b], _cLqI[b], k, hr, hi, m);
        Mark(ws, Phase.GradientQY, ref clock);
    }

    private void StoreGradientBlock(BatchedKgrWorkspace ws, int first, int count)
    {
        int m = ws.M, k = ws.K, mk = m * k;
        double scale = 1 / (_model.BobNoiseVariance * Ln2);
        ReadOnlySpan<double> hr = MemoryMarshal.Cast<V, double>(ws.Ur.AsSpan()), hi = MemoryMarshal.Cast<V, double>(ws.Ui.AsSpan());
        const int lanes = BatchedKgrWorkspace.Lanes;
        for (int lane = 0; lane < count; lane++)
        {
            if (!_mask[first + lane]) continue;
            Span<Complex> g = _gradients.AsSpan((first + lane) * mk, mk);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < k; j++)
                {
                    int e = (j * m + i) * lanes + lane;                         // G_ij = conj(Gᴴ_ji)
                    g[i * k + j] = new Complex(hr[e] * scale, -hi[e] * scale);
                }
        }
    }
}

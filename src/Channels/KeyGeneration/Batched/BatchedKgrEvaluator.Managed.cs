using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PhyToolkit.Channels.LinearAlgebra;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

public sealed partial class BatchedKgrEvaluator
{
    private const double Kappa = 2 * Math.PI;
    private const double Ln2 = 0.69314718055994530942;

    // ---- Managed SIMD path: 4 particles per block, one Vector256 lane per particle (structure of arrays). ----

    // R(t̃) for the block: a_lm = e^{jκρ_l(t_m)}, R_mn = Σ_l p_l a_lm conj(a_ln) (docs/fa-plkg.md), R_mm = Σ_l p_l.
    // Lanes past `count` replicate the block's last particle so that every lane holds valid data.
    private void BuildCovarianceBlock(BatchedKgrWorkspace ws, ReadOnlySpan<double> positions, int first, int count)
    {
        BuildFieldResponseBlock(ws, positions, first, count);
        CovarianceFromResponseBlock(ws);
    }

    // a_lm = e^{jκρ_l(t_m)} for the block's lanes into (Ar, Ai), entry l·M + m, by the vectorized Vector256.SinCos.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildFieldResponseBlock(BatchedKgrWorkspace ws, ReadOnlySpan<double> positions, int first, int count)
    {
        int m = ws.M, l = ws.L, d = 2 * m;
        int o0 = first * d, o1 = (first + Math.Min(1, count - 1)) * d, o2 = (first + Math.Min(2, count - 1)) * d, o3 = (first + Math.Min(3, count - 1)) * d;
        var ar = ws.Ar; var ai = ws.Ai;
        V kappa = Vector256.Create(Kappa);
        for (int a = 0; a < m; a++)
        {
            V x = Vector256.Create(positions[o0 + 2 * a], positions[o1 + 2 * a], positions[o2 + 2 * a], positions[o3 + 2 * a]);
            V y = Vector256.Create(positions[o0 + 2 * a + 1], positions[o1 + 2 * a + 1], positions[o2 + 2 * a + 1], positions[o3 + 2 * a + 1]);
            for (int p = 0; p < l; p++)
            {
                V phase = kappa * Fma(ws.LaneU[p], x, ws.LaneV[p] * y);
                (V sin, V cos) = Vector256.SinCos(phase);
                ar[p * m + a] = cos; ai[p * m + a] = sin;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CovarianceFromResponseBlock(BatchedKgrWorkspace ws)
    {
        int m = ws.M, l = ws.L;
        var rr = ws.Rr; var ri = ws.Ri; var war = ws.Ar; var wai = ws.Ai;
        V diag = ws.LaneDiagonal;
        for (int a = 0; a < m; a++)
        {
            rr[a * m + a] = diag; ri[a * m + a] = V.Zero;
            for (int b = a + 1; b < m; b++)
            {
                V re = V.Zero, im = V.Zero;
                for (int p = 0; p < l; p++)
                {
                    V pw = ws.LaneP[p];
                    V xr = war[p * m + a], xi = wai[p * m + a], yr = war[p * m + b], yi = wai[p * m + b];
                    re += pw * (xr * yr + xi * yi);
                    im += pw * (xi * yr - xr * yi);
                }
                rr[a * m + b] = re; ri[a * m + b] = im;
                rr[b * m + a] = re; ri[b * m + a] = -im;
            }
        }
    }

    // Every hot method is [AggressiveOptimization]: jitted fully optimised on first call (no tier-0 code in short runs; our choice).
    // Hot loops index the workspace arrays through unchecked refs (every index below is < n·n or n·cols by construction of
    // the loops; the tests cover M = 1…32) and accumulate complex dot products in registers with fused multiply-adds,
    // keeping positive and negative partial sums apart (no negations): Σ x·y = (Σ xr·yr − Σ xi·yi) + j(Σ xr·yi + Σ xi·yr).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Fma(V a, V b, V c) => Vector256.FusedMultiplyAdd(a, b, c);

    // In-place Cholesky of the lower triangle of (ar, ai) (n×n), with `shift` added to the diagonal first.
    // If `logDet` is not empty, accumulates per lane Σ log1p(pivot − shift) (the I + X form of HermitianMatrix.CholeskyIdentityPlus).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CholeskyLower(V[] ar, V[] ai, int n, V shift, Span<double> logDet)
    {
        V logSum = V.Zero;
        ref V r0 = ref MemoryMarshal.GetArrayDataReference(ar);
        ref V i0 = ref MemoryMarshal.GetArrayDataReference(ai);
        for (int j = 0; j < n; j++)
        {
            int jn = j * n;
            V acc = V.Zero, acc2 = V.Zero;
            for (int k = 0; k < j; k++)
            {
                V x = Unsafe.Add(ref r0, jn + k), y = Unsafe.Add(ref i0, jn + k);
                acc = Fma(x, x, acc); acc2 = Fma(y, y, acc2);
            }
            V delta = Unsafe.Add(ref r0, jn + j) - (acc + acc2);
            V d = delta + shift;
            if (!logDet.IsEmpty) logSum += Log1P(delta);
            V ljj = Vector256.Sqrt(d), inv = V.One / ljj;
            Unsafe.Add(ref r0, jn + j) = ljj; Unsafe.Add(ref i0, jn + j) = V.Zero;
            // L_ij = (A_ij − Σ_(k<j) L_ik·conj(L_jk))/L_jj for i > j: row j (conjugated) against rows j+1 … n−1.
            if (j + 1 < n)
                RowTimesPanel(ref Unsafe.Add(ref r0, jn), ref Unsafe.Add(ref i0, jn), 1, ref Unsafe.Add(ref r0, jn + n), ref Unsafe.Add(ref i0, jn + n), 1, n, j,
                    ref Unsafe.Add(ref r0, jn + n + j), ref Unsafe.Add(ref i0, jn + n + j), n, n - j - 1, Conjugate.Row, inv, subtract: true);
        }
        if (!logDet.IsEmpty)
            for (int lane = 0; lane < BatchedKgrWorkspace.Lanes; lane++) logDet[lane] += logSum.GetElement(lane);
    }

    // log1p per lane without cancellation (the HermitianMatrix.Log1P formula: u = 1 + x; x if u = 1, else ln(u)·x/(u − 1)),
    // with the vectorized Vector256.Log; arguments are finite and > −1 here.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Log1P(V x)
    {
        V u = V.One + x;
        V den = u - V.One;
        V isOne = Vector256.Equals(den, V.Zero);
        V r = Vector256.Log(u) * x / Vector256.ConditionalSelect(isOne, V.One, den);
        return Vector256.ConditionalSelect(isOne, x, r);
    }

    // KGR (Schur form, docs/fa-plkg.md) for one block whose R is built and whose precoders are loaded into (Pr, Pi); bits per lane.
    //   C = R + σ_A²I = L_C L_Cᴴ;  W = L_C⁻¹R;  V = W·P;  Z = L_C⁻¹P;
    //   X_Q = PᴴQP/σ_B² = (σ_A²/σ_B²)·ZᴴV   (Q = σ_A²C⁻¹R);   D = Pᴴ(R − Q)P/σ_B² = VᴴV/σ_B²   (R − Q = RC⁻¹R = WᴴW);
    //   I + X_Q = L_Q L_Qᴴ;  U = L_Q⁻¹Vᴴ;  Y = UUᴴ/σ_B² = L_Q⁻¹ D L_Q⁻ᴴ;  KGR = ln det(I + Y)/ln 2 (log1p per pivot).
    // The same cancellation-free form as KgrModel.Value (derived there), with the Gram products making D and Y exactly PSD.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SchurBlock(BatchedKgrWorkspace ws, Span<double> bits)
    {
        int m = ws.M, k = ws.K;
        double sA = _model.AliceNoiseVariance, sB = _model.BobNoiseVariance;
        long t = Now(ws);
        var lr = ws.Lr; var li = ws.Li;
        Array.Copy(ws.Rr, lr, m * m); Array.Copy(ws.Ri, li, m * m);
        CholeskyLower(lr, li, m, Vector256.Create(sA), Span<double>.Empty);
        Mark(ws, Phase.CholeskyC, ref t);
        Array.Copy(ws.Rr, ws.Wr, m * m); Array.Copy(ws.Ri, ws.Wi, m * m);
        ForwardSolve(lr, li, m, ws.Wr, ws.Wi, m);
        Mark(ws, Phase.W, ref t);
        PrecoderPart(ws, lr, li, ws.Wr, ws.Wi, ws.Xr, ws.Xi, ws.Ur, ws.Ui, ws.Yr, ws.Yi, bits, ref t);
    }

    // The precoder-dependent part of the Schur form for one block, given L_C and W = L_C⁻¹R: V = WP, Z = L_C⁻¹P,
    // L_Q = chol(I + X_Q), U = L_Q⁻¹Vᴴ, L_Y = chol(I + Y); KGR bits per lane. Writes L_Q, U, L_Y into the given buffers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PrecoderPart(BatchedKgrWorkspace ws, V[] lr, V[] li, V[] wr, V[] wi, V[] xr, V[] xi, V[] ur, V[] ui, V[] yr, V[] yi,
        Span<double> bits, ref long t)
    {
        int m = ws.M, k = ws.K;
        double sA = _model.AliceNoiseVariance, sB = _model.BobNoiseVariance;
        Multiply(wr, wi, ws.Pr, ws.Pi, ws.Vr, ws.Vi, m, m, k);
        Mark(ws, Phase.V, ref t);
        Array.Copy(ws.Pr, ws.Zr, m * k); Array.Copy(ws.Pi, ws.Zi, m * k);
        ForwardSolve(lr, li, m, ws.Zr, ws.Zi, k);
        Mark(ws, Phase.Z, ref t);
        AdjointProductLower(ws.Zr, ws.Zi, ws.Vr, ws.Vi, xr, xi, m, k, Vector256.Create(sA / sB));
        Mark(ws, Phase.XQ, ref t);
        CholeskyLower(xr, xi, k, V.One, Span<double>.Empty);
        Mark(ws, Phase.CholeskyQ, ref t);
        var vr = ws.Vr; var vi = ws.Vi;
        for (int a = 0; a < k; a++)
            for (int c = 0; c < m; c++) { ur[a * m + c] = vr[c * k + a]; ui[a * m + c] = -vi[c * k + a]; }
        ForwardSolve(xr, xi, k, ur, ui, m);
        Mark(ws, Phase.U, ref t);
        GramLower(ur, ui, yr, yi, k, m, Vector256.Create(1 / sB));
        Mark(ws, Phase.Y, ref t);
        bits.Clear();
        CholeskyLower(yr, yi, k, V.One, bits);
        for (int lane = 0; lane < bits.Length; lane++) bits[lane] /= Ln2;
        Mark(ws, Phase.CholeskyY, ref t);
    }

    // Eigenvalues (left on the diagonal) of the Hermitian n×n block matrix (ar, ai) by cyclic complex Jacobi (the rotation of
    // HermitianMatrix.Eigen, applied to all lanes with per-lane angles; converged when every lane has
    // ‖off‖_F² ≤ 1e-30‖A‖_F², at most 60 sweeps). Overwrites (ar, ai).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JacobiEigenvaluesBlock(V[] ar, V[] ai, int n)
    {
        V norm2 = V.Zero;
        for (int i = 0; i < n * n; i++) norm2 += ar[i] * ar[i] + ai[i] * ai[i];
        V tol = norm2 * Vector256.Create(1e-30);
        for (int sweep = 0; sweep < 60; sweep++)
        {
            V off = V.Zero;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++) off += ar[p * n + q] * ar[p * n + q] + ai[p * n + q] * ai[p * n + q];
            if (Vector256.LessThanOrEqualAll(off, tol)) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                    RotateBlock(ar, ai, n, p, q);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RotateBlock(V[] ar, V[] ai, int n, int p, int q)
    {
        V gr = ar[p * n + q], gi = ai[p * n + q];
        V g2 = gr * gr + gi * gi;
        if (Vector256.EqualsAll(g2, V.Zero)) return;
        V g = Vector256.Sqrt(g2);
        V nz = Vector256.GreaterThan(g, V.Zero);
        V app = ar[p * n + p], aqq = ar[q * n + q];
        V h = aqq - app;
        // t = sign(h)·2g/(|h| + √(h² + 4g²)) (= sign(θ)/(|θ| + √(θ² + 1)), θ = h/(2g); sign(0) = +1); t = 0 where g = 0.
        V sgn = Vector256.ConditionalSelect(Vector256.LessThan(h, V.Zero), Vector256.Create(-1.0), V.One);
        V t = sgn * (g + g) / (Vector256.Abs(h) + Vector256.Sqrt(h * h + Vector256.Create(4.0) * g2));
        t = Vector256.ConditionalSelect(nz, t, V.Zero);
        V c = V.One / Vector256.Sqrt(t * t + V.One), s = t * c;
        V safeG = Vector256.ConditionalSelect(nz, g, V.One);
        V er = Vector256.ConditionalSelect(nz, gr / safeG, V.One), ei = Vector256.ConditionalSelect(nz, gi / safeG, V.Zero);
        // se = s·e, sec = s·conj(e); columns: w_kp ← c w_kp − sec·w_kq, w_kq ← se·w_kp + c w_kq; rows mirror (Hermitian).
        V ser = s * er, sei = s * ei;
        for (int k = 0; k < n; k++)
        {
            if (k == p || k == q) continue;
            V xpr = ar[k * n + p], xpi = ai[k * n + p], xqr = ar[k * n + q], xqi = ai[k * n + q];
            // sec·w_kq = (ser − j sei)(xqr + j xqi)
            V npr = c * xpr - (ser * xqr + sei * xqi);
            V npi = c * xpi - (ser * xqi - sei * xqr);
            // se·w_kp = (ser + j sei)(xpr + j xpi)
            V nqr = (ser * xpr - sei * xpi) + c * xqr;
            V nqi = (ser * xpi + sei * xpr) + c * xqi;
            ar[k * n + p] = npr; ai[k * n + p] = npi; ar[p * n + k] = npr; ai[p * n + k] = -npi;
            ar[k * n + q] = nqr; ai[k * n + q] = nqi; ar[q * n + k] = nqr; ai[q * n + k] = -nqi;
        }
        V tg = t * g;
        ar[p * n + p] = app - tg; ar[q * n + q] = aqq + tg;
        ar[p * n + q] = V.Zero; ai[p * n + q] = V.Zero; ar[q * n + p] = V.Zero; ai[q * n + p] = V.Zero;
    }

    // Water-filling optimum (docs/fa-plkg.md) from the eigenvalues of one lane: the allocation shared with the scalar oracle
    // (KgrModel.WaterFillingModePowers: same bisection, floor, rescaling and log1p sum), value only. Returns bits.
    private double WaterFillingValue(Span<double> lambdaAscending, Span<double> powers) =>
        _model.WaterFillingModePowers(lambdaAscending, Math.Min(_slots, lambdaAscending.Length), powers, out _);

    // Oracle KGR for one block: eigenvalues by vectorized Jacobi, then the water-filling value per lane.
    // With L < M the non-zero eigenvalues of R = B·Bᴴ (B = [a_lm]·diag(√p), M×L) are those of the L×L Gram matrix
    // E = BᴴB, E_lk = √(p_l p_k)·Σ_m conj(a_lm)·a_km, and the other M − L are exactly 0 (derived: BBᴴ and BᴴB share
    // their non-zero spectrum); the scalar reference sees them as round-off below its 1e-14·λ_max floor, i.e. also 0.
    // Requires the field response (Ar, Ai) of the block; builds R itself when L ≥ M.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OracleBlock(BatchedKgrWorkspace ws, Span<double> bits)
    {
        int m = ws.M, l = ws.L;
        int n = l < m ? l : m;
        if (l < m) GramOfResponseBlock(ws);
        else
        {
            CovarianceFromResponseBlock(ws);
            Array.Copy(ws.Rr, ws.Lr, m * m); Array.Copy(ws.Ri, ws.Li, m * m);
        }
        JacobiEigenvaluesBlock(ws.Lr, ws.Li, n);
        Span<double> lambda = ws.Eigenvalues;
        for (int lane = 0; lane < bits.Length; lane++)
        {
            lambda.Clear();
            for (int i = 0; i < n; i++) lambda[m - n + i] = ws.Lr[i * n + i].GetElement(lane);
            // insertion sort ascending (n ≤ 32); the M − n leading zeros stay in front unless an eigenvalue is negative
            for (int i = 1; i < m; i++)
                for (int j = i; j > 0 && lambda[j - 1] > lambda[j]; j--) (lambda[j - 1], lambda[j]) = (lambda[j], lambda[j - 1]);
            bits[lane] = WaterFillingValue(lambda, ws.ModePowers);
        }
    }

    // E = BᴴB into (Lr, Li) as an L×L matrix (both triangles).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GramOfResponseBlock(BatchedKgrWorkspace ws)
    {
        int m = ws.M, l = ws.L;
        var ar = ws.Ar; var ai = ws.Ai; var er = ws.Lr; var ei = ws.Li;
        for (int a = 0; a < l; a++)
            for (int b = a; b < l; b++)
            {
                V pr = V.Zero, pi = V.Zero, ni = V.Zero;
                for (int t = 0; t < m; t++)
                {
                    V xr = ar[a * m + t], xi = ai[a * m + t], yr = ar[b * m + t], yi = ai[b * m + t];
                    pr = Fma(xr, yr, Fma(xi, yi, pr));   // re(conj x·y)
                    pi = Fma(xr, yi, pi); ni = Fma(xi, yr, ni);   // im(conj x·y) = xr·yi − xi·yr
                }
                V w = Vector256.Sqrt(ws.LaneP[a] * ws.LaneP[b]);
                V re = pr * w, im = (pi - ni) * w;
                if (a == b) im = V.Zero;
                er[a * l + b] = re; ei[a * l + b] = im;
                er[b * l + a] = re; ei[b * l + a] = -im;
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    // Per-lane geometry of the block: lane j uses geometry g_j = indices[first + j] (0 when indices is empty); padded lanes
    // replicate the last particle.
    private void LoadGeometryBlock(BatchedKgrWorkspace ws, ReadOnlySpan<int> indices, int first, int count)
    {
        int l = ws.L;
        int g0 = Geometry(indices, first), g1 = Geometry(indices, first + Math.Min(1, count - 1)),
            g2 = Geometry(indices, first + Math.Min(2, count - 1)), g3 = Geometry(indices, first + Math.Min(3, count - 1));
        for (int p = 0; p < l; p++)
        {
            ws.LaneU[p] = Vector256.Create(_u[g0 * l + p], _u[g1 * l + p], _u[g2 * l + p], _u[g3 * l + p]);
            ws.LaneV[p] = Vector256.Create(_v[g0 * l + p], _v[g1 * l + p], _v[g2 * l + p], _v[g3 * l + p]);
            ws.LaneP[p] = Vector256.Create(_p[g0 * l + p], _p[g1 * l + p], _p[g2 * l + p], _p[g3 * l + p]);
        }
        ws.LaneDiagonal = Vector256.Create(_diagonal[g0], _diagonal[g1], _diagonal[g2], _diagonal[g3]);
    }

    private static int Geometry(ReadOnlySpan<int> indices, int particle) => indices.IsEmpty ? 0 : indices[particle];

    // Lane j of entry e = precoder e of particle first + j (padded lanes repeat the last particle), built in registers: four
    // scalar stores followed by a 256-bit load of the same entry would stall on store forwarding in the kernels.
    private static void LoadPrecodersBlock(BatchedKgrWorkspace ws, ReadOnlySpan<Complex> precoders, int first, int count)
    {
        int mk = ws.M * ws.K;
        ReadOnlySpan<Complex> p0 = precoders.Slice(first * mk, mk), p1 = precoders.Slice((first + Math.Min(1, count - 1)) * mk, mk),
            p2 = precoders.Slice((first + Math.Min(2, count - 1)) * mk, mk), p3 = precoders.Slice((first + Math.Min(3, count - 1)) * mk, mk);
        var pr = ws.Pr; var pi = ws.Pi;
        for (int e = 0; e < mk; e++)
        {
            pr[e] = Vector256.Create(p0[e].Real, p1[e].Real, p2[e].Real, p3[e].Real);
            pi[e] = Vector256.Create(p0[e].Imaginary, p1[e].Imaginary, p2[e].Imaginary, p3[e].Imaginary);
        }
    }
}

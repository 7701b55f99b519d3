using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PhyToolkit.Channels.LinearAlgebra;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace PhyToolkit.Channels.KeyGeneration;

public sealed partial class BatchedKgrEvaluator
{
    private const double Kappa = 2 * Math.PI;
    private const double Ln2 = 0.69314718055994530942;

    // ---- Managed SIMD path: 4 particles per block, one Vector256 lane per particle (structure of arrays). ----

    // R(t̃) for the block: a_lm = e^{jκρ_l(t_m)}, R_mn = Σ_l p_l a_lm conj(a_ln) (spec §1.3), R_mm = Σ_l p_l.
    // Lanes past `count` replicate the block's last particle so that every lane holds valid data.
    private void BuildCovarianceBlock(BatchedKgrWorkspace ws, ReadOnlySpan<double> positions, int first, int count)
    {
        int m = ws.M, l = ws.L, d = 2 * m;
        Span<double> ar = MemoryMarshal.Cast<V, double>(ws.Ar.AsSpan()), ai = MemoryMarshal.Cast<V, double>(ws.Ai.AsSpan());
        for (int lane = 0; lane < BatchedKgrWorkspace.Lanes; lane++)
        {
            ReadOnlySpan<double> t = positions.Slice((first + Math.Min(lane, count - 1)) * d, d);
            for (int p = 0; p < l; p++)
            {
                double u = _u[p], v = _v[p];
                for (int a = 0; a < m; a++)
                {
                    (double s, double c) = Math.SinCos(Kappa * (u * t[2 * a] + v * t[2 * a + 1]));
                    int e = (p * m + a) * BatchedKgrWorkspace.Lanes + lane;
                    ar[e] = c; ai[e] = s;
                }
            }
        }
        var rr = ws.Rr; var ri = ws.Ri; var war = ws.Ar; var wai = ws.Ai;
        V diag = Vector256.Create(_diagonal);
        for (int a = 0; a < m; a++)
        {
            rr[a * m + a] = diag; ri[a * m + a] = V.Zero;
            for (int b = a + 1; b < m; b++)
            {
                V re = V.Zero, im = V.Zero;
                for (int p = 0; p < l; p++)
                {
                    V pw = Vector256.Create(_p[p]);
                    V xr = war[p * m + a], xi = wai[p * m + a], yr = war[p * m + b], yi = wai[p * m + b];
                    re += pw * (xr * yr + xi * yi);
                    im += pw * (xi * yr - xr * yi);
                }
                rr[a * m + b] = re; ri[a * m + b] = im;
                rr[b * m + a] = re; ri[b * m + a] = -im;
            }
        }
    }

    // In-place Cholesky of the lower triangle of (ar, ai) (n×n), with `shift` added to the diagonal first.
    // If `logDet` is not null, accumulates per lane Σ log1p(pivot − 1) (the I + X form of HermitianMatrix.CholeskyIdentityPlus).
    private static void CholeskyLower(V[] ar, V[] ai, int n, V shift, Span<double> logDet)
    {
        for (int j = 0; j < n; j++)
        {
            V delta = ar[j * n + j];
            for (int k = 0; k < j; k++) { V x = ar[j * n + k], y = ai[j * n + k]; delta -= x * x + y * y; }
            V d = delta + shift;
            if (!logDet.IsEmpty)
                for (int lane = 0; lane < BatchedKgrWorkspace.Lanes; lane++) logDet[lane] += HermitianMatrix.Log1P(delta.GetElement(lane));
            V ljj = Vector256.Sqrt(d), inv = V.One / ljj;
            ar[j * n + j] = ljj; ai[j * n + j] = V.Zero;
            for (int i = j + 1; i < n; i++)
            {
                V sr = ar[i * n + j], si = ai[i * n + j];
                for (int k = 0; k < j; k++)
                {
                    // s −= L_ik · conj(L_jk)
                    V xr = ar[i * n + k], xi = ai[i * n + k], yr = ar[j * n + k], yi = ai[j * n + k];
                    sr -= xr * yr + xi * yi;
                    si -= xi * yr - xr * yi;
                }
                ar[i * n + j] = sr * inv; ai[i * n + j] = si * inv;
            }
        }
    }

    // Forward substitution L·X = B for `cols` right-hand sides, in place on B (n×cols).
    private static void ForwardSolve(V[] lr, V[] li, int n, V[] br, V[] bi, int cols)
    {
        for (int i = 0; i < n; i++)
        {
            int bi0 = i * cols;
            for (int k = 0; k < i; k++)
            {
                V xr = lr[i * n + k], xi = li[i * n + k];
                int bk0 = k * cols;
                for (int c = 0; c < cols; c++)
                {
                    V yr = br[bk0 + c], yi = bi[bk0 + c];
                    br[bi0 + c] -= xr * yr - xi * yi;
                    bi[bi0 + c] -= xr * yi + xi * yr;
                }
            }
            V inv = V.One / lr[i * n + i];
            for (int c = 0; c < cols; c++) { br[bi0 + c] *= inv; bi[bi0 + c] *= inv; }
        }
    }

    // KGR (Schur form, spec §2.2) for one block whose R is built and whose precoders are loaded into (Pr, Pi); bits per lane.
    //   C = R + σ_A²I = L_C L_Cᴴ;  W = L_C⁻¹R;  V = W·P;  Z = L_C⁻¹P;
    //   X_Q = PᴴQP/σ_B² = (σ_A²/σ_B²)·ZᴴV   (Q = σ_A²C⁻¹R);   D = Pᴴ(R − Q)P/σ_B² = VᴴV/σ_B²   (R − Q = RC⁻¹R = WᴴW);
    //   I + X_Q = L_Q L_Qᴴ;  U = L_Q⁻¹Vᴴ;  Y = UUᴴ/σ_B² = L_Q⁻¹ D L_Q⁻ᴴ;  KGR = ln det(I + Y)/ln 2 (log1p per pivot).
    // The same cancellation-free form as KgrModel.Value (derived there), with the Gram products making D and Y exactly PSD.
    private void SchurBlock(BatchedKgrWorkspace ws, Span<double> bits)
    {
        int m = ws.M, k = ws.K;
        double sA = _model.AliceNoiseVariance, sB = _model.BobNoiseVariance;
        var lr = ws.Lr; var li = ws.Li;
        Array.Copy(ws.Rr, lr, m * m); Array.Copy(ws.Ri, li, m * m);
        CholeskyLower(lr, li, m, Vector256.Create(sA), Span<double>.Empty);
        Array.Copy(ws.Rr, ws.Wr, m * m); Array.Copy(ws.Ri, ws.Wi, m * m);
        ForwardSolve(lr, li, m, ws.Wr, ws.Wi, m);
        // V = W·P
        var wr = ws.Wr; var wi = ws.Wi; var pr = ws.Pr; var pi = ws.Pi; var vr = ws.Vr; var vi = ws.Vi;
        for (int i = 0; i < m; i++)
        {
            int v0 = i * k;
            for (int c = 0; c < k; c++) { vr[v0 + c] = V.Zero; vi[v0 + c] = V.Zero; }
            for (int t = 0; t < m; t++)
            {
                V xr = wr[i * m + t], xi = wi[i * m + t];
                int p0 = t * k;
                for (int c = 0; c < k; c++)
                {
                    V yr = pr[p0 + c], yi = pi[p0 + c];
                    vr[v0 + c] += xr * yr - xi * yi;
                    vi[v0 + c] += xr * yi + xi * yr;
                }
            }
        }
        Array.Copy(pr, ws.Zr, m * k); Array.Copy(pi, ws.Zi, m * k);
        ForwardSolve(lr, li, m, ws.Zr, ws.Zi, k);
        // X_Q lower triangle = (σ_A²/σ_B²)·ZᴴV
        var zr = ws.Zr; var zi = ws.Zi; var xqr = ws.Xr; var xqi = ws.Xi;
        V scaleQ = Vector256.Create(sA / sB);
        for (int a = 0; a < k; a++)
            for (int b = 0; b <= a; b++)
            {
                V sr = V.Zero, si = V.Zero;
                for (int t = 0; t < m; t++)
                {
                    // conj(Z_ta)·V_tb
                    V xr = zr[t * k + a], xi = zi[t * k + a], yr = vr[t * k + b], yi = vi[t * k + b];
                    sr += xr * yr + xi * yi;
                    si += xr * yi - xi * yr;
                }
                xqr[a * k + b] = sr * scaleQ; xqi[a * k + b] = si * scaleQ;
            }
        CholeskyLower(xqr, xqi, k, V.One, Span<double>.Empty);
        // U = L_Q⁻¹·Vᴴ (K×M)
        var ur = ws.Ur; var ui = ws.Ui;
        for (int a = 0; a < k; a++)
            for (int t = 0; t < m; t++) { ur[a * m + t] = vr[t * k + a]; ui[a * m + t] = -vi[t * k + a]; }
        ForwardSolve(xqr, xqi, k, ur, ui, m);
        // Y lower = U·Uᴴ/σ_B²
        var yr2 = ws.Yr; var yi2 = ws.Yi;
        V invB = Vector256.Create(1 / sB);
        for (int a = 0; a < k; a++)
            for (int b = 0; b <= a; b++)
            {
                V sr = V.Zero, si = V.Zero;
                for (int t = 0; t < m; t++)
                {
                    V xr = ur[a * m + t], xi = ui[a * m + t], yr = ur[b * m + t], yi = ui[b * m + t];
                    sr += xr * yr + xi * yi;
                    si += xi * yr - xr * yi;
                }
                yr2[a * k + b] = sr * invB; yi2[a * k + b] = si * invB;
            }
        bits.Clear();
        CholeskyLower(yr2, yi2, k, V.One, bits);
        for (int lane = 0; lane < bits.Length; lane++) bits[lane] /= Ln2;
    }

    // Eigenvalues of the block's R by cyclic complex Jacobi (the rotation of HermitianMatrix.Eigen, applied to all lanes
    // with per-lane angles; converged when every lane has ‖off‖_F² ≤ 1e-30‖R‖_F², at most 60 sweeps). Destroys (Rr, Ri) copy in (Lr, Li).
    private static void JacobiEigenvaluesBlock(BatchedKgrWorkspace ws)
    {
        int n = ws.M;
        var ar = ws.Lr; var ai = ws.Li;
        Array.Copy(ws.Rr, ar, n * n); Array.Copy(ws.Ri, ai, n * n);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    // Water-filling optimum (spec §2.4) from the eigenvalues of one lane: the algorithm of KgrModel.WaterFillingPrecoder
    // (same bisection, floor, rescaling and log1p sum), value only. Returns bits.
    private double WaterFillingValue(Span<double> lambdaAscending, Span<double> powers)
    {
        int m = lambdaAscending.Length, modes = Math.Min(_slots, m);
        double lambdaMax = Math.Max(lambdaAscending[m - 1], 0);
        double floor = 1e-14 * lambdaMax;
        double sA = _model.AliceNoiseVariance, sB = _model.BobNoiseVariance, energy = _model.EnergyBudget;
        double gMax = 0;
        for (int c = 0; c < modes; c++)
        {
            double l = lambdaAscending[m - 1 - c];
            if (l > floor) gMax = Math.Max(gMax, l * l / ((l + sA) * sB));
        }
        if (gMax == 0 || energy == 0) return 0;
        double hi = gMax, lo = gMax;
        for (int it = 0; it < 4000 && lo > 1e-300; it++)
        {
            lo *= 0.5;
            if (TotalPower(lo, lambdaAscending, modes, floor, powers) >= energy) break;
        }
        for (int it = 0; it < 400; it++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (!(mid > lo && mid < hi)) break;
            if (TotalPower(mid, lambdaAscending, modes, floor, powers) > energy) lo = mid; else hi = mid;
        }
        double total = TotalPower(hi, lambdaAscending, modes, floor, powers);
        if (total > 0)
        {
            double scale = energy / total;
            for (int t = 0; t < 8; t++)
            {
                double s2 = 0;
                for (int c = 0; c < modes; c++) s2 += powers[c] * scale;
                if (s2 <= energy) break;
                scale *= 1 - 2e-16 * (1 << t);
            }
            for (int c = 0; c < modes; c++) powers[c] *= scale;
        }
        double kgr = 0;
        for (int c = 0; c < modes; c++)
        {
            double p = powers[c];
            if (p <= 0) continue;
            double l = lambdaAscending[m - 1 - c];
            double b = l * sA / ((l + sA) * sB), g = l * l / ((l + sA) * sB);
            kgr += HermitianMatrix.Log1P(g * p / (1 + b * p));
        }
        return kgr / Ln2;
    }

    private double TotalPower(double mu, ReadOnlySpan<double> lambda, int modes, double floor, Span<double> powers)
    {
        int m = lambda.Length;
        double sA = _model.AliceNoiseVariance, sB = _model.BobNoiseVariance, sum = 0;
        for (int c = 0; c < modes; c++)
        {
            double l = lambda[m - 1 - c];
            double p = 0;
            if (l > floor)
            {
                double a = l / sB, b = l * sA / ((l + sA) * sB);
                double g = l * l / ((l + sA) * sB);
                if (g > mu)
                    p = 2 * (g / mu - 1) / ((a + b) + Math.Sqrt(g * g + 4 * a * b * g / mu));
            }
            powers[c] = p;
            sum += p;
        }
        return sum;
    }

    // Oracle KGR for one block: eigenvalues by vectorized Jacobi, then the water-filling value per lane.
    private void OracleBlock(BatchedKgrWorkspace ws, Span<double> bits)
    {
        JacobiEigenvaluesBlock(ws);
        int n = ws.M;
        Span<double> lambda = ws.Eigenvalues;
        for (int lane = 0; lane < bits.Length; lane++)
        {
            for (int i = 0; i < n; i++) lambda[i] = ws.Lr[i * n + i].GetElement(lane);
            // insertion sort ascending (n ≤ 32)
            for (int i = 1; i < n; i++)
                for (int j = i; j > 0 && lambda[j - 1] > lambda[j]; j--) (lambda[j - 1], lambda[j]) = (lambda[j], lambda[j - 1]);
            bits[lane] = WaterFillingValue(lambda, ws.ModePowers);
        }
    }

    private static void LoadPrecodersBlock(BatchedKgrWorkspace ws, ReadOnlySpan<Complex> precoders, int first, int count)
    {
        int mk = ws.M * ws.K;
        Span<double> pr = MemoryMarshal.Cast<V, double>(ws.Pr.AsSpan()), pi = MemoryMarshal.Cast<V, double>(ws.Pi.AsSpan());
        for (int lane = 0; lane < BatchedKgrWorkspace.Lanes; lane++)
        {
            ReadOnlySpan<Complex> p = precoders.Slice((first + Math.Min(lane, count - 1)) * mk, mk);
            for (int e = 0; e < mk; e++)
            {
                pr[e * BatchedKgrWorkspace.Lanes + lane] = p[e].Real;
                pi[e * BatchedKgrWorkspace.Lanes + lane] = p[e].Imaginary;
            }
        }
    }
}

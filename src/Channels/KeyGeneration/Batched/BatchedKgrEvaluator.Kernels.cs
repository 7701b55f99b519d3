using ILGPU;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

public sealed partial class BatchedKgrEvaluator
{
    // ---- ILGPU kernels: one thread per particle; the scalar twin of the managed SIMD path (same formulas, same order). ----
    // paths = per geometry g: [u_0..u_{L-1}, v_0..v_{L-1}, p_0..p_{L-1}] at offset 3Lg; geometry[i] = g of particle i;
    // positions S×2M; precoders S×M×K interleaved (re, im); output S.

    internal static void KgrKernel(Index1D index, KgrKernelParameters prm, ArrayView<double> positions, ArrayView<double> precoders,
        ArrayView<double> allPaths, ArrayView<int> geometry, ArrayView<double> scratch, ArrayView<double> output)
    {
        int i = index;
        if (i >= prm.S) return;
        var paths = allPaths.SubView(3L * prm.L * geometry[i], 3L * prm.L);
        int m = prm.M, k = prm.K, l = prm.L, s = prm.S;
        int o = 0;
        var a = new KernelScratch(scratch, s, i, o); o += l * m;
        var r = new KernelScratch(scratch, s, i, o); o += m * m;
        var lc = new KernelScratch(scratch, s, i, o); o += m * m;
        var w = new KernelScratch(scratch, s, i, o); o += m * m;
        var v = new KernelScratch(scratch, s, i, o); o += m * k;
        var z = new KernelScratch(scratch, s, i, o); o += m * k;
        var u = new KernelScratch(scratch, s, i, o); o += m * k;
        var xq = new KernelScratch(scratch, s, i, o); o += k * k;
        var y = new KernelScratch(scratch, s, i, o);
        BuildCovarianceKernel(prm, positions, paths, i, a, r);
        for (int e = 0; e < m * m; e++) { lc.Set(e, r.Get(e)); w.Set(e, r.Get(e)); }
        CholeskyKernel(lc, m, prm.AliceNoiseVariance);
        ForwardSolveKernel(lc, m, w, m);
        long p0 = (long)i * m * k * 2;
        for (int row = 0; row < m; row++)
            for (int c = 0; c < k; c++)
            {
                var acc = new Complex64(0, 0);
                for (int t = 0; t < m; t++)
                {
                    long pe = p0 + 2L * (t * k + c);
                    acc += w.Get(row * m + t) * new Complex64(precoders[pe], precoders[pe + 1]);
                }
                v.Set(row * k + c, acc);
                long pz = p0 + 2L * (row * k + c);
                z.Set(row * k + c, new Complex64(precoders[pz], precoders[pz + 1]));
            }
        ForwardSolveKernel(lc, m, z, k);
        double scaleQ = prm.AliceNoiseVariance / prm.BobNoiseVariance;
        for (int p = 0; p < k; p++)
            for (int q = 0; q <= p; q++)
            {
                var acc = new Complex64(0, 0);
                for (int t = 0; t < m; t++) acc += Complex64.ConjMul(z.Get(t * k + p), v.Get(t * k + q));
                xq.Set(p * k + q, acc * scaleQ);
            }
        CholeskyKernel(xq, k, 1.0);
        for (int p = 0; p < k; p++)
            for (int t = 0; t < m; t++) u.Set(p * m + t, v.Get(t * k + p).Conjugate());
        ForwardSolveKernel(xq, k, u, m);
        double invB = 1 / prm.BobNoiseVariance;
        for (int p = 0; p < k; p++)
            for (int q = 0; q <= p; q++)
            {
                var acc = new Complex64(0, 0);
                for (int t = 0; t < m; t++) acc += Complex64.MulConj(u.Get(p * m + t), u.Get(q * m + t));
                y.Set(p * k + q, acc * invB);
            }
        output[i] = CholeskyKernel(y, k, 1.0) / Ln2;
    }

    internal static void OracleKernel(Index1D index, KgrKernelParameters prm, ArrayView<double> positions,
        ArrayView<double> allPaths, ArrayView<int> geometry, ArrayView<double> scratch, ArrayView<double> output)
    {
        int i = index;
        if (i >= prm.S) return;
        var paths = allPaths.SubView(3L * prm.L * geometry[i], 3L * prm.L);
        int m = prm.M, l = prm.L, s = prm.S;
        var a = new KernelScratch(scratch, s, i, 0);
        var r = new KernelScratch(scratch, s, i, l * m);
        var lambda = new KernelScratch(scratch, s, i, l * m + m * m);
        var powers = new KernelScratch(scratch, s, i, l * m + m * m + m);
        // As OracleBlock: with L < M the non-zero spectrum of R is that of the L×L Gram matrix E = BᴴB of the field responses.
        int n = l < m ? l : m;
        if (l < m)
        {
            BuildResponseKernel(prm, positions, paths, i, a);
            for (int x = 0; x < l; x++)
                for (int y = x; y < l; y++)
                {
                    var acc = new Complex64(0, 0);
                    for (int t = 0; t < m; t++) acc += Complex64.ConjMul(a.Get(x * m + t), a.Get(y * m + t));
                    double wgt = Math.Sqrt(paths[2 * l + x] * paths[2 * l + y]);
                    var e = x == y ? new Complex64(acc.Re * wgt, 0) : acc * wgt;
                    r.Set(x * n + y, e);
                    r.Set(y * n + x, e.Conjugate());
                }
        }
        else BuildCovarianceKernel(prm, positions, paths, i, a, r);
        // Cyclic complex Jacobi on r (n×n, eigenvalues only), as JacobiEigenvaluesBlock.
        double norm2 = 0;
        for (int e = 0; e < n * n; e++) norm2 += r.Get(e).AbsSquared;
        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++) off += r.Get(p * n + q).AbsSquared;
            if (off <= 1e-30 * norm2) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++) RotateKernel(r, n, p, q);
        }
        for (int e = 0; e < m - n; e++) lambda.SetReal(e, 0);
        for (int e = 0; e < n; e++) lambda.SetReal(m - n + e, r.GetReal(e * n + e));
        for (int e = 1; e < m; e++)
            for (int j = e; j > 0 && lambda.GetReal(j - 1) > lambda.GetReal(j); j--)
            {
                double tmp = lambda.GetReal(j - 1);
                lambda.SetReal(j - 1, lambda.GetReal(j));
                lambda.SetReal(j, tmp);
            }
        output[i] = WaterFillingKernel(prm, lambda, powers);
    }

    private static void BuildResponseKernel(KgrKernelParameters prm, ArrayView<double> positions, ArrayView<double> paths, int i, KernelScratch a)
    {
        int m = prm.M, l = prm.L;
        long t0 = (long)i * 2 * m;
        for (int p = 0; p < l; p++)
            for (int e = 0; e < m; e++)
            {
                double phase = Kappa * (paths[p] * positions[t0 + 2 * e] + paths[l + p] * positions[t0 + 2 * e + 1]);
                a.Set(p * m + e, new Complex64(Math.Cos(phase), Math.Sin(phase)));
            }
    }

    private static void BuildCovarianceKernel(KgrKernelParameters prm, ArrayView<double> positions, ArrayView<double> paths, int i,
        KernelScratch a, KernelScratch r)
    {
        int m = prm.M, l = prm.L;
        BuildResponseKernel(prm, positions, paths, i, a);
        double diagonal = 0;
        for (int p = 0; p < l; p++) diagonal += paths[2 * l + p]; // R_mm = Σ_l p_l, summed in path order as the managed path
        for (int x = 0; x < m; x++)
        {
            r.Set(x * m + x, new Complex64(diagonal, 0));
            for (int y = x + 1; y < m; y++)
            {
                double re = 0, im = 0;
                for (int p = 0; p < l; p++)
                {
                    double pw = paths[2 * l + p];
                    var ax = a.Get(p * m + x);
                    var ay = a.Get(p * m + y);
                    re += pw * (ax.Re * ay.Re + ax.Im * ay.Im);
                    im += pw * (ax.Im * ay.Re - ax.Re * ay.Im);
                }
                r.Set(x * m + y, new Complex64(re, im));
                r.Set(y * m + x, new Complex64(re, -im));
            }
        }
    }

    // Cholesky of the lower triangle of (X + shift·I) in place; returns Σ log1p(pivot − shift) (meaningful for shift = 1).
    private static double CholeskyKernel(KernelScratch x, int n, double shift)
    {
        double logDet = 0;
        for (int j = 0; j < n; j++)
        {
            double delta = x.GetReal(j * n + j);
            for (int t = 0; t < j; t++) delta -= x.Get(j * n + t).AbsSquared;
            logDet += Log1PKernel(delta);
            double ljj = Math.Sqrt(delta + shift), inv = 1 / ljj;
            x.Set(j * n + j, new Complex64(ljj, 0));
            for (int row = j + 1; row < n; row++)
            {
                var acc = x.Get(row * n + j);
                for (int t = 0; t < j; t++) acc -= Complex64.MulConj(x.Get(row * n + t), x.Get(j * n + t));
                x.Set(row * n + j, acc * inv);
            }
        }
        return logDet;
    }

    private static void ForwardSolveKernel(KernelScratch lower, int n, KernelScratch b, int cols)
    {
        for (int row = 0; row < n; row++)
        {
            for (int t = 0; t < row; t++)
            {
                var lrt = lower.Get(row * n + t);
                for (int c = 0; c < cols; c++) b.Set(row * cols + c, b.Get(row * cols + c) - lrt * b.Get(t * cols + c));
            }
            double inv = 1 / lower.GetReal(row * n + row);
            for (int c = 0; c < cols; c++) b.Set(row * cols + c, b.Get(row * cols + c) * inv);
        }
    }

    private static void RotateKernel(KernelScratch w, int n, int p, int q)
    {
        var apq = w.Get(p * n + q);
        double g2 = apq.AbsSquared;
        if (g2 == 0) return;
        double g = Math.Sqrt(g2);
        double app = w.GetReal(p * n + p), aqq = w.GetReal(q * n + q);
        double h = aqq - app;
        double sgn = h < 0 ? -1.0 : 1.0;
        double t = sgn * (g + g) / (Math.Abs(h) + Math.Sqrt(h * h + 4.0 * g2));
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        double er = apq.Re / g, ei = apq.Im / g;
        double ser = s * er, sei = s * ei;
        for (int k = 0; k < n; k++)
        {
            if (k == p || k == q) continue;
            var xp = w.Get(k * n + p);
            var xq = w.Get(k * n + q);
            var np = new Complex64(c * xp.Re - (ser * xq.Re + sei * xq.Im), c * xp.Im - (ser * xq.Im - sei * xq.Re));
            var nq = new Complex64((ser * xp.Re - sei * xp.Im) + c * xq.Re, (ser * xp.Im + sei * xp.Re) + c * xq.Im);
            w.Set(k * n + p, np); w.Set(p * n + k, np.Conjugate());
            w.Set(k * n + q, nq); w.Set(q * n + k, nq.Conjugate());
        }
        double tg = t * g;
        w.Set(p * n + p, new Complex64(app - tg, 0));
        w.Set(q * n + q, new Complex64(aqq + tg, 0));
        w.Set(p * n + q, new Complex64(0, 0));
        w.Set(q * n + p, new Complex64(0, 0));
    }

    private static double WaterFillingKernel(KgrKernelParameters prm, KernelScratch lambda, KernelScratch powers)
    {
        int m = prm.M, modes = Math.Min(prm.K, m);
        double sA = prm.AliceNoiseVariance, sB = prm.BobNoiseVariance, energy = prm.EnergyBudget;
        double lambdaMax = Math.Max(lambda.GetReal(m - 1), 0);
        double floor = 1e-14 * lambdaMax;
        double gMax = 0;
        for (int c = 0; c < modes; c++)
        {
            double l = lambda.GetReal(m - 1 - c);
            if (l > floor) gMax = Math.Max(gMax, l * l / ((l + sA) * sB));
        }
        if (gMax == 0 || energy == 0) return 0;
        double hi = gMax, lo = gMax;
        for (int it = 0; it < 4000 && lo > 1e-300; it++)
        {
            lo *= 0.5;
            if (TotalPowerKernel(prm, lo, lambda, modes, floor, powers) >= energy) break;
        }
        for (int it = 0; it < 400; it++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (!(mid > lo && mid < hi)) break;
            if (TotalPowerKernel(prm, mid, lambda, modes, floor, powers) > energy) lo = mid; else hi = mid;
        }
        double total = TotalPowerKernel(prm, hi, lambda, modes, floor, powers);
        double scale = 1;
        if (total > 0)
        {
            scale = energy / total;
            for (int t = 0; t < 8; t++)
            {
                double s2 = 0;
                for (int c = 0; c < modes; c++) s2 += powers.GetReal(c) * scale;
                if (s2 <= energy) break;
                scale *= 1 - 2e-16 * (1 << t);
            }
        }
        double kgr = 0;
        for (int c = 0; c < modes; c++)
        {
            double p = powers.GetReal(c) * scale;
            if (p <= 0) continue;
            double l = lambda.GetReal(m - 1 - c);
            double b = l * sA / ((l + sA) * sB), g = l * l / ((l + sA) * sB);
            kgr += Log1PKernel(g * p / (1 + b * p));
        }
        return kgr / Ln2;
    }

    private static double TotalPowerKernel(KgrKernelParameters prm, double mu, KernelScratch lambda, int modes, double floor, KernelScratch powers)
    {
        int m = prm.M;
        double sA = prm.AliceNoiseVariance, sB = prm.BobNoiseVariance, sum = 0;
        for (int c = 0; c < modes; c++)
        {
            double l = lambda.GetReal(m - 1 - c);
            double p = 0;
            if (l > floor)
            {
                double a = l / sB, b = l * sA / ((l + sA) * sB);
                double g = l * l / ((l + sA) * sB);
                if (g > mu) p = 2 * (g / mu - 1) / ((a + b) + Math.Sqrt(g * g + 4 * a * b * g / mu));
            }
            powers.SetReal(c, p);
            sum += p;
        }
        return sum;
    }

    // log1p without cancellation (HermitianMatrix.Log1P, kernel-safe).
    private static double Log1PKernel(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (u > double.MaxValue) return Math.Log(u);
        return Math.Log(u) * x / (u - 1.0);
    }
}

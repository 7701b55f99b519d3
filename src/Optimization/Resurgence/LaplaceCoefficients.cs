using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// Perturbative coefficients a_0..a_K of the local partition function Z0(g) = e^{L0/g}∫_basin e^{−L(θ)/g} dθ
/// ~ Σ_n a_n g^{n+d/2} around a non-degenerate minimum θ0 (arXiv 2509.01329, [P] pipeline step 2; the two concrete
/// routes are [D]/[Proposed], docs/resurgence.md).
/// </summary>
public static class LaplaceCoefficients
{
    /// <summary>
    /// 1-D route by series reversion: with L(θ0 + x) − L0 = w², w = x·√q(x), q(x) = (L(θ0+x) − L0)/x², invert to x(w) and
    /// write x'(w) = Σ β_k w^k; then a_n = β_{2n}·Γ(n + ½) ([D], docs/resurgence.md §1.2).
    /// </summary>
    /// <param name="taylor">Taylor coefficients l_0..l_N of x ↦ L(θ0 + x), N ≥ 2K + 2; l_1 is treated as 0 (θ0 stationary) and l_2 must be &gt; 0.</param>
    /// <param name="order">K ≥ 1: the number of coefficients beyond a_0.</param>
    /// <exception cref="ArgumentOutOfRangeException">K out of range for the series length.</exception>
    /// <exception cref="ArgumentException">l_2 ≤ 0 (θ0 is not a non-degenerate minimum).</exception>
    public static double[] OneDimensional(PowerSeries taylor, int order)
    {
        ArgumentNullException.ThrowIfNull(taylor);
        Guard.InRange(order, 1, Math.Max(1, (taylor.Order - 2) / 2), "order K (needs a Taylor series of order >= 2K + 2)");
        if (taylor.Order < 2 * order + 2) throw new ArgumentOutOfRangeException(nameof(order), order, $"order K = {order}; allowed: 2K + 2 <= Taylor order {taylor.Order}.");
        if (!(taylor[2] > 0)) throw new ArgumentException($"l_2 = {taylor[2]}; allowed: l_2 > 0 (a non-degenerate minimum).", nameof(taylor));
        var t = taylor.Truncate(2 * order + 2);
        var q = t.ShiftDown(2);                 // order 2K
        var w = q.Sqrt().ShiftUp(1);            // order 2K + 1, w_0 = 0, w_1 = √l_2
        var x = w.Revert();                     // x(w), order 2K + 1
        var dx = x.Derivative();                // x'(w), order 2K
        var a = new double[order + 1];
        for (int n = 0; n <= order; n++) a[n] = dx[2 * n] * SpecialFunctions.Gamma(n + 0.5);
        return a;
    }

    /// <summary>
    /// Laplace route for a polynomial landscape in d ≤ 3 dimensions: with θ = θ0 + √g·s,
    /// (L − L0)/g = ½ sᵀH0 s + Σ_{k≥3} g^{k/2−1} T_k(s); expand exp(−Σ_{k≥3}…) in powers of √g and integrate the Gaussian
    /// moments of N(0, H0⁻¹) (Isserlis/Stein recursion). a_n = (2π)^{d/2} det(H0)^{−1/2}·[g^n] E[exp(−V)]; odd orders vanish
    /// ([Proposed] step (a), docs/resurgence.md).
    /// </summary>
    /// <param name="landscape">The polynomial.</param>
    /// <param name="theta0">A stationary point with positive-definite Hessian (a converged minimum).</param>
    /// <param name="order">K in [1, 20] (exponents of the expansion stay below 128).</param>
    /// <exception cref="ArgumentException">d &gt; 3, or the Hessian at θ0 is not positive definite.</exception>
    public static double[] Multivariate(PolynomialLandscape landscape, ReadOnlySpan<double> theta0, int order)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        int d = Guard.InRange(landscape.Dimension, 1, 3, "landscape dimension (Laplace route)");
        Guard.InRange(order, 1, 20, "order K (Laplace route)");
        int lamMax = 2 * order;
        var shifted = landscape.ShiftedTerms(theta0);
        var h = Matrix<double>.Build.Dense(d, d);
        // V(s; λ) = Σ_{|α|≥3} c_α λ^{|α|−2} s^α   (λ = √g)
        var v = new Dictionary<long, double>();
        foreach (var (alpha, c) in shifted)
        {
            int deg = alpha.Degree;
            if (deg == 2)
            {
                var ex = alpha.Exponents;
                int i = -1, j = -1;
                for (int k = 0; k < d; k++)
                    for (int r = 0; r < ex[k]; r++) { if (i < 0) i = k; else j = k; }
                if (i == j) h[i, i] += 2 * c; else { h[i, j] += c; h[j, i] += c; }
            }
            else if (deg >= 3 && deg - 2 <= lamMax && c != 0)
                v[Key(deg - 2, alpha.Exponents)] = -c;   // store −V
        }
        double minEig = h.Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real);
        if (!(minEig > 0)) throw new ArgumentException($"Hessian at theta0 has smallest eigenvalue {minEig}; allowed: positive definite (a non-degenerate minimum).", nameof(theta0));
        var cov = h.Inverse();
        double det = h.Determinant();

        // exp(−V) = Σ_j (−V)^j / j!, truncated at λ^{2K}.
        var total = new Dictionary<long, double> { [Key(0, new int[d])] = 1 };
        var power = new Dictionary<long, double>(total);
        for (int j = 1; j <= lamMax; j++)
        {
            var next = new Dictionary<long, double>();
            foreach (var (k1, c1) in power)
                foreach (var (k2, c2) in v)
                {
                    int lam = Lam(k1) + Lam(k2);
                    if (lam > lamMax) continue;
                    long key = k1 + k2; // fields never overflow: exponents < 128
                    next[key] = next.GetValueOrDefault(key) + c1 * c2 / j;
                }
            if (next.Count == 0) break;
            foreach (var (k, c) in next) total[k] = total.GetValueOrDefault(k) + c;
            power = next;
        }

        var moments = new Dictionary<long, double>();
        var e = new double[lamMax + 1];
        foreach (var (k, c) in total)
        {
            var alpha = Exps(k, d);
            if (alpha.Sum() % 2 == 1) continue;
            e[Lam(k)] += c * Moment(alpha, cov, moments);
        }
        double norm = Math.Pow(2 * Math.PI, d / 2.0) / Math.Sqrt(det);
        var a = new double[order + 1];
        for (int n = 0; n <= order; n++) a[n] = norm * e[2 * n];
        return a;
    }

    private const int Bits = 7;

    private static long Key(int lam, ReadOnlySpan<int> alpha)
    {
        long k = lam;
        for (int i = 0; i < alpha.Length; i++) k |= (long)alpha[i] << (Bits * (i + 1));
        return k;
    }

    private static int Lam(long key) => (int)(key & 127);

    private static int[] Exps(long key, int d)
    {
        var r = new int[d];
        for (int i = 0; i < d; i++) r[i] = (int)((key >> (Bits * (i + 1))) & 127);
        return r;
    }

    /// <summary>E[s^α] under N(0, C) by Stein's identity E[s_i f(s)] = Σ_j C_ij E[∂_j f(s)].</summary>
    private static double Moment(int[] alpha, Matrix<double> cov, Dictionary<long, double> memo)
    {
        int i = Array.FindIndex(alpha, x => x > 0);
        if (i < 0) return 1;
        if (alpha.Sum() % 2 == 1) return 0;
        long key = Key(0, alpha);
        if (memo.TryGetValue(key, out double m)) return m;
        var rest = (int[])alpha.Clone();
        rest[i]--;
        double s = 0;
        for (int j = 0; j < alpha.Length; j++)
        {
            if (rest[j] == 0) continue;
            var r2 = (int[])rest.Clone();
            int mult = r2[j];
            r2[j]--;
            s += cov[i, j] * mult * Moment(r2, cov, memo);
        }
        memo[key] = s;
        return s;
    }
}

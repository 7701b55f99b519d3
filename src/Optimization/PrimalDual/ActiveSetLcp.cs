using PhyToolkit.Optimization.Reduction;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// Exact solver of a small linear complementarity problem LCP(M, q): find λ ≥ 0 with w = Mλ + q ≥ 0 and λᵀw = 0, for
/// symmetric positive definite M, by enumerating the 2^m active sets S = {j : λ_j &gt; 0} (solve M_SS λ_S = −q_S, accept
/// the first set with λ_S ≥ 0 and w ≥ 0). The reference for the regularised dual optimum of test bed T1 (spec of arXiv
/// 2509.01172 §5, [Proposed]): M = H + δI, q = −g0. For SPD M the solution exists and is unique.
/// </summary>
public static class ActiveSetLcp
{
    /// <summary>Largest m accepted (2^m sets).</summary>
    public const int MaxSize = 16;

    /// <summary>Solves LCP(<paramref name="m"/>, <paramref name="q"/>).</summary>
    /// <param name="m">M, row-major k×k, symmetric positive definite.</param>
    /// <param name="q">q, length k (1 ≤ k ≤ <see cref="MaxSize"/>).</param>
    /// <param name="tolerance">Feasibility slack for λ ≥ 0 and w ≥ 0 (relative to the scale of q).</param>
    /// <returns>λ.</returns>
    /// <exception cref="ArithmeticException">No active set satisfies the conditions (M not SPD or numerically degenerate).</exception>
    public static double[] Solve(double[] m, double[] q, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(q);
        int k = q.Length;
        if (k < 1 || k > MaxSize) throw new ArgumentOutOfRangeException(nameof(q), k, $"the LCP size must be in [1, {MaxSize}].");
        if (m.Length != k * k) throw new ArgumentException($"m must have {k * k} entries.", nameof(m));
        double scale = 1;
        foreach (double v in q) scale = Math.Max(scale, Math.Abs(v));
        double tol = tolerance * scale;
        var lambda = new double[k];
        var idx = new int[k];
        var sub = new double[k * k];
        var l = new double[k * k];
        var rhs = new double[k];
        var x = new double[k];
        // Fewer active constraints first: the all-inactive set is tried first.
        var masks = Enumerable.Range(0, 1 << k).OrderBy(s => System.Numerics.BitOperations.PopCount((uint)s)).ThenBy(s => s);
        foreach (int mask in masks)
        {
            int s = 0;
            for (int j = 0; j < k; j++) if ((mask >> j & 1) != 0) idx[s++] = j;
            Array.Clear(lambda);
            if (s > 0)
            {
                for (int r = 0; r < s; r++)
                {
                    rhs[r] = -q[idx[r]];
                    for (int c = 0; c < s; c++) sub[r * s + c] = m[idx[r] * k + idx[c]];
                }
                try { DenseCholesky.Factor(sub, l, s); }
                catch (ArithmeticException) { continue; }
                DenseCholesky.Solve(l, s, rhs, x);
                bool ok = true;
                for (int r = 0; r < s; r++)
                {
                    if (x[r] < -tol) { ok = false; break; }
                    lambda[idx[r]] = Math.Max(0, x[r]);
                }
                if (!ok) continue;
            }
            if (Complementary(m, q, lambda, tol)) return lambda;
        }
        throw new ArithmeticException("no active set solves the LCP; M must be symmetric positive definite.");
    }

    /// <summary>w = Mλ + q.</summary>
    public static double[] Slack(double[] m, double[] q, double[] lambda)
    {
        int k = q.Length;
        var w = new double[k];
        for (int r = 0; r < k; r++)
        {
            double s = q[r];
            for (int c = 0; c < k; c++) s += m[r * k + c] * lambda[c];
            w[r] = s;
        }
        return w;
    }

    private static bool Complementary(double[] m, double[] q, double[] lambda, double tol)
    {
        var w = Slack(m, q, lambda);
        for (int r = 0; r < q.Length; r++)
            if (lambda[r] == 0 && w[r] < -tol) return false;
        return true;
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace PhyToolkit.Optimization.Series;

/// <summary>
/// Robust Padé approximation from Taylor coefficients, after Gonnet, Güttel and Trefethen, "Robust Padé approximation via
/// SVD", SIAM Review 55 (2013): the denominator is the null vector of the Toeplitz block found by SVD, and the type is
/// reduced while the block is rank deficient, which removes most spurious pole–zero pairs (Froissart doublets) at the
/// source. Uses MathNet.Numerics for the SVD.
/// </summary>
public static class Pade
{
    /// <summary>
    /// The [m/n] Padé approximant of Σ c_k t^k from c_0..c_{m+n}.
    /// </summary>
    /// <param name="c">Taylor coefficients; at least m + n + 1 of them (only the first m + n + 1 are used).</param>
    /// <param name="m">Numerator degree ≥ 0.</param>
    /// <param name="n">Denominator degree ≥ 0.</param>
    /// <param name="tolerance">Relative singular-value threshold (to ‖c‖₂) below which the block counts as rank deficient (default 1e-14, Gonnet–Güttel–Trefethen's choice).</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative degree, or m + n + 1 above the series length (the order is not determined by the data).</exception>
    public static PadeApproximant Robust(ReadOnlySpan<double> c, int m, int n, double tolerance = 1e-14)
    {
        Guard.AtLeast(m, 0, nameof(m));
        Guard.AtLeast(n, 0, nameof(n));
        Guard.InRange(m + n, 0, c.Length - 1, "m + n (Padé order; at most the series length − 1)");
        Guard.InRange(tolerance, 0, 1, nameof(tolerance));
        int requestedM = m, requestedN = n;
        var cc = c[..(m + n + 1)].ToArray();
        foreach (double v in cc) Guard.Finite(v, nameof(c));
        double norm = Math.Sqrt(cc.Sum(v => v * v));
        if (norm == 0) return new PadeApproximant([0.0], [1.0], requestedM, requestedN);
        double ts = tolerance * norm;

        double C(int i, int j) => i - j >= 0 && i - j < cc.Length ? cc[i - j] : 0;
        double[] b;
        if (n == 0) b = [1.0];
        else
        {
            while (true)
            {
                // Rows m+1..m+n of the (m+n+1)×(n+1) Toeplitz matrix: the linearised condition (P − Q·c)_k = 0, k = m+1..m+n.
                var z = Matrix<double>.Build.Dense(n, n + 1, (i, j) => C(m + 1 + i, j));
                var svd = z.Svd(true);
                int rho = 0;
                foreach (double s in svd.S) if (s > ts) rho++;
                if (rho == n)
                {
                    b = svd.VT.Row(n).ToArray();
                    break;
                }
                m -= n - rho;
                n = rho;
                if (m < 0) { n += m; m = 0; }
                if (n == 0) { b = [1.0]; break; }
            }
        }
        // Numerator from the top m+1 rows.
        var a = new double[m + 1];
        for (int i = 0; i <= m; i++)
        {
            double s = 0;
            for (int j = 0; j < b.Length; j++) s += C(i, j) * b[j];
            a[i] = s;
        }
        // A common factor t^λ (leading zeros of b) cancels; then strip negligible trailing coefficients.
        int lam = 0;
        while (lam < b.Length - 1 && Math.Abs(b[lam]) <= tolerance) lam++;
        b = b[lam..];
        a = lam <= m ? a[lam..] : [0.0];
        b = TrimTail(b, tolerance * MaxAbs(b));
        a = TrimTail(a, ts);
        double b0 = b[0];
        for (int j = 0; j < b.Length; j++) b[j] /= b0;
        for (int i = 0; i < a.Length; i++) a[i] /= b0;
        return new PadeApproximant(a, b, requestedM, requestedN);
    }

    private static double MaxAbs(double[] v) => v.Max(Math.Abs);

    private static double[] TrimTail(double[] v, double tol)
    {
        int k = v.Length;
        while (k > 1 && Math.Abs(v[k - 1]) <= tol) k--;
        return v[..k];
    }
}

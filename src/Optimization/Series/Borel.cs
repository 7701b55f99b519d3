using MathNet.Numerics;

namespace PhyToolkit.Optimization.Series;

/// <summary>
/// The Borel transform of an asymptotic series and the ratio (Domb–Sykes) estimate of its radius of convergence.
/// </summary>
public static class Borel
{
    /// <summary>
    /// b_n = a_n / Γ(n + <paramref name="shift"/>): the Borel transform with the normalisation that matches a partition
    /// function Z(g) ~ Σ a_n g^{n+d/2} (shift = d/2), so that B(t) = Σ b_n t^n is the density-of-states series
    /// (arXiv 2509.01329, [P] pipeline step 3; normalisation [D], docs/resurgence.md).
    /// </summary>
    /// <param name="a">Coefficients a_0..a_K (finite).</param>
    /// <param name="shift">Γ shift s &gt; 0 (d/2 for a d-dimensional Laplace integral).</param>
    public static double[] Transform(ReadOnlySpan<double> a, double shift)
    {
        Guard.Positive(shift, nameof(shift));
        if (a.Length == 0) throw new ArgumentException("a is empty; allowed: at least one coefficient.", nameof(a));
        var b = new double[a.Length];
        for (int n = 0; n < a.Length; n++)
        {
            Guard.Finite(a[n], nameof(a));
            // a_n / Γ(n+s) through log Γ so that large n neither overflows nor loses digits.
            b[n] = a[n] == 0 ? 0 : Math.Sign(a[n]) * Math.Exp(Math.Log(Math.Abs(a[n])) - SpecialFunctions.GammaLn(n + shift));
        }
        return b;
    }

    /// <summary>
    /// Ratio estimates r_n = b_n / b_{n+1} (n = 0..K−1) of the distance to the nearest Borel-plane singularity; for a
    /// singularity t_c on the positive axis r_n → t_c with O(1/n) error ([D], docs/resurgence.md §2). Entries whose
    /// denominator is zero are NaN.
    /// </summary>
    public static double[] Ratios(ReadOnlySpan<double> b)
    {
        if (b.Length < 2) throw new ArgumentException($"b has length {b.Length}; allowed: length >= 2.", nameof(b));
        var r = new double[b.Length - 1];
        for (int n = 0; n < r.Length; n++) r[n] = b[n + 1] == 0 ? double.NaN : b[n] / b[n + 1];
        return r;
    }

    /// <summary>
    /// Domb–Sykes extrapolation of the ratios: fits r_n ≈ t_c + c/n on the last <paramref name="points"/> ratios by least
    /// squares and returns the intercept t_c.
    /// </summary>
    public static double DombSykes(ReadOnlySpan<double> b, int points = 6)
    {
        var r = Ratios(b);
        Guard.InRange(points, 2, r.Length, nameof(points));
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int n = r.Length - points; n < r.Length; n++)
        {
            double x = 1.0 / (n + 1), y = r[n];
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        double slope = (points * sxy - sx * sy) / (points * sxx - sx * sx);
        return (sy - slope * sx) / points;
    }

    /// <summary>
    /// Coefficients d_0..d_{K−1} of the logarithmic derivative B'(t)/B(t) of B(t) = Σ b_n t^n (b_0 ≠ 0). A branch point
    /// B ~ (1 − t/t_c)^{−γ} becomes a simple pole of B'/B at t_c with residue γ, which Padé locates far more accurately
    /// than the pole string it needs for the branch point itself (D-log Padé; Baker, "Essentials of Padé Approximants",
    /// 1975). Used as a cross-check in docs/resurgence.md ([Proposed]).
    /// </summary>
    /// <exception cref="ArgumentException">b_0 = 0 or fewer than two coefficients.</exception>
    public static double[] LogDerivative(ReadOnlySpan<double> b)
    {
        if (b.Length < 2) throw new ArgumentException($"b has length {b.Length}; allowed: length >= 2.", nameof(b));
        if (b[0] == 0) throw new ArgumentException("b_0 = 0; allowed: b_0 != 0 for the logarithmic derivative.", nameof(b));
        var s = new PowerSeries(b);
        return (s.Derivative() / s.Truncate(b.Length - 2)).ToArray();
    }
}

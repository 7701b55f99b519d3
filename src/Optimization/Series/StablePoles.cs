using System.Numerics;

namespace PhyToolkit.Optimization.Series;

/// <summary>
/// Singularities of a series read from the poles of three neighbouring Padé approximants, with spurious poles filtered:
/// resurgence spec step (c) (docs/resurgence.md, [Proposed]).
/// </summary>
public static class StablePoles
{
    /// <summary>
    /// Poles of the [K/2/K/2] approximant of Σ_{n≤K} b_n t^n that (i) reappear in [K/2−1/K/2+1] and [K/2+1/K/2−1] within
    /// <see cref="PoleFilterOptions.StabilityTolerance"/>·|pole|, (ii) have no numerator zero within
    /// <see cref="PoleFilterOptions.DoubletTolerance"/>·|pole| (Froissart doublet) and (iii) are real to
    /// <see cref="PoleFilterOptions.RealTolerance"/>. Returned as real numbers sorted by modulus.
    /// </summary>
    /// <remarks>
    /// Before the Padé step the variable is rescaled, t = τ·s with τ = (|b_0|/|b_K|)^{1/K}, so that the coefficients are of
    /// comparable size and the SVD threshold is meaningful (our choice; the poles are mapped back).
    /// </remarks>
    /// <param name="b">Coefficients b_0..b_K (K = length − 1 ≥ 4, b_0 and b_K non-zero).</param>
    /// <param name="options">Thresholds (defaults when null).</param>
    public static double[] Find(ReadOnlySpan<double> b, PoleFilterOptions? options = null) => Analyse(b, options).Kept;

    /// <summary>As <see cref="Find"/>, also returning the central approximant's poles before filtering.</summary>
    public static (double[] Kept, Complex[] AllPoles) Analyse(ReadOnlySpan<double> b, PoleFilterOptions? options = null)
    {
        var o = options ?? new PoleFilterOptions();
        o.Validate();
        int k = b.Length - 1;
        Guard.AtLeast(k, 4, "b length − 1 (series order K)");
        if (b[0] == 0 || b[k] == 0) throw new ArgumentException("b_0 and b_K must be non-zero to fix the scale.", nameof(b));
        double tau = Math.Pow(Math.Abs(b[0]) / Math.Abs(b[k]), 1.0 / k);
        var c = new double[k + 1];
        for (int n = 0; n <= k; n++) c[n] = b[n] * Math.Pow(tau, n);
        int h = k / 2;
        var central = Pade.Robust(c, h, k - h, o.PadeTolerance);
        var left = Pade.Robust(c, h - 1, k - h + 1, o.PadeTolerance);
        var right = Pade.Robust(c, h + 1, k - h - 1, o.PadeTolerance);
        var poles = central.Poles();
        var zeros = central.Zeros();
        var lp = left.Poles();
        var rp = right.Poles();
        var kept = new List<double>();
        foreach (var p in poles)
        {
            double mod = p.Magnitude;
            if (mod == 0 || !double.IsFinite(mod)) continue;
            if (Math.Abs(p.Imaginary) >= o.RealTolerance * Math.Abs(p.Real)) continue;
            if (!Near(lp, p, o.StabilityTolerance * mod) || !Near(rp, p, o.StabilityTolerance * mod)) continue;
            if (Near(zeros, p, o.DoubletTolerance * mod)) continue;
            kept.Add(p.Real * tau);
        }
        kept.Sort((x, y) => Math.Abs(x).CompareTo(Math.Abs(y)));
        return ([.. kept], [.. poles.Select(p => p * tau)]);
    }

    private static bool Near(Complex[] set, Complex p, double tol)
    {
        foreach (var q in set) if ((q - p).Magnitude <= tol) return true;
        return false;
    }
}

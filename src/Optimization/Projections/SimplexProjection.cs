namespace PhyToolkit.Optimization.Projections;

/// <summary>
/// Exact Euclidean projection onto the probability simplex Δ_n = {p ≥ 0, Σ p_i = 1} by sorting (Held, Wolfe, Crowder 1974;
/// Duchi et al., ICML 2008, Fig. 1): with u sorted decreasingly, ρ = max{j : u_(j) − (Σ_{k≤j} u_(k) − 1)/j &gt; 0},
/// θ = (Σ_{k≤ρ} u_(k) − 1)/ρ and p_i = max(u_i − θ, 0). O(n log n). Used for the inner variable of problem M2
/// (docs/optim-hierarchical.md).
/// </summary>
/// <remarks>Instances keep a sort buffer of length n and are not thread-safe.</remarks>
public sealed class SimplexProjection : IProjection
{
    private readonly double[] _sorted;

    /// <summary>Creates a projection for vectors of length n ≥ 1.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public SimplexProjection(int dimension) => _sorted = new double[Guard.AtLeast(dimension, 1, nameof(dimension))];

    /// <summary>Length n of the projected vectors.</summary>
    public int Dimension => _sorted.Length;

    /// <summary>Replaces <paramref name="x"/> (length n, finite entries) by its projection onto Δ_n.</summary>
    /// <exception cref="ArgumentException">Wrong length.</exception>
    public void Project(Span<double> x)
    {
        Guard.Length(x, _sorted.Length, nameof(x));
        double theta = Threshold(x, _sorted);
        for (int i = 0; i < x.Length; i++) x[i] = Math.Max(x[i] - theta, 0);
    }

    /// <summary>The threshold θ with Proj_Δ(u) = max(u − θ, 0); <paramref name="scratch"/> (length ≥ n) is overwritten.</summary>
    public static double Threshold(ReadOnlySpan<double> u, Span<double> scratch)
    {
        if (u.Length == 0) throw new ArgumentException("u must not be empty.", nameof(u));
        if (scratch.Length < u.Length) throw new ArgumentException($"scratch must have length ≥ {u.Length}.", nameof(scratch));
        var s = scratch[..u.Length];
        u.CopyTo(s);
        s.Sort();
        double cum = 0, theta = 0;
        for (int j = 1; j <= s.Length; j++)
        {
            double v = s[s.Length - j];
            cum += v;
            double t = (cum - 1) / j;
            if (v - t > 0) theta = t; // the condition holds for j ≤ ρ and fails after; the last success is ρ
            else break;
        }
        return theta;
    }
}

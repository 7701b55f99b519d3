namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// Bisection for the root of a continuous monotone scalar function on a bracket: the reference solver for scalar duals
/// and per-user allocations of test case T2 (spec of arXiv 2509.01172 §5, [Proposed]).
/// </summary>
public static class ScalarBisection
{
    /// <summary>
    /// A root of <paramref name="f"/> in [<paramref name="low"/>, <paramref name="high"/>], where f(low) and f(high) have
    /// opposite signs (or one is 0); stops when the bracket is narrower than <paramref name="tolerance"/>·max(1, |x|) or
    /// after 200 halvings.
    /// </summary>
    /// <exception cref="ArgumentException">The bracket does not change sign.</exception>
    public static double Solve(Func<double, double> f, double low, double high, double tolerance = 1e-14)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Finite(low, nameof(low));
        Guard.Finite(high, nameof(high));
        if (!(low < high)) throw new ArgumentException("the bracket must satisfy low < high.", nameof(high));
        double fl = f(low), fh = f(high);
        if (fl == 0) return low;
        if (fh == 0) return high;
        if (Math.Sign(fl) == Math.Sign(fh)) throw new ArgumentException($"f does not change sign on [{low}, {high}] (f = {fl}, {fh}).", nameof(f));
        for (int it = 0; it < 200 && high - low > tolerance * Math.Max(1, Math.Abs(low)); it++)
        {
            double mid = 0.5 * (low + high), fm = f(mid);
            if (fm == 0) return mid;
            if (Math.Sign(fm) == Math.Sign(fl)) { low = mid; fl = fm; } else high = mid;
        }
        return 0.5 * (low + high);
    }
}

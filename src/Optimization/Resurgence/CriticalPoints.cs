namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// Exact critical points of the test landscapes, as the reference against which Borel–Padé targets are checked
/// (resurgence docs/fa-plkg.md, [Proposed]): bracketing of sign changes of L' in 1-D, Newton from a start grid in d-D.
/// </summary>
public static class CriticalPoints
{
    /// <summary>All zeros of L' on [lo, hi] in 1-D: sign changes on a grid of <paramref name="gridPoints"/> cells, refined by bisection to machine precision.</summary>
    public static IReadOnlyList<CriticalPoint> OneDimensional(IAnalyticLandscape landscape, double lo, double hi, int gridPoints = 4000)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        Guard.Length(landscape.Dimension, 1, "landscape dimension");
        Guard.Finite(lo, nameof(lo));
        Guard.InRange(hi, lo, double.MaxValue, nameof(hi));
        Guard.AtLeast(gridPoints, 2, nameof(gridPoints));
        var g = new double[1];
        double D(double x) { landscape.Gradient([x], g); return g[0]; }
        var result = new List<CriticalPoint>();
        double xPrev = lo, dPrev = D(lo);
        for (int i = 1; i <= gridPoints; i++)
        {
            double x = lo + (hi - lo) * i / gridPoints, d = D(x);
            if (dPrev == 0) Add(xPrev);
            else if (Math.Sign(d) == -Math.Sign(dPrev))
            {
                double a = xPrev, b = x, da = dPrev;
                for (int it = 0; it < 200 && b - a > 1e-15 * Math.Max(1, Math.Abs(a)); it++)
                {
                    double m = 0.5 * (a + b), dm = D(m);
                    if (Math.Sign(dm) == Math.Sign(da)) { a = m; da = dm; } else b = m;
                }
                Add(0.5 * (a + b));
            }
            xPrev = x; dPrev = d;
        }
        return result;

        void Add(double x)
        {
            var h = new double[1, 1];
            landscape.Hessian([x], h);
            result.Add(new CriticalPoint([x], landscape.Evaluate([x]), h[0, 0] < 0 ? 1 : 0));
        }
    }

    /// <summary>
    /// Critical points by Newton's method (exact gradient and Hessian, MathNet solve) from every point of an
    /// n×…×n grid over the box [lo, hi]^d; converged points (‖∇L‖ &lt; 1e-12) are merged when closer than 1e-6.
    /// </summary>
    public static IReadOnlyList<CriticalPoint> Newton(IAnalyticLandscape landscape, double lo, double hi, int perAxis = 21)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        Guard.InRange(perAxis, 2, 200, nameof(perAxis));
        int d = landscape.Dimension;
        Guard.InRange(d, 1, 4, "landscape dimension");
        var found = new List<CriticalPoint>();
        int total = (int)Math.Pow(perAxis, d);
        var g = new double[d];
        var h = new double[d, d];
        for (int idx = 0; idx < total; idx++)
        {
            var x = new double[d];
            int r = idx;
            for (int i = 0; i < d; i++) { x[i] = lo + (hi - lo) * (r % perAxis) / (perAxis - 1); r /= perAxis; }
            bool ok = false;
            for (int it = 0; it < 100; it++)
            {
                landscape.Gradient(x, g);
                double gn = Math.Sqrt(g.Sum(v => v * v));
                if (gn < 1e-12) { ok = true; break; }
                landscape.Hessian(x, h);
                var hm = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(h);
                var step = hm.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(g));
                if (step.Any(v => !double.IsFinite(v))) break;
                for (int i = 0; i < d; i++) x[i] -= step[i];
                if (x.Any(v => Math.Abs(v) > 1e6)) break;
            }
            if (!ok || found.Any(c => Dist(c.Theta, x) < 1e-6)) continue;
            var modes = ResurgentTargetFinder.HessianModes(landscape, x);
            found.Add(new CriticalPoint(x, landscape.Evaluate(x), modes.Count(m => m.Eigenvalue < 0)));
        }
        return [.. found.OrderBy(c => c.Value)];
    }

    private static double Dist(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }
}

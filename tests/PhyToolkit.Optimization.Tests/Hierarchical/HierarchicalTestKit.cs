using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Tests.Hierarchical;

internal static class HierarchicalTestKit
{
    /// <summary>Mean of ‖∇Φ(x_t)‖ over the tail window t ∈ (T/2, T]: the level of the iterate at time T.</summary>
    public static double TailMean(double[] g, int T)
    {
        double s = 0;
        for (int t = T / 2 + 1; t <= T; t++) s += g[t];
        return s / (T - T / 2);
    }

    /// <summary>Least-squares slope of log(y) against log(x).</summary>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> logY)
    {
        double mx = x.Select(v => Math.Log(v)).Average(), my = logY.Average(), num = 0, den = 0;
        for (int i = 0; i < x.Count; i++) { double dx = Math.Log(x[i]) - mx; num += dx * (logY[i] - my); den += dx * dx; }
        return num / den;
    }

    public static double[] Gaussian(int n, ulong seed)
    {
        var r = new Xoshiro256StarStar(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.NextGaussian();
        return v;
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Unlearning.Forging;

namespace PhyToolkit.Learning.Tests.Unlearning.Forging;

/// <summary>Spec defaults for the closed-form models: w ~ N(0, I) (seed 1), b = 0.3, z* ~ U[−1, 1]^d redrawn until |r*| ≥ 0.5.</summary>
internal static class ForgingFixtures
{
    public const double HalfWidth = 2.0;

    public static (LinearRegressionMap Map, double[] Target, double Residual) LinearRegression(int n, ulong seed = 1)
    {
        var rng = new Xoshiro256StarStar(seed);
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = rng.NextGaussian();
        var map = new LinearRegressionMap(w, 0.3);
        while (true)
        {
            var z = new double[n + 1];
            for (int j = 0; j <= n; j++) z[j] = rng.NextDouble(-1, 1);
            double r = map.Residual(z);
            if (Math.Abs(r) >= 0.5) return (map, z, r);
        }
    }

    /// <summary>M4 with A = [I_k 0] (k of n inputs used).</summary>
    public static (LinearRegressionMap Map, double[] Target, double Residual) Projected(int n, int k, ulong seed = 1)
    {
        var rng = new Xoshiro256StarStar(seed);
        var w = new double[k];
        for (int i = 0; i < k; i++) w[i] = rng.NextGaussian();
        var a = new double[k, n];
        for (int i = 0; i < k; i++) a[i, i] = 1;
        var map = new LinearRegressionMap(w, 0.3, true, a);
        while (true)
        {
            var z = new double[n + 1];
            for (int j = 0; j <= n; j++) z[j] = rng.NextDouble(-1, 1);
            double r = map.Residual(z);
            if (Math.Abs(r) >= 0.5) return (map, z, r);
        }
    }

    public static double[] LogGrid(double lo, double hi, int count)
    {
        var e = new double[count];
        for (int i = 0; i < count; i++) e[i] = lo * Math.Pow(hi / lo, i / (double)(count - 1));
        return e;
    }
}

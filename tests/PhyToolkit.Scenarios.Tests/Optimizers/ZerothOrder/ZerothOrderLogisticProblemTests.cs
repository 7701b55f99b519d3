using PhyToolkit.Core.Random;
using PhyToolkit.Scenarios.Optimizers;

namespace PhyToolkit.Scenarios.Tests.Optimizers.ZerothOrder;

public sealed class ZerothOrderLogisticProblemTests
{
    private static ZerothOrderLogisticProblem Make(int n = 120, int d = 12)
    {
        var rng = new Xoshiro256StarStar(2024);
        return new ZerothOrderLogisticProblem(n, d, ref rng);
    }

    [Fact]
    public void GradientMatchesCentralDifferences()
    {
        var p = Make();
        var rng = new Xoshiro256StarStar(5);
        var w = new double[p.D];
        for (int j = 0; j < p.D; j++) w[j] = rng.NextGaussian();
        var g = new double[p.D];
        p.Gradient(w, g);
        const double h = 1e-5;
        for (int j = 0; j < p.D; j++)
        {
            var wp = (double[])w.Clone(); wp[j] += h;
            var wm = (double[])w.Clone(); wm[j] -= h;
            double fd = (p.Value(wp) - p.Value(wm)) / (2 * h);
            // Central difference truncation O(h²·f''') ≈ 1e-10 and round-off ε·f/h ≈ 1e-11 on f = O(1): 1e-7 absolute is ample.
            Assert.True(Math.Abs(fd - g[j]) < 1e-7, $"j={j}: {fd} vs {g[j]}");
        }
    }

    [Fact]
    public void OptimalValueIsAMinimumOverRandomPoints()
    {
        var p = Make();
        var rng = new Xoshiro256StarStar(9);
        var w = new double[p.D];
        for (int k = 0; k < 200; k++)
        {
            for (int j = 0; j < p.D; j++) w[j] = rng.NextGaussian() * (k % 4 + 1) * 0.25;
            // f is λ-strongly convex with a unique minimiser: no point may lie below f* (round-off slack 1e-12).
            Assert.True(p.Value(w) >= p.OptimalValue - 1e-12);
        }
        Assert.True(p.OptimalValue > 0 && p.OptimalValue < Math.Log(2), $"f* = {p.OptimalValue} (noisy labels: above 0, below f(0) = ln 2)");
    }

    [Fact]
    public void SameSeedSameData()
    {
        Assert.Equal(Make().OptimalValue, Make().OptimalValue);
    }
}

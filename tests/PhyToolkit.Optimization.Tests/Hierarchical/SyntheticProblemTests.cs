using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Hierarchical;

namespace PhyToolkit.Optimization.Tests.Hierarchical;

public class SyntheticProblemTests
{
    [Fact]
    public void MinimaxOuterGradientMatchesFiniteDifferencesAndEnvelope()
    {
        var p = new CoupledQuadraticMinimax(20, 10, 1, 0, 7);
        var x = HierarchicalTestKit.Gaussian(20, 1);
        var g = new double[20];
        p.OuterGradient(x, g);
        // Central differences with h = 1e-6 have O(h²) truncation and ~1e-10 round-off error: 1e-7 absolute is safe.
        for (int i = 0; i < 20; i++)
        {
            var xp = (double[])x.Clone(); xp[i] += 1e-6;
            var xm = (double[])x.Clone(); xm[i] -= 1e-6;
            Assert.Equal((p.OuterValue(xp) - p.OuterValue(xm)) / 2e-6, g[i], 7);
        }
        // Danskin: at y = y*(x) the noise-free oracle returns ∇_x f = ∇Φ and ∇_y f = 0 (exact algebra, round-off only).
        var ys = new double[10]; p.InnerSolution(x, ys);
        var gx = new double[20]; var gy = new double[10]; var rng = new Xoshiro256StarStar(1);
        p.Sample(x, ys, ref rng, gx, gy);
        for (int i = 0; i < 20; i++) Assert.Equal(g[i], gx[i], 12);
        for (int k = 0; k < 10; k++) Assert.Equal(0, gy[k], 12);
    }

    [Fact]
    public void BilevelHypergradientMatchesFiniteDifferences()
    {
        var b = new QuadraticBilevel(10, 20, 10, 0, 7);
        var x = HierarchicalTestKit.Gaussian(10, 2);
        var g = new double[10];
        b.OuterGradient(x, g);
        // Φ is smooth with O(1) curvature: central differences at h = 1e-6 are accurate to ~1e-9; assert 1e-7.
        for (int i = 0; i < 10; i++)
        {
            var xp = (double[])x.Clone(); xp[i] += 1e-6;
            var xm = (double[])x.Clone(); xm[i] -= 1e-6;
            Assert.Equal((b.OuterValue(xp) - b.OuterValue(xm)) / 2e-6, g[i], 7);
        }
        // y* solves the lower problem: the noise-free lower gradient vanishes there (round-off only).
        var ys = new double[20]; b.InnerSolution(x, ys);
        var gy = new double[20]; var rng = new Xoshiro256StarStar(1);
        b.SampleLowerGradient(x, ys, ref rng, gy);
        Assert.True(gy.Max(Math.Abs) < 1e-10);
    }

    [Fact]
    public void OracleNoiseHasTheStatedSecondMoment()
    {
        var p = new CoupledQuadraticMinimax(20, 10, 1, 0.5, 7);
        var x = HierarchicalTestKit.Gaussian(20, 3);
        var y = new double[10];
        var g0 = new double[20]; p.OuterGradient(x, g0);
        var ys = new double[10]; p.InnerSolution(x, ys);
        var gx = new double[20]; var gy = new double[10];
        var rng = new Xoshiro256StarStar(4);
        double sum = 0; int n = 20000;
        for (int s = 0; s < n; s++)
        {
            p.Sample(x, ys, ref rng, gx, gy);
            for (int i = 0; i < 20; i++) sum += (gx[i] - g0[i]) * (gx[i] - g0[i]);
        }
        // ‖noise‖² = (σ²/20)·χ²_20 has relative sd √(2/20) ≈ 0.32, so the mean of 2·10⁴ draws has relative SE 0.0022; 5 SE ≈ 1.2 %.
        Assert.Equal(0.25, sum / n, 0.25 * 0.012);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>("noiseStd", () => new CoupledQuadraticMinimax(2, 2, 1, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("conditionNumber", () => new QuadraticBilevel(2, 2, 0.5, 0, 1));
        var p = new CoupledQuadraticMinimax(3, 2, 1, 0, 1);
        var rng = new Xoshiro256StarStar(1);
        Assert.Throws<ArgumentException>("x0", () => AdaMinimax.Run(p, new double[2], new double[2], new HierarchicalOptions(), ref rng));
        Assert.Throws<ArgumentOutOfRangeException>("CEta", () => AdaMinimax.Run(p, new double[3], new double[2], new HierarchicalOptions { CEta = 0 }, ref rng));
        Assert.Throws<ArgumentOutOfRangeException>("Beta", () => TiAda.Run(p, new double[3], new double[2], new TiAdaOptions { Beta = 0.7 }, ref rng));
    }
}

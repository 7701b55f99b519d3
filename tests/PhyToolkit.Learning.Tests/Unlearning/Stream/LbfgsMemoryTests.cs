using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Unlearning.Stream;

namespace PhyToolkit.Learning.Tests.Unlearning.Stream;

/// <summary>
/// The two-loop recursion against the dense BFGS inverse built from the same pairs (the recursion of arXiv 2508.10193,
/// appendix: B⁻¹_{u+1} = Vᵀ B⁻¹_u V + ρ s sᵀ, V = I − ρ y sᵀ, B⁻¹_0 = γI), on the pairs of a quadratic, and the purge.
/// </summary>
public class LbfgsMemoryTests
{
    /// <summary>A random SPD matrix A = QᵀQ + 0.5 I (row-major, d×d), the Hessian of f(w) = ½ wᵀAw.</summary>
    private static double[] RandomSpd(int d, ref Xoshiro256StarStar rng)
    {
        var q = new double[d * d];
        for (int i = 0; i < q.Length; i++) q[i] = rng.NextGaussian();
        var a = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double s = i == j ? 0.5 : 0;
                for (int k = 0; k < d; k++) s += q[k * d + i] * q[k * d + j];
                a[i * d + j] = s;
            }
        return a;
    }

    private static double[] MatVec(double[] a, double[] v, int d)
    {
        var r = new double[d];
        for (int i = 0; i < d; i++) { double s = 0; for (int j = 0; j < d; j++) s += a[i * d + j] * v[j]; r[i] = s; }
        return r;
    }

    /// <summary>Dense H_{u+1} = (I − ρ s yᵀ) H_u (I − ρ y sᵀ) + ρ s sᵀ, oldest pair first, from H_0 = γI.</summary>
    private static double[] DenseInverse(LbfgsMemory m, double gamma)
    {
        int d = m.Dimension;
        var h = new double[d * d];
        for (int i = 0; i < d; i++) h[i * d + i] = gamma;
        for (int u = 0; u < m.Count; u++)
        {
            var s = m.S(u).ToArray(); var y = m.Y(u).ToArray(); double rho = m.Rho(u);
            var v = new double[d * d];                                   // V = I − ρ y sᵀ
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) v[i * d + j] = (i == j ? 1 : 0) - rho * y[i] * s[j];
            var hv = new double[d * d];                                  // H V
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) { double acc = 0; for (int k = 0; k < d; k++) acc += h[i * d + k] * v[k * d + j]; hv[i * d + j] = acc; }
            var next = new double[d * d];                                // Vᵀ H V + ρ s sᵀ
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) { double acc = 0; for (int k = 0; k < d; k++) acc += v[k * d + i] * hv[k * d + j]; next[i * d + j] = acc + rho * s[i] * s[j]; }
            h = next;
        }
        return h;
    }

    [Theory]
    [InlineData(5, 3, 1UL)]
    [InlineData(8, 8, 2UL)]
    [InlineData(10, 4, 3UL)]   // 12 pairs into a window of 4: eviction exercised
    public void TwoLoopEqualsDenseBfgsInverseOnAQuadratic(int d, int tau, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        double[] a = RandomSpd(d, ref rng);
        var m = new LbfgsMemory(d, tau);
        var w = new double[d];
        for (int j = 0; j < d; j++) w[j] = rng.NextGaussian();
        for (int t = 0; t < 12; t++)
        {
            var wNext = new double[d];
            for (int j = 0; j < d; j++) wNext[j] = w[j] + 0.3 * rng.NextGaussian();
            var s = new double[d];
            for (int j = 0; j < d; j++) s[j] = wNext[j] - w[j];
            double[] y = MatVec(a, s, d);                                // ∇f(w') − ∇f(w) = A s on a quadratic
            Assert.True(m.AddPair(s, y, t));
            w = wNext;
        }
        Assert.Equal(Math.Min(12, tau), m.Count);
        Assert.Equal(12 - Math.Min(12, tau), m.Tag(0));                  // oldest kept pair after eviction

        var g = new double[d];
        for (int j = 0; j < d; j++) g[j] = rng.NextGaussian();
        var twoLoop = new double[d];
        m.ApplyInverseHessian(g, twoLoop);
        double[] dense = MatVec(DenseInverse(m, m.InitialScaling(g)), g, d);
        // round-off: both are O(τd) sums of products with condition ≲ 1e3 here; 1e-10 relative to ‖Hg‖ is ~1e5 ulps of slack
        double scale = Math.Sqrt(dense.Sum(x => x * x));
        for (int j = 0; j < d; j++) Assert.True(Math.Abs(twoLoop[j] - dense[j]) <= 1e-10 * scale, $"j={j}: {twoLoop[j]} vs {dense[j]}");

        var dir = new double[d];
        m.Direction(g, dir);
        for (int j = 0; j < d; j++) Assert.Equal(-twoLoop[j], dir[j]);
    }

    [Fact]
    public void WithDPairsOnAQuadraticTheNewestSecantEquationHolds()
    {
        // BFGS satisfies the secant equation H y_newest = s_newest exactly (in exact arithmetic) for any H_0.
        var rng = new Xoshiro256StarStar(7);
        int d = 6;
        double[] a = RandomSpd(d, ref rng);
        var m = new LbfgsMemory(d, 6);
        double[] s = [];
        for (int t = 0; t < 6; t++)
        {
            s = new double[d];
            for (int j = 0; j < d; j++) s[j] = rng.NextGaussian();
            m.AddPair(s, MatVec(a, s, d), t);
        }
        var r = new double[d];
        m.ApplyInverseHessian(MatVec(a, s, d), r);
        for (int j = 0; j < d; j++) Assert.Equal(s[j], r[j], 1e-9);     // round-off on a system with ‖A‖ ≈ 10, κ ≲ 1e3
    }

    [Fact]
    public void PairsWithNonPositiveCurvatureAreDampedOrSkipped()
    {
        var m = new LbfgsMemory(2, 3);
        Assert.False(m.AddPair([1e-5, 0], [-1e-5, 0], 1));              // yᵀs = −1e−10, damped to ≈ −1e−10: |·| < 1e−8 → skipped
        Assert.Equal(0, m.Count);
        Assert.True(m.AddPair([1, 0], [1, 0], 2));
        Assert.Equal(1.0, m.Rho(0));
    }

    [Fact]
    public void RemovePairAtKeepsOrderAndTagLookupFindsIt()
    {
        var m = new LbfgsMemory(2, 3);
        m.AddPair([1, 0], [2, 0], 10);
        m.AddPair([0, 1], [0, 3], 11);
        m.AddPair([1, 1], [1, 1], 12);
        Assert.Equal(1, m.IndexOfTag(11));
        m.RemovePairAt(1);
        Assert.Equal(2, m.Count);
        Assert.Equal(-1, m.IndexOfTag(11));
        Assert.Equal(10, m.Tag(0));
        Assert.Equal(12, m.Tag(1));
        Assert.Equal(0.5, m.Rho(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.RemovePairAt(2));
        Assert.Equal(3 * (2 * 2 + 1), m.StateSize);
    }
}

using System.Numerics;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.KeyGeneration;

public class PrecoderProjectionTests
{
    [Fact]
    public void FrobeniusBall_KeepsBudgetAndDirection()
    {
        // docs/fa-plkg.md item 6: the projection keeps ‖P‖²_F ≤ E — checked exactly (no tolerance) over 2000 random cases.
        var rng = new Xoshiro256StarStar(13000);
        for (int trial = 0; trial < 2000; trial++)
        {
            int m = 1 + rng.NextInt(9), k = 1 + rng.NextInt(9);
            double e = Math.Pow(10, rng.NextDouble(-4, 6));
            var p = TestMatrices.Gaussian(ref rng, m, k, e * Math.Pow(10, rng.NextDouble(-3, 3)) / (m * k));
            var before = (Complex[])p.Clone();
            double n0 = before.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary);
            double scale = PrecoderProjection.ProjectFrobeniusBall(p, e);
            double n1 = p.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary);
            Assert.True(n1 <= e, $"trial {trial}: {n1} > {e}");
            if (n0 <= e) { Assert.Equal(1.0, scale); Assert.Equal(before, p); }
            else
            {
                Assert.True(n1 >= e * (1 - 1e-14)); // lands on the sphere
                for (int i = 0; i < p.Length; i++) Assert.Equal(before[i] * scale, p[i]);
            }
        }
    }

    [Fact]
    public void FrobeniusBall_IsTheNearestFeasiblePoint()
    {
        var rng = new Xoshiro256StarStar(13100);
        var p = TestMatrices.Gaussian(ref rng, 4, 4, 10);
        var proj = (Complex[])p.Clone();
        PrecoderProjection.ProjectFrobeniusBall(proj, 4);
        double dist = Dist(p, proj);
        for (int t = 0; t < 500; t++)
        {
            var q = TestMatrices.Gaussian(ref rng, 4, 4, rng.NextDouble(0.01, 1));
            PrecoderProjection.ProjectFrobeniusBall(q, 4);
            Assert.True(dist <= Dist(p, q) * (1 + 1e-12));
        }
        static double Dist(Complex[] a, Complex[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y).Magnitude * (x - y).Magnitude).Sum());
    }

    [Fact]
    public void ZeroBudget_GivesZeroPrecoder()
    {
        var p = new Complex[] { 1, new(0, 2) };
        Assert.Equal(0.0, PrecoderProjection.ProjectFrobeniusBall(p, 0));
        Assert.All(p, z => Assert.Equal(Complex.Zero, z));
    }

    [Fact]
    public void ColumnPowers_ScalesOnlyViolatingColumns()
    {
        var rng = new Xoshiro256StarStar(13200);
        const int m = 3, k = 5;
        for (int trial = 0; trial < 500; trial++)
        {
            var p = TestMatrices.Gaussian(ref rng, m, k, rng.NextDouble(0.1, 3));
            var before = (Complex[])p.Clone();
            PrecoderProjection.ProjectColumnPowers(p, m, k, 2.0);
            for (int c = 0; c < k; c++)
            {
                double n0 = 0, n1 = 0;
                for (int i = 0; i < m; i++) { n0 += Sq(before[i * k + c]); n1 += Sq(p[i * k + c]); }
                Assert.True(n1 <= 2.0);
                if (n0 <= 2.0) for (int i = 0; i < m; i++) Assert.Equal(before[i * k + c], p[i * k + c]);
                else Assert.True(n1 >= 2.0 * (1 - 1e-14));
            }
        }
    }

    private static double Sq(Complex z) => z.Real * z.Real + z.Imaginary * z.Imaginary;

    [Fact]
    public void BadInputs_Throw()
    {
        Assert.Equal("energyBudget", Assert.Throws<ArgumentOutOfRangeException>(() => PrecoderProjection.ProjectFrobeniusBall(new Complex[2], -1)).ParamName);
        Assert.Equal("precoder", Assert.Throws<ArgumentException>(() => PrecoderProjection.ProjectColumnPowers(new Complex[5], 2, 3, 1)).ParamName);
        Assert.Equal("powerPerSlot", Assert.Throws<ArgumentOutOfRangeException>(() => PrecoderProjection.ProjectColumnPowers(new Complex[6], 2, 3, double.NaN)).ParamName);
    }
}

using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Sampling;

public class PathGeometryTests
{
    [Fact]
    public void SampleDrawsAnglesInOrderAndEqualPowers()
    {
        var rng = new Xoshiro256StarStar(31);
        var geo = PathGeometry.Sample(4, ref rng);
        var check = new Xoshiro256StarStar(31);
        for (int l = 0; l < 4; l++)
        {
            // Documented draw order: θ_l then φ_l, each π·U[0, 1).
            Assert.Equal(Math.PI * check.NextDouble(), geo.ElevationsRad[l]);
            Assert.Equal(Math.PI * check.NextDouble(), geo.AzimuthsRad[l]);
            Assert.InRange(geo.ElevationsRad[l], 0, Math.PI);
            Assert.Equal(0.25, geo.Powers[l]);
        }
        var again = new Xoshiro256StarStar(31);
        Assert.Equal(geo.ElevationsRad.ToArray(), PathGeometry.Sample(4, ref again).ElevationsRad.ToArray());
    }

    [Theory]
    [InlineData(4, 1.0, 0.5, 1.0 / 6)]
    [InlineData(3, 3.0, 0.75, 0.125)]
    [InlineData(2, 0.0, 0.0, 1.0)]
    public void RicianSplitMatchesSpec(int paths, double kappa, double p1, double pRest)
    {
        // docs/fa-plkg.md (2210.05396): p_1 = κ/(κ+1), p_{l≥2} = 1/((κ+1)(L−1)).
        var p = new double[paths];
        PathGeometry.FillPowers(p, kappa);
        Assert.Equal(p1, p[0], 15);
        for (int l = 1; l < paths; l++) Assert.Equal(pRest, p[l], 15);
        Assert.Equal(1.0, p.Sum(), 15);
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        var rng = new Xoshiro256StarStar(1);
        Assert.Equal("pathCount", Assert.Throws<ArgumentOutOfRangeException>(() => PathGeometry.Sample(0, ref rng)).ParamName);
        var rng2 = new Xoshiro256StarStar(1);
        Assert.Equal("ricianFactor", Assert.Throws<ArgumentOutOfRangeException>(() => PathGeometry.Sample(3, ref rng2, -1)).ParamName);
    }
}

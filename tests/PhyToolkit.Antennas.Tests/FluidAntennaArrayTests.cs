using PhyToolkit.Antennas;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Antennas.Tests;

public class FluidAntennaArrayTests
{
    [Fact]
    public void PositionsAreMutableDecisionVariables()
    {
        var region = new PlanarRegion(3, 0.5);
        var fa = FluidAntennaArray.From(region, new UniformPlanarArray(2, 2, 3));
        Assert.True(fa.IsFeasible);
        fa.MutablePositions[0] = fa.MutablePositions[2]; // antenna 0 onto antenna 1
        fa.MutablePositions[1] = fa.MutablePositions[3];
        Assert.False(fa.IsFeasible);
        Assert.True(fa.TryRepair());
        Assert.True(fa.IsFeasible);
        fa.SetPositions([0, 0, 3, 0, 0, 3, 3, 3]);
        Assert.Equal(new Position(3, 3), fa.GetPosition(3));
    }

    [Fact]
    public void CreateRandomIsFeasibleAndSeedDeterministic()
    {
        var region = new PlanarRegion(3, 0.5);
        var r1 = new Xoshiro256StarStar(42);
        var r2 = new Xoshiro256StarStar(42);
        var a = FluidAntennaArray.CreateRandom(region, 9, ref r1);
        var b = FluidAntennaArray.CreateRandom(region, 9, ref r2);
        Assert.True(a.IsFeasible);
        Assert.Equal(a.Positions.ToArray(), b.Positions.ToArray());
    }

    [Fact]
    public void ImpossibleCountThrowsWithSmallestSide()
    {
        var region = new PlanarRegion(1.0, 0.5);
        var rng = new Xoshiro256StarStar(1);
        var ex = Assert.Throws<ArgumentException>(() => FluidAntennaArray.CreateRandom(region, 10, ref rng));
        Assert.Equal("antennaCount", ex.ParamName);
        Assert.Contains("smallest feasible A is between", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => new FluidAntennaArray(new PlanarRegion(0.5, 0.5), new double[10]));
        Assert.Equal("initialPositions", ex2.ParamName);
        Assert.Contains("smallest feasible A is 0.707107 λ", ex2.Message);
    }

    [Fact]
    public void SetPositionsValidates()
    {
        var fa = new FluidAntennaArray(new PlanarRegion(3, 0.5), [0, 0, 1, 1]);
        Assert.Equal("positions", Assert.Throws<ArgumentException>(() => fa.SetPositions([0, 0, 1])).ParamName);
        Assert.Equal("positions", Assert.Throws<ArgumentException>(() => fa.SetPositions([0, 0, double.NaN, 1])).ParamName);
    }
}

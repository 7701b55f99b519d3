using PhyToolkit.Antennas;

namespace PhyToolkit.Antennas.Tests;

public class UniformLinearArrayTests
{
    [Fact]
    public void ElementsAreHalfWavelengthApartOnTheCentreLine()
    {
        var ula = new UniformLinearArray(4, 3.0);
        Assert.Equal(new double[] { 0.75, 1.5, 1.25, 1.5, 1.75, 1.5, 2.25, 1.5 }, ula.Positions.ToArray());
    }

    [Fact]
    public void TooSmallRegionThrowsWithSmallestSide()
    {
        var ex = Assert.Throws<ArgumentException>(() => new UniformLinearArray(9, 3.0));
        Assert.Equal("regionSideWavelengths", ex.ParamName);
        Assert.Contains("the smallest feasible A is 4 λ", ex.Message);
    }

    [Fact]
    public void ZeroCountThrows() =>
        Assert.Equal("antennaCount", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformLinearArray(0, 3.0)).ParamName);
}

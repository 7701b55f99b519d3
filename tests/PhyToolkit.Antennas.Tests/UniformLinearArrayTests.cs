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

    [Fact]
    public void CentredLayoutMayExtendBeyondTheRegionAndMatchesTheConstructorWhereItFits()
    {
        var beyond = UniformLinearArray.CentredLayout(9, 3.0);              // 4 λ long in a 3 λ region: allowed for a fixed baseline
        Assert.Equal(-0.5, beyond[0], 1e-15);
        Assert.Equal(3.5, beyond[16], 1e-15);
        Assert.All(Enumerable.Range(0, 9), m => Assert.Equal(1.5, beyond[2 * m + 1]));
        Assert.Equal(new UniformLinearArray(4, 3.0).Positions.ToArray(), UniformLinearArray.CentredLayout(4, 3.0));
        Assert.Equal("spacingWavelengths", Assert.Throws<ArgumentOutOfRangeException>(() => UniformLinearArray.CentredLayout(2, 3.0, 0)).ParamName);
    }
}

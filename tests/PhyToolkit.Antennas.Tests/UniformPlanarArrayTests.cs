using PhyToolkit.Antennas;

namespace PhyToolkit.Antennas.Tests;

public class UniformPlanarArrayTests
{
    [Theory]
    [InlineData(2, 2, 3.0)]
    [InlineData(3, 3, 3.0)]
    [InlineData(4, 4, 3.0)]
    [InlineData(2, 4, 1.7)]
    public void SpacingIsExactlyHalfWavelengthAndArrayIsCentred(int rows, int cols, double side)
    {
        var upa = new UniformPlanarArray(rows, cols, side);
        Assert.Equal(rows * cols, upa.ElementCount);
        Assert.Equal(2, upa.Dimensions);
        double sx = 0, sy = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                var p = upa.GetPosition(r * cols + c);
                sx += p.X; sy += p.Y;
                // Neighbours differ by the pitch; 1e-15 absolute covers the rounding of x0 + c·s for A ≤ 3.
                if (c > 0) Assert.Equal(0.5, p.X - upa.GetPosition(r * cols + c - 1).X, 15);
                if (r > 0) Assert.Equal(0.5, p.Y - upa.GetPosition((r - 1) * cols + c).Y, 15);
                Assert.Equal(0, p.Z);
            }
        Assert.Equal(side / 2, sx / (rows * cols), 14);
        Assert.Equal(side / 2, sy / (rows * cols), 14);
        // The λ/2 UPA is feasible for D = λ/2 (docs/fa-plkg.md).
        Assert.True(new PlanarRegion(side, 0.5).IsFeasible(upa.Positions));
    }

    [Fact]
    public void ThreeByThreeInThreeWavelengthsHasExactCoordinates()
    {
        var upa = new UniformPlanarArray(3, 3, 3.0);
        // x0 = (3 − 1)/2 = 1 exactly, so every coordinate is exactly representable.
        Assert.Equal(new double[] { 1, 1, 1.5, 1, 2, 1, 1, 1.5, 1.5, 1.5, 2, 1.5, 1, 2, 1.5, 2, 2, 2 }, upa.Positions.ToArray());
    }

    [Fact]
    public void TooSmallRegionThrowsWithSmallestSide()
    {
        var ex = Assert.Throws<ArgumentException>(() => new UniformPlanarArray(4, 4, 1.2));
        Assert.Equal("regionSideWavelengths", ex.ParamName);
        Assert.Contains("the smallest feasible A is 1.5 λ", ex.Message);
    }

    [Theory]
    [InlineData(0, 2, 3.0, 0.5, "rows")]
    [InlineData(2, -1, 3.0, 0.5, "columns")]
    [InlineData(2, 2, double.NaN, 0.5, "regionSideWavelengths")]
    [InlineData(2, 2, 3.0, 0.0, "spacingWavelengths")]
    public void BadArgumentsNameTheParameter(int rows, int cols, double side, double spacing, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new UniformPlanarArray(rows, cols, side, spacing));
        Assert.Equal(param, ex.ParamName);
    }

    [Theory]
    [InlineData(4, 2, 2)]
    [InlineData(9, 3, 3)]
    [InlineData(8, 2, 4)]
    [InlineData(7, 1, 7)]
    public void NearSquareFactorisation(int m, int rows, int cols)
    {
        var upa = UniformPlanarArray.NearSquare(m, 4);
        Assert.Equal(rows, upa.Rows);
        Assert.Equal(cols, upa.Columns);
    }
}

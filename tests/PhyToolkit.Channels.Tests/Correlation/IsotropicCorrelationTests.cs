using System.Numerics;
using MathNet.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;

namespace PhyToolkit.Channels.Tests.Correlation;

public class IsotropicCorrelationTests
{
    // Reference values J0(2πd), J1(2πd) from mpmath 1.3.0 besselj at 30 digits (rounded to 17 significant digits).
    [Theory]
    [InlineData(0.1, 0.90371264209246631, 0.29890905631337472)]
    [InlineData(0.25, 0.47200121576823477, 0.56682408890587394)]
    [InlineData(0.38274, -4.0845176001865444e-7, 0.51914732744260272)] // near the first zero of J0
    [InlineData(0.5, -0.30424217764409386, 0.28461534317975276)]
    [InlineData(0.75, -0.26585724995832448, -0.28165790875051959)]
    [InlineData(1.0, 0.22027690853993446, -0.21238253007636905)]
    [InlineData(1.3, 0.13038742135321312, 0.25497303111919125)]
    [InlineData(2.0, 0.15750739248213844, -0.15453081558419345)]
    [InlineData(3.0, 0.1290635194368189, -0.12740889269698921)]
    public void JakesEntriesEqualBesselJ0(double d, double j0, double j1)
    {
        var jakes = IsotropicCorrelation.Jakes;
        double[] p = [0.3, 0.7, 0.3 + d * 0.6, 0.7 + d * 0.8]; // distance d along (0.6, 0.8)
        var r = new Complex[4];
        jakes.Covariance(p, r);
        // Absolute 1e-14: MathNet's Amos-based J0 agrees with mpmath to ~1e-16 here; positions add ~1e-16 rounding.
        Assert.Equal(j0, r[1].Real, 1e-14);
        Assert.Equal(0, r[1].Imaginary);
        Assert.Equal(SpecialFunctions.BesselJ(0, 2 * Math.PI * d), jakes.Value(d), 1e-15);
        // Slope dR/dd = −2π J1(2πd).
        Assert.Equal(-2 * Math.PI * j1, jakes.Slope(d), 1e-13);
    }

    [Fact]
    public void JakesAtHalfWavelengthUpaSpacing()
    {
        var upa = new UniformPlanarArray(2, 2, 3.0);
        var r = new Complex[16];
        IsotropicCorrelation.Jakes.Covariance(upa.Positions, r);
        Assert.Equal(-0.30424217764409386, r[0 * 4 + 1].Real, 14);                        // neighbours: J0(π)
        Assert.Equal(SpecialFunctions.BesselJ(0, Math.PI * Math.Sqrt(2)), r[0 * 4 + 3].Real, 14); // diagonal: J0(√2 π)
    }

    [Theory]
    [InlineData(0.25, 0.63661977236758134)] // 2/π
    [InlineData(0.5, 0.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(0.125, 0.90031631615710606)] // sin(π/4)/(π/4) = 2√2/π
    public void SincEntries(double d, double expected)
    {
        Assert.Equal(expected, IsotropicCorrelation.ThreeDimensional.Value(d), 15);
    }

    [Fact]
    public void SincSmallDistanceSeriesIsContinuous()
    {
        var s = IsotropicCorrelation.ThreeDimensional;
        // Value switches to the series at x = 2πd = 1e-4, Slope at 1e-3; both sides must agree to round-off.
        double dv = 1e-4 / (2 * Math.PI);
        Assert.Equal(s.Value(dv * (1 - 1e-12)), s.Value(dv * (1 + 1e-12)), 14);
        double ds = 1e-3 / (2 * Math.PI);
        double below = s.Slope(ds * (1 - 1e-9)), above = s.Slope(ds * (1 + 1e-9));
        // The direct formula loses ~ε/x² ≈ 2e-10 relative at x = 1e-3 to cancellation; 1e-8 bounds that.
        Assert.True(Math.Abs(below - above) <= 1e-8 * Math.Abs(above), $"{below} vs {above}");
        Assert.Equal(1.0, s.Value(0));
        Assert.Equal(0.0, s.Slope(0));
    }

    [Fact]
    public void CoincidentAntennasHaveUnitCorrelationAndZeroDerivative()
    {
        double[] p = [1, 1, 1, 1];
        var g = new Complex[2];
        foreach (var model in new[] { IsotropicCorrelation.Jakes, IsotropicCorrelation.ThreeDimensional })
        {
            var r = new Complex[4];
            model.Covariance(p, r);
            Assert.Equal(1.0, r[1].Real, 14);
            model.EntryDerivative(p, 0, 1, g);
            Assert.Equal(Complex.Zero, g[0]);
            Assert.Equal(Complex.Zero, g[1]);
        }
    }

    [Fact]
    public void InvalidScatteringThrows() =>
        Assert.Equal("scattering", Assert.Throws<ArgumentOutOfRangeException>(() => new IsotropicCorrelation((IsotropicScattering)7)).ParamName);
}

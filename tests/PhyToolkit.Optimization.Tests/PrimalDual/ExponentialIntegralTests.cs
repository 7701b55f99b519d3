using PhyToolkit.Optimization.PrimalDual;

namespace PhyToolkit.Optimization.Tests.PrimalDual;

public class ExponentialIntegralTests
{
    /// <summary>E1(x) from Abramowitz and Stegun Table 5.1 (x e^x E1(x) and E1 columns), 10 digits; compared as e^x E1(x).</summary>
    [Theory]
    [InlineData(0.5, 0.5597735948)]
    [InlineData(1.0, 0.2193839344)]
    [InlineData(2.0, 0.04890051071)]
    [InlineData(5.0, 0.001148295591)]
    [InlineData(10.0, 4.156968929e-6)]
    public void MatchesTabulatedValues(double x, double e1)
    {
        double expected = Math.Exp(x) * e1;
        Assert.Equal(expected, ExponentialIntegral.ScaledE1(x), expected * 1e-8);   // table precision ~1e-9 relative
    }

    [Fact]
    public void SeriesAndContinuedFractionAgreeAtTheSwitch()
    {
        double below = ExponentialIntegral.ScaledE1(1 - 1e-12), above = ExponentialIntegral.ScaledE1(1 + 1e-12);
        Assert.Equal(below, above, 1e-10);
        // Large x: e^x E1(x) ~ 1/x − 1/x² + 2/x³ (asymptotic series, error ~ 6/x⁴).
        double x = 1e4;
        Assert.Equal(1 / x - 1 / (x * x) + 2 / (x * x * x), ExponentialIntegral.ScaledE1(x), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialIntegral.ScaledE1(0));
    }
}

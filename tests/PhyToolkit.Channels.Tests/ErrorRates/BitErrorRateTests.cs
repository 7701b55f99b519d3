using MathNet.Numerics;
using PhyToolkit.Channels.ErrorRates;

namespace PhyToolkit.Channels.Tests.ErrorRates;

public class BitErrorRateTests
{
    [Theory]
    // Reference values from Python's math.erfc: 0.5*erfc(sqrt(10**(dB/10))).
    [InlineData(4.0, 0.012500818040737556)]
    [InlineData(9.6, 9.736176018578603e-06)]
    public void BpskAwgnMatchesAnIndependentErfc(double ebN0Db, double expected) =>
        Assert.Equal(expected, BitErrorRate.BpskAwgn(Math.Pow(10, ebN0Db / 10)), expected * 1e-12);

    [Fact]
    public void AtZeroSnrEveryBitIsACoinToss()
    {
        Assert.Equal(0.5, BitErrorRate.BpskAwgn(0));
        Assert.Equal(0.5, BitErrorRate.BpskRayleigh(0));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(3.0)]
    [InlineData(30.0)]
    public void RayleighIsTheAwgnRateAveragedOverTheExponentialSnr(double meanSnr)
    {
        // P_b = ∫₀^∞ ½ erfc(√(γ̄ x)) e^{−x} dx, integrated numerically (substitution x = u², dx = 2u du, smooth at 0).
        double averaged = Integrate.OnClosedInterval(u => BitErrorRate.BpskAwgn(meanSnr * u * u) * Math.Exp(-u * u) * 2 * u, 0, 12, 1e-12);
        Assert.Equal(averaged, BitErrorRate.BpskRayleigh(meanSnr), 1e-9);
    }

    [Fact]
    public void RayleighFallsLikeOneOverFourSnrAtHighSnr()
    {
        double g = 1e4;
        Assert.Equal(1.0, BitErrorRate.BpskRayleigh(g) * 4 * g, 1e-3);
    }

    [Fact]
    public void NegativeSnrIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BitErrorRate.BpskAwgn(-1e-9));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitErrorRate.BpskRayleigh(-1));
    }
}

using PhyToolkit.Core.Units;

namespace PhyToolkit.Core.Tests.Units;

public class DecibelTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(10.0, 10.0)]
    [InlineData(-20.0, 0.01)]
    [InlineData(3.0, 1.9952623149688795)]
    public void KnownPairs(double db, double linear)
    {
        Assert.Equal(linear, Decibel.ToLinear(db), linear * 1e-14);
        Assert.Equal(db, Decibel.FromLinear(linear), 1e-13);
    }

    [Fact]
    public void RoundTripsOverTheWorkingRange()
    {
        for (double db = -150; db <= 150; db += 0.37)
            Assert.Equal(db, Decibel.FromLinear(Decibel.ToLinear(db)), 1e-11);
    }

    [Fact]
    public void ZeroPowerIsMinusInfinityDecibels() => Assert.Equal(double.NegativeInfinity, Decibel.FromLinear(0));
}

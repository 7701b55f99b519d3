using PhyToolkit.Channels.OverTheAir;

namespace PhyToolkit.Channels.Tests.OverTheAir;

public class LinkHardwareTests
{
    [Fact]
    public void NonFiniteNoiseIsRefusedNamingIt() =>
        Assert.Equal("noiseStd", Assert.Throws<ArgumentOutOfRangeException>(() => new LinkHardware(1, double.NaN)).ParamName);
}

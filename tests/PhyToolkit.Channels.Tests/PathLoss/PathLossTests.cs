using PhyToolkit.Channels.PathLoss;

namespace PhyToolkit.Channels.Tests.PathLoss;

public class PathLossTests
{
    [Fact]
    public void LogDistanceReferenceValues()
    {
        var pl = new LogDistancePathLoss(3, 1, 40);
        Assert.Equal(40.0, pl.LossDb(1), 1e-12);
        Assert.Equal(70.0, pl.LossDb(10), 1e-12);     // +10 n dB per decade
        Assert.Equal(1e-7, pl.GainLinear(10), 1e-19);
    }

    [Fact]
    public void HataReferenceValues()
    {
        // hand evaluation of COST-231-Hata at f = 2000 MHz, hb = 30 m, hm = 1.5 m, C = 0:
        // a(hm) = (1.1*3.30103 - 0.7)*1.5 - (1.56*3.30103 - 0.8) = 0.047093;
        // L(1 km) = 46.3 + 33.9*3.30103 - 13.82*1.477121 - 0.047093 = 137.7440 dB; slope 44.9 - 6.55*1.477121 = 35.2249 dB/decade
        var pl = new HataPathLoss();
        Assert.Equal(137.7440, pl.LossDb(1000), 1e-3);   // 4 significant decimals of the hand computation
        Assert.Equal(137.7440 + 35.2249, pl.LossDb(10_000), 1e-3);
    }

    [Fact]
    public void NegativeDistanceIsRefusedNamingIt() =>
        Assert.Equal("distanceMeters", Assert.Throws<ArgumentOutOfRangeException>(() => new HataPathLoss().LossDb(-5)).ParamName);
}

using PhyToolkit.Channels.ErrorRates;
using PhyToolkit.Channels.Fading;
using PhyToolkit.Channels.Modulation;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Modulation;

public class PskLinkTests
{
    [Theory]
    [InlineData(1, FadingKind.None, 4.0)]
    [InlineData(2, FadingKind.None, 4.0)]
    [InlineData(1, FadingKind.Rayleigh, 10.0)]
    [InlineData(2, FadingKind.Rayleigh, 10.0)]
    public void SimulatedBitErrorRateAgreesWithTheClosedForm(int bitsPerSymbol, FadingKind fading, double ebN0Db)
    {
        var link = new PskLink(bitsPerSymbol, fading, ebN0Db);
        var rng = new Xoshiro256StarStar(20261203UL + (ulong)bitsPerSymbol);
        const int symbols = 200_000;
        long errors = link.CountBitErrors(symbols, ref rng);
        long bits = (long)symbols * bitsPerSymbol;
        double g = Math.Pow(10, ebN0Db / 10);
        double p = fading == FadingKind.None ? BitErrorRate.BpskAwgn(g) : BitErrorRate.BpskRayleigh(g);
        // Binomial standard error; 5σ keeps a correct link from failing while a 10 % bias (≥ 7σ here) fails.
        double sigma = Math.Sqrt(p * (1 - p) / bits);
        Assert.InRange((double)errors / bits, p - 5 * sigma, p + 5 * sigma);
    }

    [Fact]
    public void NoiseVarianceIsPerComplexSymbolAtUnitSymbolEnergy()
    {
        Assert.Equal(1 / Math.Pow(10, 0.3), new PskLink(1, FadingKind.None, 3).NoiseVariance, 1e-15);
        Assert.Equal(1 / (2 * Math.Pow(10, 0.3)), new PskLink(2, FadingKind.Rayleigh, 3).NoiseVariance, 1e-15);
    }

    [Fact]
    public void SameSeedSameErrors()
    {
        var link = new PskLink(2, FadingKind.Rayleigh, 5);
        var a = new Xoshiro256StarStar(7);
        var b = new Xoshiro256StarStar(7);
        Assert.Equal(link.CountBitErrors(10_000, ref a), link.CountBitErrors(10_000, ref b));
    }

    [Fact]
    public void BadSettingsNameTheParameter()
    {
        Assert.Equal("bitsPerSymbol", Assert.Throws<ArgumentOutOfRangeException>(() => new PskLink(3, FadingKind.None, 0)).ParamName);
        Assert.Equal("fading", Assert.Throws<ArgumentOutOfRangeException>(() => new PskLink(1, FadingKind.Rician, 0)).ParamName);
        Assert.Equal("ebN0Db", Assert.Throws<ArgumentOutOfRangeException>(() => new PskLink(1, FadingKind.None, double.NaN)).ParamName);
    }
}

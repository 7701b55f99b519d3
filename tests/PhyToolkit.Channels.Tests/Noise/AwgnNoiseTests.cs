using PhyToolkit.Channels.Noise;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Noise;

public class AwgnNoiseTests
{
    [Fact]
    public void AwgnFromSnrAndEmpiricalVariance()
    {
        double sigma = AwgnNoise.NoiseStdFromSnrDb(10, 2, 0.5);
        Assert.Equal(Math.Sqrt(0.5 * 4 / 10), sigma, 1e-14);
        var x = new double[100_000];
        var rng = new Xoshiro256StarStar(3);
        AwgnNoise.Add(x, sigma, ref rng);
        double v = x.Sum(t => t * t) / x.Length;
        // sample variance of a Gaussian: relative SE sqrt(2/n) = 0.45%; allow 4 SE
        Assert.InRange(v / (sigma * sigma), 1 - 4 * Math.Sqrt(2.0 / x.Length), 1 + 4 * Math.Sqrt(2.0 / x.Length));
    }

    [Fact]
    public void NonFiniteSnrIsRefusedNamingIt() =>
        Assert.Equal("snrDb", Assert.Throws<ArgumentOutOfRangeException>(() => AwgnNoise.NoiseStdFromSnrDb(double.NaN, 1)).ParamName);
}

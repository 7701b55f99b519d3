using PhyToolkit.Learning.PhysicsInformed;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

public class PosteriorPredictiveTests
{
    // Hand case: reference 0 inside [−1, 1]; 1 below [1.5, 2]; 2 on the closed edge of [2, 2]; 3 above [2.5, 2.9]:
    // coverage 2/4; widths 2, 0.5, 0, 0.4 → mean 0.725 (exact in binary to 1e-15).
    [Fact]
    public void CoverageAndWidthOfAHandCase()
    {
        double[] reference = [0, 1, 2, 3], lower = [-1, 1.5, 2, 2.5], upper = [1, 2, 2, 2.9];
        Assert.Equal(0.5, PosteriorPredictive.Coverage(reference, lower, upper));
        Assert.Equal(0.725, PosteriorPredictive.MeanWidth(lower, upper), 14);
    }

    // Type-7 quantiles of 1…5: the 25 % and 75 % points sit exactly on order statistics 2 and 4; the 95 % interval
    // interpolates: positions 0.1 and 3.9 → 1.1 and 4.9.
    [Fact]
    public void QuantileIntervalInterpolatesOrderStatistics()
    {
        double[] s = [5, 3, 1, 4, 2];
        Assert.Equal((2.0, 4.0), PosteriorPredictive.QuantileInterval(s, 0.5));
        var (lo, hi) = PosteriorPredictive.QuantileInterval(s);
        Assert.Equal(1.1, lo, 12);
        Assert.Equal(4.9, hi, 12);
    }

    // Bands from two samples θ1, θ2: mean = (G1 + G2)/2, sd = |G1 − G2|/√2 (n − 1 = 1), interval mean ± 1.959964 sd.
    [Fact]
    public void BandsAreTheSampleMeanAndNormalIntervalOfThePredictions()
    {
        var net = new DeepONet(new DeepONetOptions { Sensors = 4, HiddenWidth = 6, HiddenLayers = 1, Latent = 3, FourierFeatures = 1 }, 1);
        var t1 = net.InitialParameters(2);
        var t2 = net.InitialParameters(3);
        double[] sensors = [0.1, 0.5, -0.2, 0.3];
        double[] coords = [0.1, 0.2, 0.7, 0.9];
        var g1 = net.Predict(t1, sensors, coords);
        var g2 = net.Predict(t2, sensors, coords);
        var b = PosteriorPredictive.Bands(net, [.. t1, .. t2], net.ParameterCount, sensors, coords);
        Assert.Equal(2, b.Samples);
        for (int i = 0; i < 2; i++)
        {
            double mean = (g1[i] + g2[i]) / 2, sd = Math.Abs(g1[i] - g2[i]) / Math.Sqrt(2);
            Assert.Equal(mean, b.Mean[i], 12);
            Assert.Equal(sd, b.StandardDeviation[i], 12);
            Assert.Equal(mean - 1.959963984540054 * sd, b.Lower[i], 10);
            Assert.Equal(mean + 1.959963984540054 * sd, b.Upper[i], 10);
        }
        Assert.Equal(1.0, b.Coverage(b.Mean));
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<ArgumentException>(() => PosteriorPredictive.Coverage([1, 2], [0], [3]));
        Assert.Throws<ArgumentException>(() => PosteriorPredictive.MeanWidth([1], [0]));
        Assert.Throws<ArgumentException>(() => PosteriorPredictive.QuantileInterval([]));
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => PosteriorPredictive.QuantileInterval([1.0], 1.0)).ParamName);
        Assert.Throws<ArgumentException>(() => PosteriorPredictive.RelativeL2([1, 2], [0, 0]));
        var net = new DeepONet(new DeepONetOptions { Sensors = 4, HiddenWidth = 6, HiddenLayers = 1, Latent = 3, FourierFeatures = 1 }, 1);
        var e = Assert.Throws<ArgumentException>(() => net.Predict(net.InitialParameters(1), [1.0, 2, 3], [0.1, 0.2]));
        Assert.Equal("sensors", e.ParamName);
    }
}

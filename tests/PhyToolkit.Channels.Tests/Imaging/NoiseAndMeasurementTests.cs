using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Imaging;

public class NoiseAndMeasurementTests
{
    [Theory]
    [InlineData(0.05, ScaleConvention.SignedUnit, 0.05)]
    [InlineData(0.05, ScaleConvention.Unit, 0.10)]
    public void GaussianNoiseHasTheStatedStdOnTheSignedScale(double sigma, ScaleConvention convention, double expectedStd)
    {
        var noise = new GaussianNoise(sigma, convention);
        Assert.Equal(expectedStd, noise.StdOnSignedScale, 15);
        const int n = 200_000;
        var y = new double[n];
        var rng = new Xoshiro256StarStar(4);
        noise.Corrupt(y, ref rng);
        double var = 0;
        foreach (double v in y) var += v * v;
        var /= n;
        // relative std of a variance estimate is sqrt(2/n) ≈ 0.0032; test at 5 of those
        Assert.True(Math.Abs(var / (expectedStd * expectedStd) - 1) < 5 * Math.Sqrt(2.0 / n), $"var={var}");
    }

    [Fact]
    public void PoissonNoiseHasPoissonMomentsOnTheUnitScale()
    {
        // u = 0.5 ([-1,1] value 0), λ = 80 photons: counts ~ Poisson(40); on [0,1] mean 0.5, variance 0.5/80.
        var noise = new PoissonNoise(80);
        const int n = 100_000;
        var y = new double[n];
        var rng = new Xoshiro256StarStar(9);
        noise.Corrupt(y, ref rng);
        double mean = 0, m2 = 0;
        foreach (double v in y) { double u = (v + 1) / 2; mean += u; m2 += u * u; }
        mean /= n;
        double var = m2 / n - mean * mean;
        double sd = Math.Sqrt(0.5 / 80);
        Assert.True(Math.Abs(mean - 0.5) < 5 * sd / Math.Sqrt(n), $"mean={mean}");
        Assert.True(Math.Abs(var / (sd * sd) - 1) < 5 * Math.Sqrt(2.0 / n), $"var={var}");
    }

    [Fact]
    public void NegativeSigmaIsRefused() =>
        Assert.Contains("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-0.01)).Message);

    [Fact]
    public void MeasurementIsReproducibleFromItsSeedAndResidualAtTruthIsSigma()
    {
        var shape = new ImageShape(32, 32);
        var op = new Convolution2D(shape, BlurKernels.Gaussian(5, 1), 5, 5);
        var truth = ImagingTestData.Gaussian(shape.Length, 3);
        var noise = new GaussianNoise(0.05);
        var m1 = Measurement.Create(op, truth, noise, 42);
        var m2 = Measurement.Create(op, truth, noise, 42);
        var m3 = Measurement.Create(op, truth, noise, 43);
        Assert.True(m1.Y.SequenceEqual(m2.Y));
        Assert.False(m1.Y.SequenceEqual(m3.Y));
        // residual² · m ~ σ² χ²_m: relative std of the residual ≈ 1/sqrt(2m) = 0.0156; test at 5 of those
        double res = ImageMetrics.MeasurementResidual(op, truth, m1.Y);
        Assert.True(Math.Abs(res / 0.05 - 1) < 5 / Math.Sqrt(2.0 * shape.Length), $"residual={res}");
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Learning.PhysicsInformed;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

public class PeriodicGaussianRandomFieldTests
{
    [Fact]
    public void SameSeedSameFunctionPeakOneAndPeriodic()
    {
        var field = new PeriodicGaussianRandomField();
        var a = new double[128]; var b = new double[128];
        var ca = new double[32];
        var r1 = new Xoshiro256StarStar(11); var r2 = new Xoshiro256StarStar(11);
        field.Sample(ref r1, a, ca);
        field.Sample(ref r2, b);
        Assert.Equal(a, b);
        Assert.Equal(1.0, a.Max(Math.Abs), 14);
        for (int j = 0; j < 128; j += 17)
        {
            Assert.Equal(a[j], field.Evaluate(ca, j / 128.0), 12);
            Assert.Equal(field.Evaluate(ca, 0.3), field.Evaluate(ca, 1.3), 12);
        }
        var c = new double[128];
        field.Sample(ref r1, c); // the stream moved on: a different function
        Assert.NotEqual(a, c);
    }

    // Without rescaling a_k ~ N(0, (4π²k² + 25)^{−2}). The sample variance over n draws has relative standard error
    // √(2/(n−1)) ≈ 0.022 at n = 4000; ±4 standard errors.
    [Fact]
    public void RawCoefficientsHaveTheStatedSpectrum()
    {
        var field = new PeriodicGaussianRandomField(modes: 4, peakAmplitude: null);
        var rng = new Xoshiro256StarStar(3);
        const int n = 4000;
        var sumSq = new double[8];
        var coeffs = new double[8];
        var values = new double[16];
        for (int i = 0; i < n; i++)
        {
            field.Sample(ref rng, values, coeffs);
            for (int q = 0; q < 8; q++) sumSq[q] += coeffs[q] * coeffs[q];
        }
        for (int q = 0; q < 8; q++)
        {
            int k = q / 2 + 1;
            double variance = Math.Pow(4 * Math.PI * Math.PI * k * k + 25, -2);
            Assert.InRange(sumSq[q] / n / variance, 1 - 4 * Math.Sqrt(2.0 / n), 1 + 4 * Math.Sqrt(2.0 / n));
        }
    }
}

using PhyToolkit.Core.LinearAlgebra;
using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Privacy;

namespace PhyToolkit.Learning.Tests.Privacy;

public class MechanismTests
{
    [Fact]
    public void ClippingBoundsTheNormAndKeepsTheDirection()
    {
        double[] g = [3, 4];
        Assert.Equal(5, PerSampleClipper.Clip(g, 1));
        Assert.Equal(0.6, g[0], 1e-15); Assert.Equal(0.8, g[1], 1e-15);
        double[] small = [0.3, 0.4];
        PerSampleClipper.Clip(small, 1);
        Assert.Equal([0.3, 0.4], small);
        var sum = new double[2];
        PerSampleClipper.ClipAndAccumulate([0, 10], 2, sum);
        PerSampleClipper.ClipAndAccumulate([0.5, 0], 2, sum);
        Assert.Equal([0.5, 2.0], sum);
        Assert.True(VectorOps.Norm(g) <= 1 + 1e-15);
    }

    [Fact]
    public void GaussianNoiseHasVarianceSigmaTimesSensitivitySquared()
    {
        // n = 200 000 draws: the sample variance has relative standard error √(2/n) ≈ 0.0032; test at 4 SE
        const int n = 200_000;
        var v = new double[n];
        var rng = new Xoshiro256StarStar(17);
        GaussianMechanism.AddNoise(v, 1.5, 0.4, ref rng);
        double mean = 0, m2 = 0;
        foreach (double x in v) mean += x / n;
        foreach (double x in v) m2 += (x - mean) * (x - mean) / (n - 1);
        Assert.Equal(0.36, m2, 0.36 * 4 * Math.Sqrt(2.0 / n));
        Assert.Equal(0, mean, 4 * 0.6 / Math.Sqrt(n));
    }
}

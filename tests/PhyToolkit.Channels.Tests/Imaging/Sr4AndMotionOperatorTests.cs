using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.Random;
using static PhyToolkit.Channels.Tests.Imaging.ImagingTestData;

namespace PhyToolkit.Channels.Tests.Imaging;

/// <summary>The operators of the inverse-imaging tasks sr4, sr4-bicubic and motion-deblur at the scenario's 16×16 size.</summary>
public class Sr4AndMotionOperatorTests
{
    private static readonly ImageShape Shape = new(16, 16);

    [Fact]
    public void Sr4PoolsFourByFourBlocksIntoAFourByFourImage()
    {
        var op = new AveragePooling(Shape, 4);
        Assert.Equal(new ImageShape(4, 4), op.OutputShape);
        Assert.Equal(1.0 / 16, op.LipschitzSquared);
        // pixel (r, c) = r·16 + c: block (i, j) averages rows 4i..4i+3 and columns 4j..4j+3, mean (4i + 1.5)·16 + 4j + 1.5
        var x = Enumerable.Range(0, 256).Select(i => (double)i).ToArray();
        var y = new double[16];
        op.Apply(x, y);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) Assert.Equal((4 * i + 1.5) * 16 + 4 * j + 1.5, y[i * 4 + j], 12);
    }

    [Fact]
    public void Sr4BicubicKeepsConstantsAndItsAdjointHolds()
    {
        var op = new BicubicDownscale(Shape, 4);
        Assert.Equal(new ImageShape(4, 4), op.OutputShape);
        var y = new double[16];
        op.Apply(Enumerable.Repeat(0.3, 256).ToArray(), y);
        foreach (double v in y) Assert.Equal(0.3, v, 12); // taps sum to 1
        var x = Gaussian(256, 1);
        var w = Gaussian(16, 2);
        var ax = new double[16];
        var atw = new double[256];
        op.Apply(x, ax);
        op.Adjoint(w, atw);
        Assert.Equal(Dot(ax, w), Dot(x, atw), 10);
    }

    [Fact]
    public void MotionLineKernelIsNormalizedNonNegativeAndALineThroughTheCentre()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var rng = new Xoshiro256StarStar(seed);
            double[] k = BlurKernels.MotionLine(7, ref rng);
            Assert.Equal(49, k.Length);
            Assert.Equal(1.0, k.Sum(), 12);
            Assert.All(k, v => Assert.True(v >= 0));
            Assert.True(k[3 * 7 + 3] > 0, $"seed {seed}: the centre tap is on the line");
            // the taps lie on a line through the centre: every tap within 1 pixel of the line to the farthest tap
            var taps = Enumerable.Range(0, 49).Where(i => k[i] > 0).Select(i => (A: i / 7 - 3.0, B: i % 7 - 3.0)).ToList();
            Assert.True(taps.Count >= 3, $"seed {seed}: a line of length ≥ 3.5 px covers ≥ 3 pixels, got {taps.Count}");
            var far = taps.MaxBy(t => t.A * t.A + t.B * t.B);
            double norm = Math.Sqrt(far.A * far.A + far.B * far.B);
            foreach (var t in taps) Assert.True(Math.Abs(t.A * far.B - t.B * far.A) / norm <= 1.0, $"seed {seed}: tap ({t.A}, {t.B}) off the line");
        }
    }

    [Fact]
    public void MotionKernelsAreSeededAndDifferAcrossSeeds()
    {
        var r1 = new Xoshiro256StarStar(5);
        var r2 = new Xoshiro256StarStar(5);
        var r3 = new Xoshiro256StarStar(6);
        double[] a = BlurKernels.MotionLine(7, ref r1), b = BlurKernels.MotionLine(7, ref r2), c = BlurKernels.MotionLine(7, ref r3);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void MotionBlurWithReflectBoundaryKeepsAConstantImage()
    {
        var rng = new Xoshiro256StarStar(11);
        var op = new Convolution2D(Shape, BlurKernels.MotionLine(7, ref rng), 7, 7, BoundaryMode.Reflect);
        var y = new double[256];
        op.Apply(Enumerable.Repeat(-0.4, 256).ToArray(), y);
        foreach (double v in y) Assert.Equal(-0.4, v, 12);
    }
}

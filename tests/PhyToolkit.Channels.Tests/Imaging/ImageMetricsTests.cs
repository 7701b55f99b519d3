using PhyToolkit.Channels.Imaging;

namespace PhyToolkit.Channels.Tests.Imaging;

public class ImageMetricsTests
{
    [Fact]
    public void PsnrOfAConstantOffsetIsTheClosedForm()
    {
        // truth −1 ([0,1]: 0), estimate 0 ([0,1]: 0.5): MSE = 0.25, PSNR = 10·log10(4).
        var truth = Enumerable.Repeat(-1.0, 20).ToArray();
        var est = new double[20];
        Assert.Equal(10 * Math.Log10(4), ImageMetrics.PsnrDb(est, truth), 12);
        // clamping: an estimate of −3 counts as −1
        Assert.True(double.IsPositiveInfinity(ImageMetrics.PsnrDb(Enumerable.Repeat(-3.0, 20).ToArray(), truth)));
    }

    [Fact]
    public void SsimOfAnImageWithItselfIsOne()
    {
        var shape = new ImageShape(9, 11);
        var x = ImagingTestData.Gaussian(shape.Length, 1).Select(v => Math.Tanh(v)).ToArray();
        Assert.Equal(1.0, ImageMetrics.Ssim(x, x, shape), 14);
    }

    [Fact]
    public void SsimOfConstantImagesIsTheLuminanceTerm()
    {
        // zero variances: S = (2ab + C1)/(a² + b² + C1) · C2/C2 (Wang et al. 2004, eq. 13), C1 = 1e-4.
        var shape = new ImageShape(8, 8);
        double a = 0.2, b = 0.6, c1 = 1e-4;
        var x = Enumerable.Repeat(a, 64).ToArray();
        var y = Enumerable.Repeat(b, 64).ToArray();
        // 10 digits: E[x²] − E[x]² of a constant leaves ~1e-17 of round-off next to C2 = 9e-4 in each window
        Assert.Equal((2 * a * b + c1) / (a * a + b * b + c1), ImageMetrics.SsimUnit(x, y, shape), 10);
    }

    [Fact]
    public void SsimMatchesIndependentReference()
    {
        // Reference 0.9522355442608598 printed by Data/ssim_reference.py, a pure-Python transcription of scikit-image's
        // structural_similarity defaults (see Data/README.md); same two 12×10 test images, built here identically.
        const int h = 12, w = 10;
        var a = new double[h * w];
        var b = new double[h * w];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                a[i * w + j] = ((i * 7 + j * 3) % 11) / 10.0;
                b[i * w + j] = Math.Clamp(a[i * w + j] + 0.15 * Math.Sin(i + 2 * j) - 0.05, 0, 1);
            }
        Assert.Equal(0.9522355442608598, ImageMetrics.SsimUnit(a, b, new ImageShape(h, w)), 12);
    }

    [Fact]
    public void SsimRefusesImagesSmallerThanTheWindow() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageMetrics.SsimUnit(new double[36], new double[36], new ImageShape(6, 6)));
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging;

/// <summary>Blur kernels of the deblurring tasks (docs/inverse-imaging.md, [proposal]), normalized to sum 1.</summary>
public static class BlurKernels
{
    /// <summary>Sampled isotropic Gaussian <c>K[a,b] ∝ exp(−((a−r)² + (b−r)²)/(2σ²))</c> on a size×size grid.</summary>
    /// <param name="size">Odd side, ≥ 1 (the suite uses 5).</param>
    /// <param name="sigmaPixels">Standard deviation in pixels, &gt; 0 (the suite uses 1.0).</param>
    public static double[] Gaussian(int size, double sigmaPixels)
    {
        CheckSize(size);
        Guard.Positive(sigmaPixels, nameof(sigmaPixels));
        var k = new double[size * size];
        int r = size / 2;
        for (int a = 0; a < size; a++)
            for (int b = 0; b < size; b++)
                k[a * size + b] = Math.Exp(-((a - r) * (a - r) + (b - r) * (b - r)) / (2 * sigmaPixels * sigmaPixels));
        return Normalized(k);
    }

    /// <summary>
    /// A random straight motion-blur line through the centre: direction uniform in [0, π), length uniform in
    /// [size/2, size] pixels, rasterized with 8× supersampling (our stand-in for the paper code's motionblur generator,
    /// whose random-walk kernels are not reproduced).
    /// </summary>
    /// <param name="size">Odd side, ≥ 3 (the suite uses 7).</param>
    /// <param name="rng">Seeded generator (advanced).</param>
    public static double[] MotionLine(int size, ref Xoshiro256StarStar rng)
    {
        CheckSize(size);
        if (size < 3) throw new ArgumentOutOfRangeException(nameof(size), size, $"size = {size}; allowed: an odd integer >= 3.");
        double angle = rng.NextDouble() * Math.PI;
        double length = rng.NextDouble(size / 2.0, size);
        var k = new double[size * size];
        int r = size / 2, samples = 8 * size;
        for (int s = 0; s <= samples; s++)
        {
            double t = (s / (double)samples - 0.5) * (length - 1);
            int a = (int)Math.Round(r + t * Math.Sin(angle)), b = (int)Math.Round(r + t * Math.Cos(angle));
            if ((uint)a < (uint)size && (uint)b < (uint)size) k[a * size + b] += 1;
        }
        return Normalized(k);
    }

    private static void CheckSize(int size)
    {
        if (size < 1 || size % 2 == 0) throw new ArgumentOutOfRangeException(nameof(size), size, $"size = {size}; allowed: an odd integer >= 1.");
    }

    private static double[] Normalized(double[] k)
    {
        double sum = 0;
        foreach (double v in k) sum += v;
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }
}

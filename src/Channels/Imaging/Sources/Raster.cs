using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging.Sources;

/// <summary>Shared rendering steps of the generators: 4× supersampling with box down-sampling and a light Gaussian blur.</summary>
internal static class Raster
{
    public const int Supersampling = 4;

    public static Xoshiro256StarStar Stream(ulong seed, long index) => new(SeedMixer.Mix(seed, (ulong)index));

    /// <summary>Box-averages a (4H)×(4W) coverage grid into H×W.</summary>
    public static void BoxDown(ReadOnlySpan<double> fine, ImageShape shape, Span<double> image)
    {
        int s = Supersampling, wf = shape.Width * s;
        for (int r = 0; r < shape.Height; r++)
            for (int c = 0; c < shape.Width; c++)
            {
                double sum = 0;
                for (int a = 0; a < s; a++)
                    for (int b = 0; b < s; b++) sum += fine[(r * s + a) * wf + c * s + b];
                image[r * shape.Width + c] = sum / (s * s);
            }
    }

    /// <summary>Blurs in place with a sampled Gaussian (5×5 or smaller, reflect boundary).</summary>
    public static void Blur(Span<double> image, ImageShape shape, double sigmaPixels)
    {
        int size = Math.Min(5, Math.Min(shape.Height, shape.Width) | 1);
        if (size > Math.Min(shape.Height, shape.Width)) size -= 2;
        if (size < 3) return;
        var conv = new Convolution2D(shape, BlurKernels.Gaussian(size, sigmaPixels), size, size, BoundaryMode.Reflect);
        var copy = image.ToArray();
        conv.Apply(copy, image);
    }

    /// <summary>Maps a [0, 1] coverage to [-1, 1].</summary>
    public static void ToSigned(Span<double> image)
    {
        for (int i = 0; i < image.Length; i++) image[i] = Math.Clamp(2 * image[i] - 1, -1, 1);
    }
}

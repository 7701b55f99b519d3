using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging.Sources;

/// <summary>
/// MNIST-like digits 0–9 drawn from a built-in polyline skeleton font (docs/inverse-imaging.md, [proposal]): a
/// random digit, a random affine jitter (rotation ±15°, scale 0.85–1.1, shear ±0.2, shift ±1.5 px), a stroke of width
/// 1.2–2.2 px rendered at 4× and box-down-sampled, then a Gaussian blur of 0.5 px. Background −1, stroke +1.
/// </summary>
public sealed class StrokeDigits : IImageSource
{
    // Skeletons on the unit box (x right, y down), one polyline per digit; our own drawing.
    private static readonly double[][] Skeletons =
    [
        [0.5, 0, 0.85, 0.12, 1, 0.5, 0.85, 0.88, 0.5, 1, 0.15, 0.88, 0, 0.5, 0.15, 0.12, 0.5, 0],
        [0.25, 0.2, 0.6, 0, 0.6, 1],
        [0.05, 0.2, 0.3, 0, 0.7, 0, 0.95, 0.25, 0.9, 0.45, 0.05, 1, 1, 1],
        [0.05, 0.1, 0.4, 0, 0.85, 0.1, 0.9, 0.3, 0.45, 0.5, 0.9, 0.7, 0.85, 0.9, 0.4, 1, 0.05, 0.9],
        [0.7, 1, 0.7, 0, 0, 0.7, 1, 0.7],
        [0.95, 0, 0.15, 0, 0.1, 0.45, 0.6, 0.4, 0.95, 0.6, 0.9, 0.9, 0.5, 1, 0.05, 0.9],
        [0.85, 0.05, 0.45, 0, 0.1, 0.35, 0.05, 0.75, 0.3, 1, 0.75, 0.95, 0.95, 0.7, 0.7, 0.5, 0.3, 0.5, 0.07, 0.65],
        [0, 0, 1, 0, 0.35, 1],
        [0.5, 0.5, 0.15, 0.3, 0.2, 0.05, 0.5, 0, 0.8, 0.05, 0.85, 0.3, 0.5, 0.5, 0.1, 0.72, 0.2, 0.95, 0.5, 1, 0.8, 0.95, 0.9, 0.72, 0.5, 0.5],
        [0.93, 0.35, 0.7, 0.5, 0.3, 0.5, 0.05, 0.3, 0.25, 0.02, 0.7, 0, 0.93, 0.35, 0.85, 0.7, 0.5, 1, 0.15, 0.95],
    ];

    /// <summary>Builds the source.</summary>
    /// <param name="shape">Image shape, both sides ≥ 8 (16×16 default, 28×28 optional).</param>
    /// <param name="seed">Seed of the stream.</param>
    public StrokeDigits(ImageShape shape, ulong seed)
    {
        shape.Validated(nameof(shape));
        if (shape.Height < 8 || shape.Width < 8)
            throw new ArgumentOutOfRangeException(nameof(shape), shape, $"shape = {shape}; allowed: both sides >= 8.");
        Shape = shape;
        Seed = seed;
    }

    /// <inheritdoc />
    public ImageShape Shape { get; }

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <summary>The digit drawn for image <paramref name="index"/>.</summary>
    public int DigitOf(long index)
    {
        var rng = Raster.Stream(Seed, index);
        return rng.NextInt(10);
    }

    /// <inheritdoc />
    public void Render(long index, Span<double> image)
    {
        Guard.Length(image.Length, Shape.Length, nameof(image));
        var rng = Raster.Stream(Seed, index);
        RenderFrom(ref rng, Shape, image);
    }

    /// <summary>Draws one digit image from <paramref name="rng"/> (first draw: the digit).</summary>
    internal static void RenderFrom(ref Xoshiro256StarStar rng, ImageShape shape, Span<double> image)
    {
        int digit = rng.NextInt(10);
        double angle = rng.NextDouble(-15, 15) * Math.PI / 180;
        double scale = rng.NextDouble(0.85, 1.1);
        double shear = rng.NextDouble(-0.2, 0.2);
        double dx = rng.NextDouble(-1.5, 1.5), dy = rng.NextDouble(-1.5, 1.5);
        double width = rng.NextDouble(1.2, 2.2);

        double gh = 0.68 * shape.Height, gw = 0.42 * shape.Width;
        double cx = shape.Width / 2.0 + dx, cy = shape.Height / 2.0 + dy;
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        double[] skel = Skeletons[digit];
        int points = skel.Length / 2;
        var px = new double[points];
        var py = new double[points];
        for (int p = 0; p < points; p++)
        {
            double u = (skel[2 * p] - 0.5) * gw, v = (skel[2 * p + 1] - 0.5) * gh;
            u += shear * v;
            u *= scale; v *= scale;
            px[p] = cx + cos * u - sin * v;
            py[p] = cy + sin * u + cos * v;
        }

        int s = Raster.Supersampling, hf = shape.Height * s, wf = shape.Width * s;
        var fine = new double[hf * wf];
        double half2 = width * width / 4;
        for (int r = 0; r < hf; r++)
            for (int c = 0; c < wf; c++)
            {
                double x = (c + 0.5) / s, y = (r + 0.5) / s;
                double best = double.MaxValue;
                for (int p = 0; p + 1 < points; p++) best = Math.Min(best, SegmentDistance2(x, y, px[p], py[p], px[p + 1], py[p + 1]));
                fine[r * wf + c] = best <= half2 ? 1 : 0;
            }
        Raster.BoxDown(fine, shape, image);
        Raster.Blur(image, shape, 0.5);
        Raster.ToSigned(image);
    }

    private static double SegmentDistance2(double x, double y, double ax, double ay, double bx, double by)
    {
        double ux = bx - ax, uy = by - ay, len2 = ux * ux + uy * uy;
        double t = len2 > 0 ? Math.Clamp(((x - ax) * ux + (y - ay) * uy) / len2, 0, 1) : 0;
        double ex = ax + t * ux - x, ey = ay + t * uy - y;
        return ex * ex + ey * ey;
    }
}

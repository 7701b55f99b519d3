using PhyToolkit.Core.Random;
namespace PhyToolkit.Channels.Imaging.Sources;

/// <summary>
/// Piecewise-constant scenes (docs/inverse-imaging.md, [proposal]): 1–3 filled discs, ellipses, rectangles or
/// triangles with random intensities in [-0.2, 1] on a smooth linear background gradient (level in [-0.9, -0.3],
/// slopes ±0.3 across the image), painted in order at 4× and box-down-sampled. A TV-friendly control.
/// </summary>
public sealed class Shapes : SeededImageSource
{
    /// <summary>Builds the source.</summary>
    /// <param name="shape">Image shape (≥ 1×1).</param>
    /// <param name="seed">Seed of the stream.</param>
    public Shapes(ImageShape shape, ulong seed) : base(shape, seed)
    {
    }

    /// <inheritdoc />
    protected override void Draw(ref Xoshiro256StarStar rng, Span<double> image)
    {
        int h = Shape.Height, w = Shape.Width, s = Raster.Supersampling;
        double level = rng.NextDouble(-0.9, -0.3), gx = rng.NextDouble(-0.3, 0.3), gy = rng.NextDouble(-0.3, 0.3);
        var fine = new double[h * s * w * s];
        for (int r = 0; r < h * s; r++)
            for (int c = 0; c < w * s; c++)
                fine[r * w * s + c] = level + gx * ((c + 0.5) / (w * s) - 0.5) + gy * ((r + 0.5) / (h * s) - 0.5);

        int count = 1 + rng.NextInt(3);
        for (int k = 0; k < count; k++)
        {
            int kind = rng.NextInt(4);
            double value = rng.NextDouble(-0.2, 1);
            double cx = rng.NextDouble(0.2, 0.8) * w, cy = rng.NextDouble(0.2, 0.8) * h;
            double a = rng.NextDouble(0.12, 0.3) * w, b = rng.NextDouble(0.12, 0.3) * h, theta = rng.NextDouble(0, Math.PI);
            // triangle vertices around the centre
            double t0 = rng.NextDouble(0, 2 * Math.PI);
            double[] tx = new double[3], ty = new double[3];
            for (int v = 0; v < 3; v++) { tx[v] = cx + a * 1.3 * Math.Cos(t0 + v * 2 * Math.PI / 3); ty[v] = cy + b * 1.3 * Math.Sin(t0 + v * 2 * Math.PI / 3); }
            double cos = Math.Cos(theta), sin = Math.Sin(theta);
            for (int r = 0; r < h * s; r++)
                for (int c = 0; c < w * s; c++)
                {
                    double x = (c + 0.5) / s, y = (r + 0.5) / s;
                    double u = cos * (x - cx) + sin * (y - cy), v = -sin * (x - cx) + cos * (y - cy);
                    bool inside = kind switch
                    {
                        0 => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= a * a,
                        1 => u * u / (a * a) + v * v / (b * b) <= 1,
                        2 => Math.Abs(u) <= a && Math.Abs(v) <= b,
                        _ => InTriangle(x, y, tx, ty),
                    };
                    if (inside) fine[r * w * s + c] = value;
                }
        }
        Raster.BoxDown(fine, Shape, image);
        for (int i = 0; i < image.Length; i++) image[i] = Math.Clamp(image[i], -1, 1);
    }

    private static bool InTriangle(double x, double y, double[] tx, double[] ty)
    {
        double d0 = Cross(x, y, tx[0], ty[0], tx[1], ty[1]), d1 = Cross(x, y, tx[1], ty[1], tx[2], ty[2]), d2 = Cross(x, y, tx[2], ty[2], tx[0], ty[0]);
        bool neg = d0 < 0 || d1 < 0 || d2 < 0, pos = d0 > 0 || d1 > 0 || d2 > 0;
        return !(neg && pos);
        static double Cross(double px, double py, double ax, double ay, double bx, double by) => (px - bx) * (ay - by) - (ax - bx) * (py - by);
    }
}

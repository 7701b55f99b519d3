using System.Numerics;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging.Sources;

/// <summary>
/// A periodic Gaussian random field with power spectrum <c>P(k) ∝ (1 + k²)^(−2)</c>, k the spatial frequency magnitude
/// in cycles per image side (docs/inverse-imaging.md, [proposal]), made by filtering white noise in the 2-D DFT,
/// then centred and scaled so that its largest magnitude is 1. Band-limited already, so it is drawn at the image
/// resolution (no supersampling).
/// </summary>
public sealed class SmoothField : SeededImageSource
{
    /// <summary>Builds the source.</summary>
    /// <param name="shape">Image shape (≥ 1×1).</param>
    /// <param name="seed">Seed of the stream.</param>
    public SmoothField(ImageShape shape, ulong seed) : base(shape, seed)
    {
    }

    /// <inheritdoc />
    protected override void Draw(ref Xoshiro256StarStar rng, Span<double> image)
    {
        int h = Shape.Height, w = Shape.Width;
        var grid = new Complex[h * w];
        for (int i = 0; i < grid.Length; i++) grid[i] = rng.NextGaussian();
        Fft2D.Forward(grid, h, w);
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                double fr = r <= h / 2 ? r : r - h, fc = c <= w / 2 ? c : c - w;
                double k2 = fr * fr + fc * fc;
                grid[r * w + c] *= 1 / (1 + k2); // sqrt of (1 + k²)^(−2)
            }
        Fft2D.Inverse(grid, h, w);
        double mean = 0;
        for (int i = 0; i < grid.Length; i++) mean += grid[i].Real;
        mean /= grid.Length;
        double max = 0;
        for (int i = 0; i < grid.Length; i++) { image[i] = grid[i].Real - mean; max = Math.Max(max, Math.Abs(image[i])); }
        if (max > 0) for (int i = 0; i < image.Length; i++) image[i] /= max;
    }
}

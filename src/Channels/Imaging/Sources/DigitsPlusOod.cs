namespace PhyToolkit.Channels.Imaging.Sources;

/// <summary>
/// <see cref="StrokeDigits"/> plus a feature the prior never saw (docs/inverse-imaging.md, [proposal]): a 3×3
/// bright square or a 1×5 horizontal bar at +1, placed uniformly at random at least one pixel inside the border. Tests
/// the sparse-deviation (range-extension) claim; <see cref="Render(long, Span{double}, Span{bool})"/> also returns the
/// feature's pixel mask.
/// </summary>
public sealed class DigitsPlusOod : IImageSource
{
    /// <summary>Builds the source.</summary>
    /// <param name="shape">Image shape, both sides ≥ 8.</param>
    /// <param name="seed">Seed of the stream.</param>
    public DigitsPlusOod(ImageShape shape, ulong seed)
    {
        _ = new StrokeDigits(shape, seed); // same shape rule
        Shape = shape;
        Seed = seed;
    }

    /// <inheritdoc />
    public ImageShape Shape { get; }

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <inheritdoc />
    public void Render(long index, Span<double> image) => Render(index, image, new bool[Shape.Length]);

    /// <summary>Renders image <paramref name="index"/> and marks the out-of-distribution feature in <paramref name="oodMask"/>.</summary>
    public void Render(long index, Span<double> image, Span<bool> oodMask)
    {
        Guard.Length(image.Length, Shape.Length, nameof(image));
        Guard.Length(oodMask.Length, Shape.Length, nameof(oodMask));
        var rng = Raster.Stream(Seed, index);
        StrokeDigits.RenderFrom(ref rng, Shape, image);
        oodMask.Clear();
        bool square = rng.NextBit();
        int fh = square ? 3 : 1, fw = square ? 3 : 5;
        int r0 = 1 + rng.NextInt(Shape.Height - fh - 1), c0 = 1 + rng.NextInt(Shape.Width - fw - 1);
        for (int r = r0; r < r0 + fh; r++)
            for (int c = c0; c < c0 + fw; c++)
            {
                image[r * Shape.Width + c] = 1;
                oodMask[r * Shape.Width + c] = true;
            }
    }
}

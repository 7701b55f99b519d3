using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging.Sources;

/// <summary>
/// What every procedural source shares: its shape and seed, and the rule that image <c>index</c> is drawn from its own
/// generator <c>SeedMixer.Mix(seed, index)</c> (<see cref="IImageSource"/>); a source only says how one image is drawn.
/// </summary>
public abstract class SeededImageSource : IImageSource
{
    /// <summary>Checks the shape and keeps the seed.</summary>
    /// <param name="shape">Image shape (≥ 1×1).</param>
    /// <param name="seed">Seed of the stream.</param>
    protected SeededImageSource(ImageShape shape, ulong seed)
    {
        Shape = shape.Validated(nameof(shape));
        Seed = seed;
    }

    /// <inheritdoc />
    public ImageShape Shape { get; }

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <inheritdoc />
    public void Render(long index, Span<double> image)
    {
        Guard.Length(image.Length, Shape.Length, nameof(image));
        var rng = Raster.Stream(Seed, index);
        Draw(ref rng, image);
    }

    /// <summary>Draws one image from its own generator into <paramref name="image"/> (length checked).</summary>
    protected abstract void Draw(ref Xoshiro256StarStar rng, Span<double> image);
}

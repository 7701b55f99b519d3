namespace PhyToolkit.Channels.Imaging.Sources;

/// <summary>
/// A seeded, deterministic procedural image generator (docs/inverse-imaging.md, [proposal]): image
/// <c>index</c> of a source with seed s is drawn from a generator seeded by <c>SeedMixer.Mix(s, index)</c>, so it
/// does not depend on which other images were drawn, in which order or on how many threads. Grayscale, on [-1, 1].
/// </summary>
public interface IImageSource
{
    /// <summary>Image shape.</summary>
    ImageShape Shape { get; }

    /// <summary>Seed of the source's stream.</summary>
    ulong Seed { get; }

    /// <summary>Renders image <paramref name="index"/> into <paramref name="image"/> (length <c>Shape.Length</c>).</summary>
    void Render(long index, Span<double> image);
}

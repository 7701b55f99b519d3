namespace PhyToolkit.Core.Random;

/// <summary>
/// SplitMix64-style seed derivation. A block's seed is <c>Mix(masterSeed, scenarioHash, pointIndex, blockIndex)</c>;
/// sub-streams inside a block (data, fading, noise, ...) are <c>Mix(blockSeed, streamId)</c>. Seeds belong to work
/// units, never to threads, workers or shards.
/// </summary>
/// <remarks>Finaliser constants are Steele, Lea and Flood's SplitMix64 (OOPSLA 2014).</remarks>
public static class SeedMixer
{
    /// <summary>The SplitMix64 finaliser: a bijective 64-bit avalanche mix.</summary>
    public static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Mixes two words.</summary>
    public static ulong Mix(ulong a, ulong b) => Finalize(Finalize(a + 0x9E3779B97F4A7C15UL) ^ (b + 0x632BE59BD9B4E019UL));

    /// <summary>Mixes several words in order.</summary>
    public static ulong Mix(ulong a, ulong b, ulong c, ulong d) => Mix(Mix(Mix(a, b), c), d);

    /// <summary>The seed of block <paramref name="blockIndex"/> of point <paramref name="pointIndex"/>.</summary>
    public static ulong BlockSeed(ulong masterSeed, ulong scenarioHash, int pointIndex, int blockIndex) =>
        Mix(masterSeed, scenarioHash, (ulong)pointIndex, (ulong)blockIndex);

    /// <summary>A stable 64-bit hash of a string (FNV-1a over UTF-16 code units, then finalised).</summary>
    public static ulong Hash(string text)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in text) { h ^= ch; h *= 1099511628211UL; }
        return Finalize(h);
    }
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Independent random streams of one federated trial, all derived from one trial seed with <see cref="SeedMixer"/>, so
/// that methods run with the same seed share data, partitions, batches, client sampling and fading (common random
/// numbers) while their symbol and noise streams stay independent of what other components consume.
/// </summary>
public static class RandomStreams
{
    /// <summary>Data generation.</summary>
    public const ulong Data = 0xD47A;
    /// <summary>Data partition.</summary>
    public const ulong Partition = 0x9A27;
    /// <summary>Mini-batch indices (then mixed with round and worker).</summary>
    public const ulong Batches = 0xBA7C;
    /// <summary>Client sampling (then mixed with round).</summary>
    public const ulong Sampling = 0x5A39;
    /// <summary>Pre-coder symbol randomisation (then mixed with round and direction).</summary>
    public const ulong Symbols = 0x5E3B;
    /// <summary>Block fading.</summary>
    public const ulong Fading = 0xFAD1;
    /// <summary>Channel noise and ADC dither (then mixed with round and direction).</summary>
    public const ulong Noise = 0x0153;
    /// <summary>Model initialisation.</summary>
    public const ulong Init = 0x1417;

    /// <summary>The seed of stream <paramref name="stream"/> of trial <paramref name="trialSeed"/>.</summary>
    public static ulong Seed(ulong trialSeed, ulong stream) => SeedMixer.Mix(trialSeed, stream);

    /// <summary>An RNG for (stream, a, b) of a trial, independent of call order.</summary>
    public static Xoshiro256StarStar Create(ulong trialSeed, ulong stream, ulong a = 0, ulong b = 0) =>
        new(SeedMixer.Mix(trialSeed, stream, a, b));
}

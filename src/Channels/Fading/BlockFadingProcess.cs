using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Fading;

/// <summary>
/// Block fading with one independent realisation per (link, round), constant within the round. The draw depends only on
/// (seed, round, link), never on call order, so methods compared on the same seed see the same channels (common random
/// numbers). Spec ota-fl.md §1.2 ([Proposed]).
/// </summary>
public sealed class BlockFadingProcess
{
    private readonly double[] _meanGains;

    /// <summary>Creates the process.</summary>
    /// <param name="model">Small-scale fading law.</param>
    /// <param name="meanGains">Large-scale mean power gain beta_m of each link (linear, &gt; 0).</param>
    /// <param name="seed">Stream seed (e.g. <c>SeedMixer.Mix(trialSeed, FadingStream)</c>).</param>
    public BlockFadingProcess(IFadingModel model, ReadOnlySpan<double> meanGains, ulong seed)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        if (meanGains.Length == 0) throw new ArgumentException("meanGains must hold at least one link", nameof(meanGains));
        foreach (double b in meanGains)
            if (!double.IsFinite(b) || b <= 0) throw new ArgumentOutOfRangeException(nameof(meanGains), b, "every mean gain must be finite and > 0");
        _meanGains = meanGains.ToArray();
        Seed = seed;
    }

    /// <summary>The fading law.</summary>
    public IFadingModel Model { get; }

    /// <summary>The stream seed.</summary>
    public ulong Seed { get; }

    /// <summary>Number of links.</summary>
    public int Links => _meanGains.Length;

    /// <summary>Mean power gain of link <paramref name="link"/>.</summary>
    public double MeanGain(int link) => _meanGains[link];

    /// <summary>The amplitude |h| of <paramref name="link"/> in <paramref name="round"/>.</summary>
    public double Amplitude(int round, int link)
    {
        if (round < 0) throw new ArgumentOutOfRangeException(nameof(round), round, "round must be >= 0");
        if ((uint)link >= (uint)_meanGains.Length) throw new ArgumentOutOfRangeException(nameof(link), link, $"link must be in [0, {_meanGains.Length - 1}]");
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(Seed, (ulong)round, (ulong)link, 0x0FADE));
        return Model.SampleAmplitude(ref rng, _meanGains[link]);
    }

    /// <summary>Writes the amplitudes of all links in <paramref name="round"/> into <paramref name="amplitudes"/>.</summary>
    public void Amplitudes(int round, Span<double> amplitudes)
    {
        if (amplitudes.Length != _meanGains.Length) throw new ArgumentException($"amplitudes must have length {_meanGains.Length}", nameof(amplitudes));
        for (int m = 0; m < amplitudes.Length; m++) amplitudes[m] = Amplitude(round, m);
    }
}

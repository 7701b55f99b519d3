using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Fading;

/// <summary>No small-scale fading: |h| = sqrt(beta) deterministically (h = 1 when beta = 1).</summary>
public sealed class NoFading : IFadingModel
{
    /// <summary>The shared instance.</summary>
    public static NoFading Instance { get; } = new();

    /// <inheritdoc />
    public double SampleAmplitude(ref Xoshiro256StarStar rng, double meanGain) => Math.Sqrt(Guard.Positive(meanGain, "meanGain"));

    /// <inheritdoc />
    public double ExceedanceProbability(double threshold, double meanGain) =>
        Guard.Positive(meanGain, "meanGain") >= Guard.NonNegative(threshold, "threshold") ? 1.0 : 0.0;
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Fading;

/// <summary>
/// Rayleigh fading: |h|^2 ~ Exp(mean beta), drawn as beta * (-ln U). P(|h|^2 &gt;= theta) = exp(-theta / beta).
/// Default fading of spec ota-fl.md §1.2 ([Proposed]).
/// </summary>
public sealed class RayleighFading : IFadingModel
{
    /// <summary>The shared instance.</summary>
    public static RayleighFading Instance { get; } = new();

    /// <inheritdoc />
    public double SampleAmplitude(ref Xoshiro256StarStar rng, double meanGain) =>
        Math.Sqrt(-Guard.Positive(meanGain, "meanGain") * Math.Log(rng.NextDoubleNonZero()));

    /// <inheritdoc />
    public double ExceedanceProbability(double threshold, double meanGain) =>
        Math.Exp(-Guard.NonNegative(threshold, "threshold") / Guard.Positive(meanGain, "meanGain"));
}

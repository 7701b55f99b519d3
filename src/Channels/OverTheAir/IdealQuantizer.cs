using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>An infinite-resolution, non-saturating converter: Q(x) = x. Mean(a, sigma) = a, SecondMoment = a^2 + sigma^2.</summary>
public sealed class IdealQuantizer : IQuantizer
{
    /// <summary>The shared instance.</summary>
    public static IdealQuantizer Instance { get; } = new();

    /// <inheritdoc />
    public double FullScale => double.PositiveInfinity;

    /// <inheritdoc />
    public double StepSize => 0;

    /// <inheritdoc />
    public double MaxOutput => double.PositiveInfinity;

    /// <inheritdoc />
    public double Quantize(double x, ref Xoshiro256StarStar rng) => x;

    /// <inheritdoc />
    public double QuantizeDeterministic(double x) => x;

    /// <inheritdoc />
    public double ExpectedOutput(double x) => x;

    /// <inheritdoc />
    public double Mean(double a, double sigma) => a;

    /// <inheritdoc />
    public double SecondMoment(double a, double sigma) => a * a + sigma * sigma;
}

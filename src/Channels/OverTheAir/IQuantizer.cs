using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// A scalar DAC/ADC model (real-valued, odd-symmetric) with closed-form moments under Gaussian input noise, as needed
/// by the unbiased post-coders and the channel-variance bookkeeping (docs/ota-fl.md, [Proposed]).
/// </summary>
public interface IQuantizer
{
    /// <summary>Full scale R (clipping level) in the same amplitude unit as the input; +infinity for an ideal converter.</summary>
    double FullScale { get; }

    /// <summary>Level spacing Delta = 2R / 2^bits; 0 for an ideal converter.</summary>
    double StepSize { get; }

    /// <summary>Largest output magnitude (R - Delta/2 for a mid-rise quantiser).</summary>
    double MaxOutput { get; }

    /// <summary>Quantises one sample, drawing any rounding/dither randomness from <paramref name="rng"/>.</summary>
    double Quantize(double x, ref Xoshiro256StarStar rng);

    /// <summary>Nearest-level rounding with saturation (the deterministic map, whatever the mode).</summary>
    double QuantizeDeterministic(double x);

    /// <summary>E[Q(x) | x] over the converter's own randomness.</summary>
    double ExpectedOutput(double x);

    /// <summary>kappa(a, sigma) = E[Q(a + z)], z ~ N(0, sigma^2), in closed form (sigma &gt;= 0).</summary>
    double Mean(double a, double sigma);

    /// <summary>E[Q(a + z)^2], z ~ N(0, sigma^2), in closed form (sigma &gt;= 0).</summary>
    double SecondMoment(double a, double sigma);
}

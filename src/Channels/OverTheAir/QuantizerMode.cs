namespace PhyToolkit.Channels.OverTheAir;

/// <summary>How a uniform quantiser maps an input to one of its levels.</summary>
public enum QuantizerMode
{
    /// <summary>Nearest level (mid-rise rounding) with saturation: biased between levels.</summary>
    Deterministic,

    /// <summary>
    /// Stochastic rounding to one of the two neighbouring levels with probabilities linear in the distance, so
    /// E[Q(x) | x] = x inside [-(R - Delta/2), R - Delta/2] (standard construction; derived).
    /// </summary>
    Stochastic,

    /// <summary>
    /// Non-subtractive dither: Q(x + u) with u ~ U(-Delta/2, Delta/2) (one LSB). Same conditional law as
    /// <see cref="Stochastic"/>, hence exactly unbiased inside the non-overload range (docs/ota-fl.md, [Proposed]).
    /// </summary>
    Dithered,
}

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Uplink configuration (docs/ota-fl.md). Defaults are [Proposed] values of the spec (k = 13, 4-bit ADC,
/// margin 6 sigma, r = 1/2); the paper's values are not available. Validated by <see cref="UplinkAggregator"/>.
/// </summary>
public sealed record UplinkOptions
{
    /// <summary>Uplink mode.</summary>
    public UplinkMode Mode { get; init; } = UplinkMode.OtaTruncatedInversion;

    /// <summary>Symbol mapping for analog modes.</summary>
    public OtaSymbolScheme Scheme { get; init; } = OtaSymbolScheme.BinaryStochastic;

    /// <summary>Repetitions k per coordinate in analog modes (1..2^20).</summary>
    public int Repetitions { get; init; } = 13;

    /// <summary>Symbol amplitude A (DAC full scale), &gt; 0.</summary>
    public double SymbolAmplitude { get; init; } = 1;

    /// <summary>Receiver noise sigma_c (&gt;= 0).</summary>
    public double NoiseStd { get; init; }

    /// <summary>ADC bits (1..24), or null for an ideal ADC.</summary>
    public int? AdcBits { get; init; } = 4;

    /// <summary>
    /// ADC mode of the over-the-air sum (default dithered, which is exact below overload). Single links always use the
    /// deterministic ADC (P1 is exact with it; the naive coder is defined with it).
    /// </summary>
    public QuantizerMode SumAdcMode { get; init; } = QuantizerMode.Dithered;

    /// <summary>Overload margin in noise standard deviations: the ADC's largest level is S_max + margin sigma_c (&gt;= 0).</summary>
    public double AdcMarginSigmas { get; init; } = 6;

    /// <summary>DAC bits (1..24) for the naive coder's grid, or null for an ideal DAC. Our choice: 8.</summary>
    public int? DacBits { get; init; } = 8;

    /// <summary>Code rate r of the digital baseline and of the side information, in (0, 1].</summary>
    public double DigitalCodeRate { get; init; } = 0.5;

    /// <summary>Settings of <see cref="UplinkMode.AdaptiveDigital"/> (required in that mode, ignored otherwise).</summary>
    public AdaptiveDigitalOptions? AdaptiveDigital { get; init; }
}

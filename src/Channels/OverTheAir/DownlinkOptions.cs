namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Downlink broadcast configuration (docs/ota-fl.md, [Proposed]): analog (P1 or naive, k repetitions, the receiver
/// ADC full scale set to its noiseless peak h a by an AGC, our choice) or digital (32/r per coordinate).
/// </summary>
public sealed record DownlinkOptions
{
    /// <summary>True for the digital baseline; false for analog.</summary>
    public bool Digital { get; init; }

    /// <summary>Symbol mapping when analog.</summary>
    public OtaSymbolScheme Scheme { get; init; } = OtaSymbolScheme.BinaryStochastic;

    /// <summary>Repetitions k when analog (1..2^20).</summary>
    public int Repetitions { get; init; } = 13;

    /// <summary>Transmit amplitude A (&gt; 0).</summary>
    public double SymbolAmplitude { get; init; } = 1;

    /// <summary>Receiver noise sigma_c (&gt;= 0).</summary>
    public double NoiseStd { get; init; }

    /// <summary>Receiver ADC bits (1..24) or null (ideal).</summary>
    public int? AdcBits { get; init; } = 4;

    /// <summary>Server DAC bits (1..24) or null (ideal); our choice 8.</summary>
    public int? DacBits { get; init; } = 8;

    /// <summary>Code rate r of the digital baseline and side information, in (0, 1].</summary>
    public double DigitalCodeRate { get; init; } = 0.5;
}

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

    /// <summary>
    /// With <see cref="Digital"/> = true: the SNR-adaptive digital broadcast instead of the fixed float32 one (null = fixed).
    /// The server quantises Δ with the b-bit stochastic quantiser and applies the quantised Δ itself (so every copy that
    /// decodes it equals the server's model); the broadcast uses the MCS of the weakest served receiver and is repeated (ARQ)
    /// until every served receiver has decoded it or the retransmissions run out; a receiver that missed it keeps its copy for
    /// the round. With instantaneous CSI receivers below every MCS threshold are not served (outage).
    /// </summary>
    public AdaptiveDigitalOptions? AdaptiveDigital { get; init; }
}

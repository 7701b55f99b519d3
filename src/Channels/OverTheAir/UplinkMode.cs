namespace PhyToolkit.Channels.OverTheAir;

/// <summary>How the workers' vectors reach the server (docs/ota-fl.md, [Proposed]).</summary>
public enum UplinkMode
{
    /// <summary>Analog superposition in shared channel uses with truncated channel inversion and a dithered ADC.</summary>
    OtaTruncatedInversion,

    /// <summary>One orthogonal slot per worker with a single-link coder (exact for P1; M times the airtime).</summary>
    Orthogonal,

    /// <summary>Orthogonal digital baseline: float32 with an ideal rate-r code (32/r uses per coordinate).</summary>
    Digital,

    /// <summary>
    /// Orthogonal SNR-adaptive digital baseline (<see cref="UplinkOptions.AdaptiveDigital"/>): b-bit stochastic quantiser, MCS per
    /// worker and round, ARQ; a packet lost after the last retransmission drops that worker's update for the round.
    /// </summary>
    AdaptiveDigital,
}

namespace PhyToolkit.Channels.LinkAdaptation;

/// <summary>
/// Block (packet) error rate of a coded packet over an AWGN channel use with a given SNR, as a function of the rate and the
/// packet length. Implementations must be non-increasing in the SNR (tests check this on a grid).
/// </summary>
public interface IBlockErrorModel
{
    /// <summary>Short name for reports.</summary>
    string Name { get; }

    /// <summary>
    /// BLER of a packet sent at <paramref name="bitsPerRealUse"/> information bits per real channel use over
    /// <paramref name="channelUses"/> real channel uses, each with signal-to-noise ratio <paramref name="snrLinear"/>
    /// (signal energy per real use over the noise variance per real use; may be +infinity). Returns a value in [0, 1].
    /// </summary>
    double BlockErrorRate(double snrLinear, double bitsPerRealUse, long channelUses);
}

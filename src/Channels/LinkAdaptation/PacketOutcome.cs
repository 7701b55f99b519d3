namespace PhyToolkit.Channels.LinkAdaptation;

/// <summary>The result of sending one packet with ARQ.</summary>
/// <param name="McsIndex">Index of the MCS used (into the table).</param>
/// <param name="Transmissions">Transmissions spent (1 + retransmissions), at least 1.</param>
/// <param name="Delivered">Whether some transmission was decoded.</param>
/// <param name="ChannelUsesPerTransmission">Real channel uses of one transmission of the packet at that MCS.</param>
public readonly record struct PacketOutcome(int McsIndex, int Transmissions, bool Delivered, long ChannelUsesPerTransmission)
{
    /// <summary>Retransmissions: Transmissions − 1.</summary>
    public int Retransmissions => Transmissions - 1;

    /// <summary>All real channel uses spent: Transmissions · ChannelUsesPerTransmission.</summary>
    public long TotalChannelUses => Transmissions * ChannelUsesPerTransmission;
}

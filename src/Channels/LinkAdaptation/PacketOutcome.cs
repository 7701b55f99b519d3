namespace PhyToolkit.Channels.LinkAdaptation;

/// <summary>The result of sending one packet with ARQ (or of not sending it: <see cref="Outage"/>).</summary>
/// <param name="McsIndex">Index of the MCS used (into the table); −1 for an outage.</param>
/// <param name="Transmissions">Transmissions spent (1 + retransmissions); 0 for an outage.</param>
/// <param name="Delivered">Whether some transmission was decoded.</param>
/// <param name="ChannelUsesPerTransmission">Real channel uses of one transmission of the packet at that MCS.</param>
public readonly record struct PacketOutcome(int McsIndex, int Transmissions, bool Delivered, long ChannelUsesPerTransmission)
{
    /// <summary>The packet was not sent (the known SNR is below every MCS threshold): nothing spent, nothing delivered.</summary>
    public static PacketOutcome Outage => new(-1, 0, false, 0);

    /// <summary>Whether this is an outage (nothing sent).</summary>
    public bool IsOutage => Transmissions == 0;

    /// <summary>Retransmissions: Transmissions − 1 (0 for an outage).</summary>
    public int Retransmissions => Math.Max(0, Transmissions - 1);

    /// <summary>All real channel uses spent: Transmissions · ChannelUsesPerTransmission.</summary>
    public long TotalChannelUses => Transmissions * ChannelUsesPerTransmission;
}

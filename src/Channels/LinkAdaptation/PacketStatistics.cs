namespace PhyToolkit.Channels.LinkAdaptation;

/// <summary>Cumulative packet counters of an adaptive digital link: packets, transmissions, losses and MCS usage.</summary>
public sealed class PacketStatistics
{
    private readonly long[] _mcsUse;

    /// <summary>Creates zeroed counters for a table of <paramref name="mcsCount"/> entries.</summary>
    public PacketStatistics(int mcsCount)
    {
        if (mcsCount < 1) throw new ArgumentOutOfRangeException(nameof(mcsCount), mcsCount, "mcsCount must be >= 1");
        _mcsUse = new long[mcsCount];
    }

    /// <summary>Packets sent (first transmissions).</summary>
    public long Packets { get; private set; }

    /// <summary>Transmissions, first ones and retransmissions.</summary>
    public long Transmissions { get; private set; }

    /// <summary>Retransmissions: Transmissions − Packets.</summary>
    public long Retransmissions => Transmissions - Packets;

    /// <summary>Packets not decoded after the last allowed retransmission.</summary>
    public long Lost { get; private set; }

    /// <summary>Number of MCS entries counted.</summary>
    public int McsCount => _mcsUse.Length;

    /// <summary>Packets sent with MCS <paramref name="index"/>.</summary>
    public long McsUse(int index) => _mcsUse[index];

    /// <summary>Adds one packet's outcome.</summary>
    public void Record(in PacketOutcome outcome)
    {
        Packets++;
        Transmissions += outcome.Transmissions;
        if (!outcome.Delivered) Lost++;
        _mcsUse[outcome.McsIndex]++;
    }
}

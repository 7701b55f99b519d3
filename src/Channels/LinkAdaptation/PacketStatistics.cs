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

    /// <summary>Packets due (one per <see cref="Record"/>, outages included).</summary>
    public long Packets { get; private set; }

    /// <summary>Packets not sent because the known SNR was below every MCS threshold.</summary>
    public long Outages { get; private set; }

    /// <summary>Transmissions, first ones and retransmissions.</summary>
    public long Transmissions { get; private set; }

    /// <summary>Retransmissions: Transmissions − (Packets − Outages).</summary>
    public long Retransmissions => Transmissions - (Packets - Outages);

    /// <summary>Packets not delivered: outages and packets not decoded after the last allowed retransmission.</summary>
    public long Lost { get; private set; }

    /// <summary>Number of MCS entries counted.</summary>
    public int McsCount => _mcsUse.Length;

    /// <summary>Packets sent with MCS (outages not counted) <paramref name="index"/>.</summary>
    public long McsUse(int index) => _mcsUse[index];

    /// <summary>Adds one packet's outcome.</summary>
    public void Record(in PacketOutcome outcome)
    {
        Packets++;
        if (!outcome.Delivered) Lost++;
        if (outcome.IsOutage) { Outages++; return; }
        Transmissions += outcome.Transmissions;
        _mcsUse[outcome.McsIndex]++;
    }
}

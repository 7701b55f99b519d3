using PhyToolkit.Channels.LinkAdaptation;

namespace PhyToolkit.Learning.Federated;

/// <summary>Packet counters of one adaptive digital link direction over a run (docs/ota-fl.md, SNR-adaptive digital baseline).</summary>
/// <param name="Packets">Packets due (one per worker and round on the uplink, one per round on the downlink), outages included.</param>
/// <param name="Outages">Packets not sent because the known SNR was below every MCS threshold (instantaneous CSI).</param>
/// <param name="Retransmissions">Retransmissions (transmissions beyond the first of each packet).</param>
/// <param name="Lost">Uplink: packets not delivered (outages and packets not decoded after the last retransmission; the worker's
/// update is dropped for the round).
/// Downlink: receiver-rounds in which a worker missed the broadcast.</param>
/// <param name="McsUse">Packets sent per MCS index of the table, lowest rate first (outages not counted).</param>
public sealed record PacketCounts(long Packets, long Outages, long Retransmissions, long Lost, long[] McsUse)
{
    /// <summary>Counts of <paramref name="stats"/>; <paramref name="lost"/> overrides its Lost count (the downlink's missed receptions).</summary>
    public static PacketCounts Of(PacketStatistics stats, long? lost = null)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var use = new long[stats.McsCount];
        for (int j = 0; j < use.Length; j++) use[j] = stats.McsUse(j);
        return new PacketCounts(stats.Packets, stats.Outages, stats.Retransmissions, lost ?? stats.Lost, use);
    }
}

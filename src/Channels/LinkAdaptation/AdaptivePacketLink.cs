using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.LinkAdaptation;

/// <summary>
/// Link adaptation with ARQ for packets of a fixed size (docs/ota-fl.md, SNR-adaptive digital baseline, [Proposed]).
/// For each MCS j the packet of B bits takes <c>n_j = ceil(B / R_j)</c> real channel uses; the entry's SNR threshold
/// <c>gamma_j</c> is the smallest SNR with <c>BLER_j(gamma) &lt;= target</c> under the block-error model (found by bisection
/// in dB, the model being non-increasing in the SNR). A packet is sent with the highest-rate MCS whose threshold is at most
/// the SNR the transmitter knows (or the lowest MCS if none qualifies: <see cref="Send"/> attempts it anyway, and a caller
/// that knows the instantaneous SNR can instead declare an outage with <see cref="InOutage"/>); each transmission fails
/// independently with probability <c>BLER_j</c> at the realised SNR, and a failed packet is retransmitted up to
/// <see cref="MaxRetransmissions"/> times (plain ARQ, no combining), every transmission costing <c>n_j</c> channel uses.
/// </summary>
public sealed class AdaptivePacketLink
{
    private readonly long[] _uses;
    private readonly double[] _thresholdDb;

    /// <summary>Lowest and highest SNR (dB) searched for a threshold.</summary>
    public const double SearchLowDb = -60, SearchHighDb = 100;

    /// <summary>Creates the link.</summary>
    /// <param name="table">MCS table.</param>
    /// <param name="errorModel">Block-error model.</param>
    /// <param name="targetBler">Target BLER of the thresholds, in (0, 1).</param>
    /// <param name="packetBits">Information bits per packet (payload and header), &gt;= 1.</param>
    /// <param name="maxRetransmissions">Retransmissions allowed after the first transmission, 0..1000.</param>
    public AdaptivePacketLink(McsTable table, IBlockErrorModel errorModel, double targetBler, long packetBits, int maxRetransmissions)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(errorModel);
        if (!(targetBler > 0 && targetBler < 1)) throw new ArgumentOutOfRangeException(nameof(targetBler), targetBler, "targetBler must be in (0, 1)");
        if (packetBits < 1) throw new ArgumentOutOfRangeException(nameof(packetBits), packetBits, "packetBits must be >= 1");
        if (maxRetransmissions < 0 || maxRetransmissions > 1000) throw new ArgumentOutOfRangeException(nameof(maxRetransmissions), maxRetransmissions, "maxRetransmissions must be in [0, 1000]");
        Table = table;
        ErrorModel = errorModel;
        TargetBler = targetBler;
        PacketBits = packetBits;
        MaxRetransmissions = maxRetransmissions;
        _uses = new long[table.Count];
        _thresholdDb = new double[table.Count];
        for (int j = 0; j < table.Count; j++)
        {
            _uses[j] = table.Entries[j].ChannelUses(packetBits);
            _thresholdDb[j] = FindThresholdDb(j);
        }
    }

    /// <summary>The MCS table.</summary>
    public McsTable Table { get; }

    /// <summary>The block-error model.</summary>
    public IBlockErrorModel ErrorModel { get; }

    /// <summary>Target BLER of the thresholds.</summary>
    public double TargetBler { get; }

    /// <summary>Information bits per packet.</summary>
    public long PacketBits { get; }

    /// <summary>Retransmissions allowed after the first transmission.</summary>
    public int MaxRetransmissions { get; }

    /// <summary>Real channel uses of one transmission with MCS <paramref name="index"/>.</summary>
    public long ChannelUses(int index) => _uses[index];

    /// <summary>SNR threshold of MCS <paramref name="index"/> in dB (+infinity if no SNR up to <see cref="SearchHighDb"/> meets the target).</summary>
    public double ThresholdDb(int index) => _thresholdDb[index];

    /// <summary>BLER of one transmission with MCS <paramref name="index"/> at linear SNR <paramref name="snrLinear"/>.</summary>
    public double BlockErrorRate(int index, double snrLinear) =>
        ErrorModel.BlockErrorRate(snrLinear, Table.Entries[index].BitsPerRealUse, _uses[index]);

    /// <summary>The highest-rate MCS whose threshold is at most <paramref name="snrLinear"/> (linear, &gt;= 0, may be +infinity); 0 if none.</summary>
    public int Select(double snrLinear)
    {
        if (!(snrLinear >= 0)) throw new ArgumentOutOfRangeException(nameof(snrLinear), snrLinear, "snrLinear must be >= 0");
        double db = 10 * Math.Log10(snrLinear);
        for (int j = _thresholdDb.Length - 1; j > 0; j--)
            if (_thresholdDb[j] <= db) return j;
        return 0;
    }

    /// <summary>Whether <paramref name="snrLinear"/> is below the threshold of the lowest-rate MCS (no entry meets the target BLER).</summary>
    public bool InOutage(double snrLinear)
    {
        if (!(snrLinear >= 0)) throw new ArgumentOutOfRangeException(nameof(snrLinear), snrLinear, "snrLinear must be >= 0");
        return 10 * Math.Log10(snrLinear) < _thresholdDb[0];
    }

    /// <summary>
    /// Sends one packet: selects the MCS from <paramref name="selectionSnr"/>, then draws each transmission's error at the
    /// BLER of <paramref name="realisedSnr"/> (one uniform draw from <paramref name="rng"/> per transmission).
    /// </summary>
    public PacketOutcome Send(double selectionSnr, double realisedSnr, ref Xoshiro256StarStar rng)
    {
        int j = Select(selectionSnr);
        double bler = BlockErrorRate(j, realisedSnr);
        int tx = 0;
        bool ok = false;
        while (!ok && tx <= MaxRetransmissions)
        {
            tx++;
            ok = rng.NextDouble() >= bler;
        }
        return new PacketOutcome(j, tx, ok, _uses[j]);
    }

    private double FindThresholdDb(int j)
    {
        double rate = Table.Entries[j].BitsPerRealUse;
        long n = _uses[j];
        bool Meets(double db) => ErrorModel.BlockErrorRate(Math.Pow(10, db / 10), rate, n) <= TargetBler;
        double lo = SearchLowDb, hi = SearchHighDb;
        if (!Meets(hi)) return double.PositiveInfinity;
        if (Meets(lo)) return lo;
        for (int i = 0; i < 80; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Meets(mid)) hi = mid; else lo = mid;
        }
        return hi;
    }
}

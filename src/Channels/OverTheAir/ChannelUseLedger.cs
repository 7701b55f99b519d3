namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Channel-use ledger (docs/ota-fl.md, [Proposed]). Two quantities are kept:
/// <list type="bullet">
/// <item><b>symbols per link</b>: what each transmitter sent (payload and side information) with its energy;</item>
/// <item><b>airtime</b>: real channel uses of the shared medium. Over-the-air superposition and broadcast spend
/// k d uses for all links together; orthogonal links spend them once per link.</item>
/// </list>
/// </summary>
public sealed class ChannelUseLedger
{
    /// <summary>Link index used for the server's broadcast transmitter.</summary>
    public const int BroadcastLink = -1;

    private readonly List<ChannelUseEntry> _entries = new();
    private readonly List<long> _airtimePerRound = new();
    private readonly long[] _byDirectionKind = new long[4];
    private long _uplinkAirtime, _downlinkAirtime, _symbols;
    private double _energy;

    /// <summary>All symbol records in insertion order.</summary>
    public IReadOnlyList<ChannelUseEntry> Entries => _entries;

    /// <summary>Total symbols over all links, rounds and kinds.</summary>
    public long TotalSymbols => _symbols;

    /// <summary>Total symbols of one direction and kind over all links and rounds (O(1)).</summary>
    public long TotalSymbolsOf(LinkDirection direction, ChannelUseKind kind) => _byDirectionKind[(int)direction * 2 + (int)kind];

    /// <summary>Total transmitted energy.</summary>
    public double TotalEnergy => _energy;

    /// <summary>Total airtime (shared-medium channel uses) in both directions.</summary>
    public long TotalAirtime => _uplinkAirtime + _downlinkAirtime;

    /// <summary>Total airtime in one direction.</summary>
    public long Airtime(LinkDirection direction) => direction == LinkDirection.Uplink ? _uplinkAirtime : _downlinkAirtime;

    /// <summary>Records symbols sent by one link.</summary>
    public void RecordSymbols(int round, LinkDirection direction, int link, ChannelUseKind kind, long symbols, double energy)
    {
        if (round < 0) throw new ArgumentOutOfRangeException(nameof(round), round, "round must be >= 0");
        if (link < BroadcastLink) throw new ArgumentOutOfRangeException(nameof(link), link, "link must be >= 0 or BroadcastLink (-1)");
        if (symbols < 0) throw new ArgumentOutOfRangeException(nameof(symbols), symbols, "symbols must be >= 0");
        if (!(energy >= 0) || double.IsInfinity(energy)) throw new ArgumentOutOfRangeException(nameof(energy), energy, "energy must be finite and >= 0");
        _entries.Add(new ChannelUseEntry(round, direction, link, kind, symbols, energy));
        _symbols += symbols;
        _energy += energy;
        _byDirectionKind[(int)direction * 2 + (int)kind] += symbols;
    }

    /// <summary>Records <paramref name="uses"/> real channel uses of the shared medium.</summary>
    public void RecordAirtime(int round, LinkDirection direction, long uses)
    {
        if (round < 0) throw new ArgumentOutOfRangeException(nameof(round), round, "round must be >= 0");
        if (uses < 0) throw new ArgumentOutOfRangeException(nameof(uses), uses, "uses must be >= 0");
        while (_airtimePerRound.Count <= round) _airtimePerRound.Add(0);
        _airtimePerRound[round] += uses;
        if (direction == LinkDirection.Uplink) _uplinkAirtime += uses; else _downlinkAirtime += uses;
    }

    /// <summary>Airtime spent in <paramref name="round"/> (both directions).</summary>
    public long AirtimeInRound(int round) => round >= 0 && round < _airtimePerRound.Count ? _airtimePerRound[round] : 0;

    /// <summary>Symbols matching the filters (null = any).</summary>
    public long Symbols(int? round = null, LinkDirection? direction = null, int? link = null, ChannelUseKind? kind = null)
    {
        long s = 0;
        foreach (var e in _entries)
            if (Matches(e, round, direction, link, kind)) s += e.Symbols;
        return s;
    }

    /// <summary>Energy matching the filters (null = any).</summary>
    public double Energy(int? round = null, LinkDirection? direction = null, int? link = null, ChannelUseKind? kind = null)
    {
        double s = 0;
        foreach (var e in _entries)
            if (Matches(e, round, direction, link, kind)) s += e.Energy;
        return s;
    }

    private static bool Matches(in ChannelUseEntry e, int? round, LinkDirection? direction, int? link, ChannelUseKind? kind) =>
        (round is null || e.Round == round) && (direction is null || e.Direction == direction) &&
        (link is null || e.Link == link) && (kind is null || e.Kind == kind);
}

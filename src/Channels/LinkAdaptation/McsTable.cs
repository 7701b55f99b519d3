namespace PhyToolkit.Channels.LinkAdaptation;

/// <summary>
/// An ordered modulation-and-coding table (docs/ota-fl.md, SNR-adaptive digital baseline, [Proposed]): entries in strictly
/// increasing information bits per real channel use.
/// </summary>
public sealed class McsTable
{
    private readonly McsEntry[] _entries;

    /// <summary>Creates a table; <paramref name="entries"/> must be non-empty and strictly increasing in <see cref="McsEntry.BitsPerRealUse"/>.</summary>
    public McsTable(IReadOnlyList<McsEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) throw new ArgumentException("an MCS table needs at least one entry", nameof(entries));
        _entries = new McsEntry[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            _entries[i] = entries[i] ?? throw new ArgumentException($"entry {i} is null", nameof(entries));
            if (i > 0 && !(_entries[i].BitsPerRealUse > _entries[i - 1].BitsPerRealUse))
                throw new ArgumentException($"entries must be strictly increasing in rate: entry {i} ({_entries[i].Name}) is not above entry {i - 1} ({_entries[i - 1].Name})", nameof(entries));
        }
    }

    /// <summary>
    /// The default table (our choice, shaped like the LTE/NR CQI tables of 3GPP TS 36.213 Table 7.2.3-1 but with round code
    /// rates): BPSK 1/2, QPSK 1/2, QPSK 3/4, 16-QAM 1/2, 16-QAM 3/4, 64-QAM 2/3, 64-QAM 5/6, i.e. 0.25 to 2.5 information
    /// bits per real channel use. The spec's fixed baseline (0.5 bit per real use) equals QPSK 1/2.
    /// </summary>
    public static McsTable Default { get; } = new(
    [
        new McsEntry("BPSK 1/2", 1, 0.5), new McsEntry("QPSK 1/2", 2, 0.5), new McsEntry("QPSK 3/4", 2, 0.75),
        new McsEntry("16-QAM 1/2", 4, 0.5), new McsEntry("16-QAM 3/4", 4, 0.75), new McsEntry("64-QAM 2/3", 6, 2.0 / 3),
        new McsEntry("64-QAM 5/6", 6, 5.0 / 6),
    ]);

    /// <summary>Entries, lowest rate first.</summary>
    public IReadOnlyList<McsEntry> Entries => _entries;

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Length;
}

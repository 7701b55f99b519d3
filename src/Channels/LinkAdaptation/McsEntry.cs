namespace PhyToolkit.Channels.LinkAdaptation;

/// <summary>
/// One modulation and coding scheme: a QAM/PSK constellation of <c>2^BitsPerSymbol</c> points per complex channel use
/// carrying a code of rate <see cref="CodeRate"/> (docs/ota-fl.md, SNR-adaptive digital baseline, [Proposed]).
/// </summary>
/// <remarks>
/// Spectral efficiency <c>eta = BitsPerSymbol * CodeRate</c> information bits per complex channel use, i.e.
/// <see cref="BitsPerRealUse"/> = eta / 2 per real channel use (a complex use is two real uses with the same per-dimension
/// SNR). The toolkit's ledger counts real channel uses, so every rate below is per real use.
/// </remarks>
public sealed record McsEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="name">Report name, e.g. "16-QAM 3/4".</param>
    /// <param name="bitsPerSymbol">log2 of the constellation size per complex use (1 = BPSK, 2 = QPSK, 4 = 16-QAM, 6 = 64-QAM), 1..16.</param>
    /// <param name="codeRate">Code rate in (0, 1].</param>
    public McsEntry(string name, int bitsPerSymbol, double codeRate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (bitsPerSymbol < 1 || bitsPerSymbol > 16) throw new ArgumentOutOfRangeException(nameof(bitsPerSymbol), bitsPerSymbol, "bitsPerSymbol must be in [1, 16]");
        if (!(codeRate > 0 && codeRate <= 1)) throw new ArgumentOutOfRangeException(nameof(codeRate), codeRate, "codeRate must be in (0, 1]");
        Name = name;
        BitsPerSymbol = bitsPerSymbol;
        CodeRate = codeRate;
    }

    /// <summary>Report name.</summary>
    public string Name { get; }

    /// <summary>Coded bits per complex channel use (log2 of the constellation size).</summary>
    public int BitsPerSymbol { get; }

    /// <summary>Code rate r.</summary>
    public double CodeRate { get; }

    /// <summary>Information bits per real channel use: BitsPerSymbol · r / 2.</summary>
    public double BitsPerRealUse => BitsPerSymbol * CodeRate / 2;

    /// <summary>Real channel uses of a packet of <paramref name="bits"/> information bits: ceil(bits / BitsPerRealUse).</summary>
    public long ChannelUses(long bits)
    {
        if (bits < 1) throw new ArgumentOutOfRangeException(nameof(bits), bits, "a packet carries at least one bit");
        return (long)Math.Ceiling(bits / BitsPerRealUse - 1e-9);
    }
}

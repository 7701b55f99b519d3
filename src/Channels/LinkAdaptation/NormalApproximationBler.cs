using MathNet.Numerics;

namespace PhyToolkit.Channels.LinkAdaptation;

/// <summary>
/// BLER from the normal approximation of the finite-blocklength AWGN channel (Polyanskiy, Poor, Verdú, "Channel coding rate
/// in the finite blocklength regime", IEEE Trans. Inf. Theory 56(5), 2010, eq. (1) with the AWGN capacity and dispersion
/// of their Theorem 54), applied at an SNR reduced by an implementation gap (docs/ota-fl.md, [Proposed]):
/// <code>
/// BLER(gamma) = Q( (n C(g) − n R + ½ log2 n) / sqrt(n V(g)) ),   g = gamma / Gap,
/// C(g) = ½ log2(1 + g),   V(g) = g (g + 2) / (2 (g + 1)²) · (log2 e)²     (real AWGN, bits per real use)
/// </code>
/// with n real channel uses and R information bits per real use. The approximation describes the best codes of length n with
/// Gaussian-like inputs; the gap (our choice of default, 1.5 dB ≈ the 1.53 dB shaping loss of uniform QAM constellations)
/// accounts for practical constellations and codes. Gap 0 dB is the most favourable digital baseline.
/// </summary>
public sealed class NormalApproximationBler : IBlockErrorModel
{
    private static readonly double Log2E = 1 / Math.Log(2);

    /// <summary>Creates the model with an implementation gap of <paramref name="gapDb"/> dB (0..30).</summary>
    public NormalApproximationBler(double gapDb = 1.5)
    {
        if (!(gapDb >= 0 && gapDb <= 30)) throw new ArgumentOutOfRangeException(nameof(gapDb), gapDb, "gapDb must be in [0, 30]");
        GapDb = gapDb;
        GapLinear = Math.Pow(10, gapDb / 10);
    }

    /// <summary>Implementation gap in dB.</summary>
    public double GapDb { get; }

    /// <summary>Implementation gap as a linear SNR factor.</summary>
    public double GapLinear { get; }

    /// <inheritdoc/>
    public string Name => $"normal approximation, gap {GapDb} dB";

    /// <inheritdoc/>
    public double BlockErrorRate(double snrLinear, double bitsPerRealUse, long channelUses)
    {
        if (!(snrLinear >= 0)) throw new ArgumentOutOfRangeException(nameof(snrLinear), snrLinear, "snrLinear must be >= 0 (may be +infinity)");
        if (!(bitsPerRealUse > 0) || double.IsInfinity(bitsPerRealUse)) throw new ArgumentOutOfRangeException(nameof(bitsPerRealUse), bitsPerRealUse, "bitsPerRealUse must be finite and > 0");
        if (channelUses < 1) throw new ArgumentOutOfRangeException(nameof(channelUses), channelUses, "channelUses must be >= 1");
        if (double.IsPositiveInfinity(snrLinear)) return 0;
        if (snrLinear == 0) return 1;
        double g = snrLinear / GapLinear, n = channelUses;
        double c = 0.5 * Math.Log2(1 + g);
        double v = g * (g + 2) / (2 * (g + 1) * (g + 1)) * Log2E * Log2E;
        double z = (n * (c - bitsPerRealUse) + 0.5 * Math.Log2(n)) / Math.Sqrt(n * v);
        return 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));   // Q(z)
    }
}

using System.Numerics;
using PhyToolkit.Channels.Fading;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Modulation;

/// <summary>
/// Uncoded coherent BPSK or Gray-mapped QPSK over AWGN or flat Rayleigh fading: maps random bits to unit-energy symbols,
/// draws h and the noise, detects coherently (sign of Re/Im of h*·y) and counts bit errors.
/// Noise variance per complex symbol N0 = Es / (k·Eb/N0) with Es = 1 and k bits per symbol.
/// </summary>
public sealed class PskLink
{
    /// <summary>Creates the link.</summary>
    /// <param name="bitsPerSymbol">1 (BPSK) or 2 (QPSK, Gray).</param>
    /// <param name="fading"><see cref="FadingKind.None"/> (AWGN) or <see cref="FadingKind.Rayleigh"/> (h ~ CN(0, 1),
    /// independent per symbol, known at the receiver).</param>
    /// <param name="ebN0Db">Eb/N0 in dB, finite.</param>
    public PskLink(int bitsPerSymbol, FadingKind fading, double ebN0Db)
    {
        if (bitsPerSymbol is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(bitsPerSymbol), bitsPerSymbol, "allowed: 1 (BPSK) or 2 (QPSK)");
        if (fading is not (FadingKind.None or FadingKind.Rayleigh)) throw new ArgumentOutOfRangeException(nameof(fading), fading, "allowed: None (AWGN) or Rayleigh");
        if (!double.IsFinite(ebN0Db)) throw new ArgumentOutOfRangeException(nameof(ebN0Db), ebN0Db, "must be finite");
        BitsPerSymbol = bitsPerSymbol;
        Fading = fading;
        EbN0Db = ebN0Db;
        NoiseVariance = 1.0 / (bitsPerSymbol * Core.Units.Decibel.ToLinear(ebN0Db));
    }

    /// <summary>Bits per symbol.</summary>
    public int BitsPerSymbol { get; }
    /// <summary>The channel.</summary>
    public FadingKind Fading { get; }
    /// <summary>Eb/N0 in dB.</summary>
    public double EbN0Db { get; }
    /// <summary>N0, the complex noise variance per symbol (Es = 1).</summary>
    public double NoiseVariance { get; }

    /// <summary>Sends <paramref name="symbols"/> symbols and returns the number of bit errors (of symbols·k bits).</summary>
    public long CountBitErrors(int symbols, ref Xoshiro256StarStar rng)
    {
        long errors = 0;
        double a = BitsPerSymbol == 1 ? 1.0 : Math.Sqrt(0.5);
        for (int s = 0; s < symbols; s++)
        {
            ulong bits = rng.NextUInt64();
            double xr = (bits & 1) == 0 ? a : -a;
            double xi = BitsPerSymbol == 2 ? ((bits & 2) == 0 ? a : -a) : 0;
            Complex h = Fading == FadingKind.Rayleigh ? rng.NextComplexGaussian(1) : Complex.One;
            Complex n = rng.NextComplexGaussian(NoiseVariance);
            Complex y = h * new Complex(xr, xi) + n;
            Complex z = Complex.Conjugate(h) * y;
            if ((z.Real < 0) != (xr < 0)) errors++;
            if (BitsPerSymbol == 2 && (z.Imaginary < 0) != (xi < 0)) errors++;
        }
        return errors;
    }
}

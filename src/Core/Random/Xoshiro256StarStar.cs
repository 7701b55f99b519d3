using System.Runtime.CompilerServices;

namespace PhyToolkit.Core.Random;

/// <summary>
/// xoshiro256** 1.0 (Blackman and Vigna, 2018) seeded from one 64-bit word through SplitMix64, with uniform, normal
/// and complex-normal draws. A value type: no allocation; pass it by <c>ref</c>.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Seeds the four state words with successive SplitMix64 outputs of <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = Next(ref x); _s1 = Next(ref x); _s2 = Next(ref x); _s3 = Next(ref x);
        _spare = 0; _hasSpare = false;
        static ulong Next(ref ulong x) { x += 0x9E3779B97F4A7C15UL; return SeedMixer.Finalize(x); }
    }

    /// <summary>Next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitRotate(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
        static ulong BitRotate(ulong v, int k) => (v << k) | (v >> (64 - k));
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform double in (0, 1].</summary>
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform double in [a, b).</summary>
    public double NextDouble(double a, double b) => a + (b - a) * NextDouble();

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be > 0");
        return (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);
    }

    /// <summary>One random bit.</summary>
    public bool NextBit() => (NextUInt64() >> 63) != 0;

    /// <summary>Standard normal draw (Marsaglia polar method; the second value is cached).</summary>
    public double NextGaussian()
    {
        if (_hasSpare) { _hasSpare = false; return _spare; }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * f; _hasSpare = true;
        return u * f;
    }

    /// <summary>Circularly-symmetric complex normal CN(0, <paramref name="variance"/>).</summary>
    public System.Numerics.Complex NextComplexGaussian(double variance = 1)
    {
        double s = Math.Sqrt(variance / 2);
        double re = NextGaussian();
        double im = NextGaussian();
        return new System.Numerics.Complex(s * re, s * im);
    }
}

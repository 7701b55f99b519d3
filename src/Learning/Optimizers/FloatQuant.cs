using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Bit-exact simulated rounding of doubles and floats to fewer mantissa bits (round-to-nearest-even or stochastic), with
/// optional exponent-range emulation (subnormals, saturation) from a <see cref="FloatFormat"/>.
/// </summary>
/// <remarks>
/// <para>Mantissa rounding (docs/optim-quantized.md [PROPOSED]): with shift = 52 − m (double) or 23 − m (float),
/// RNE adds 2^(shift−1) − 1 + lsb to the bit pattern and clears the low <c>shift</c> bits; stochastic rounding adds a
/// uniform integer in [0, 2^shift) instead. A carry into the exponent is the correct round-up to the next binade. On
/// carrier subnormals the same bit operation rounds on the grid 2^(emin − m) of the carrier's exponent range.</para>
/// <para>Relative error (normal range): ≤ 2^−(m+1) for RNE (unit roundoff), &lt; 2^−m for stochastic rounding with
/// E[Q(x)] = x. NaN, ±Inf and ±0 are returned unchanged; a finite input never becomes infinite: results beyond the
/// largest finite value of the format saturate to it.</para>
/// </remarks>
public static class FloatQuant
{
    /// <summary>Rounds <paramref name="x"/> to <paramref name="mantissaBits"/> mantissa bits with round-to-nearest-even.</summary>
    /// <param name="x">Value.</param>
    /// <param name="mantissaBits">Mantissa bits in [1, 52]; 52 returns x.</param>
    public static double Quantize(double x, int mantissaBits)
    {
        CheckBits(mantissaBits, 52);
        return RoundMantissa(x, mantissaBits, FloatRounding.NearestEven, 0);
    }

    /// <summary>Rounds <paramref name="x"/> to <paramref name="mantissaBits"/> mantissa bits.</summary>
    /// <param name="x">Value.</param>
    /// <param name="mantissaBits">Mantissa bits in [1, 52].</param>
    /// <param name="mode">Rounding mode.</param>
    /// <param name="rng">Random stream (used only for stochastic rounding: one draw per call).</param>
    public static double Quantize(double x, int mantissaBits, FloatRounding mode, ref Xoshiro256StarStar rng)
    {
        CheckBits(mantissaBits, 52);
        return RoundMantissa(x, mantissaBits, mode, mode == FloatRounding.Stochastic ? rng.NextUInt64() : 0);
    }

    /// <summary>Rounds a float to <paramref name="mantissaBits"/> mantissa bits with round-to-nearest-even.</summary>
    /// <param name="x">Value.</param>
    /// <param name="mantissaBits">Mantissa bits in [1, 23]; 23 returns x.</param>
    public static float Quantize(float x, int mantissaBits)
    {
        CheckBits(mantissaBits, 23);
        return RoundMantissa(x, mantissaBits, FloatRounding.NearestEven, 0);
    }

    /// <summary>Rounds a float to <paramref name="mantissaBits"/> mantissa bits.</summary>
    /// <param name="x">Value.</param>
    /// <param name="mantissaBits">Mantissa bits in [1, 23].</param>
    /// <param name="mode">Rounding mode.</param>
    /// <param name="rng">Random stream (stochastic rounding only).</param>
    public static float Quantize(float x, int mantissaBits, FloatRounding mode, ref Xoshiro256StarStar rng)
    {
        CheckBits(mantissaBits, 23);
        return RoundMantissa(x, mantissaBits, mode, mode == FloatRounding.Stochastic ? rng.NextUInt64() : 0);
    }

    /// <summary>Rounds <paramref name="x"/> into <paramref name="format"/> (mantissa, then subnormal grid and saturation if the format has an exponent range).</summary>
    /// <param name="x">Value.</param>
    /// <param name="format">Target format.</param>
    /// <param name="mode">Rounding mode.</param>
    /// <param name="rng">Random stream (stochastic rounding only).</param>
    public static double Quantize(double x, FloatFormat format, FloatRounding mode, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(format);
        ulong r = mode == FloatRounding.Stochastic ? rng.NextUInt64() : 0;
        return QuantizeCore(x, format, mode, r);
    }

    /// <summary>Rounds a float into <paramref name="format"/> (mantissa bits must be ≤ 23).</summary>
    /// <param name="x">Value.</param>
    /// <param name="format">Target format with MantissaBits ≤ 23.</param>
    /// <param name="mode">Rounding mode.</param>
    /// <param name="rng">Random stream (stochastic rounding only).</param>
    public static float Quantize(float x, FloatFormat format, FloatRounding mode, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(format);
        CheckBits(format.MantissaBits, 23);
        ulong r = mode == FloatRounding.Stochastic ? rng.NextUInt64() : 0;
        if (format.MinNormalExponent is null && format.MaxFinite is null) return RoundMantissa(x, format.MantissaBits, mode, r);
        // the subnormal grid and saturation are computed exactly in double, then narrowed (exact: the result has ≤ 23 mantissa bits and lies in float range)
        double q = QuantizeCore(x, format, mode, r);
        return (float)Math.Clamp(q, -float.MaxValue, float.MaxValue);
    }

    /// <summary>Rounds every element in place (one random draw per element for stochastic rounding).</summary>
    /// <param name="values">Values, overwritten.</param>
    /// <param name="format">Target format.</param>
    /// <param name="mode">Rounding mode.</param>
    /// <param name="rng">Random stream.</param>
    public static void Quantize(Span<double> values, FloatFormat format, FloatRounding mode, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(format);
        for (int i = 0; i < values.Length; i++) values[i] = Quantize(values[i], format, mode, ref rng);
    }

    /// <summary>Rounds every element in place (one random draw per element for stochastic rounding).</summary>
    /// <param name="values">Values, overwritten.</param>
    /// <param name="format">Target format with MantissaBits ≤ 23.</param>
    /// <param name="mode">Rounding mode.</param>
    /// <param name="rng">Random stream.</param>
    public static void Quantize(Span<float> values, FloatFormat format, FloatRounding mode, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(format);
        for (int i = 0; i < values.Length; i++) values[i] = Quantize(values[i], format, mode, ref rng);
    }

    private static double QuantizeCore(double x, FloatFormat format, FloatRounding mode, ulong r)
    {
        if (!double.IsFinite(x) || x == 0) return x;
        int m = format.MantissaBits;
        double y;
        if (format.MinNormalExponent is int emin && Math.Abs(x) < Math.ScaleB(1.0, emin))
        {
            // subnormal range of the target: fixed grid of spacing 2^(emin − m); scaling by a power of two is exact
            double scaled = Math.ScaleB(x, m - emin);
            double k;
            if (mode == FloatRounding.NearestEven)
            {
                k = Math.Round(scaled, MidpointRounding.ToEven);
            }
            else
            {
                double fl = Math.Floor(Math.Abs(scaled));
                double frac = Math.Abs(scaled) - fl;                      // exact (Sterbenz)
                double u = (r >> 11) * (1.0 / 9007199254740992.0);
                k = Math.CopySign(fl + (u < frac ? 1 : 0), scaled);
            }
            y = Math.ScaleB(k, emin - m);
        }
        else
        {
            y = RoundMantissa(x, m, mode, r);
        }
        double max = format.MaxFinite ?? (2 - Math.ScaleB(1.0, -m)) * Math.ScaleB(1.0, 1023);
        if (Math.Abs(y) > max || double.IsInfinity(y)) y = Math.CopySign(max, x);
        return y == 0 ? Math.CopySign(0.0, x) : y;
    }

    private static double RoundMantissa(double x, int m, FloatRounding mode, ulong r)
    {
        if (m >= 52 || !double.IsFinite(x) || x == 0) return x;
        int shift = 52 - m;
        long bits = BitConverter.DoubleToInt64Bits(x);
        long mask = (1L << shift) - 1;
        if (mode == FloatRounding.NearestEven) bits += (1L << (shift - 1)) - 1 + ((bits >> shift) & 1);
        else bits += (long)(r & (ulong)mask);
        bits &= ~mask;
        double y = BitConverter.Int64BitsToDouble(bits);
        if (double.IsInfinity(y)) y = Math.CopySign((2 - Math.ScaleB(1.0, -m)) * Math.ScaleB(1.0, 1023), x);   // saturate
        return y;
    }

    private static float RoundMantissa(float x, int m, FloatRounding mode, ulong r)
    {
        if (m >= 23 || !float.IsFinite(x) || x == 0) return x;
        int shift = 23 - m;
        int bits = BitConverter.SingleToInt32Bits(x);
        int mask = (1 << shift) - 1;
        if (mode == FloatRounding.NearestEven) bits += (1 << (shift - 1)) - 1 + ((bits >> shift) & 1);
        else bits += (int)((uint)(r >> 32) & (uint)mask);
        bits &= ~mask;
        float y = BitConverter.Int32BitsToSingle(bits);
        if (float.IsInfinity(y)) y = MathF.CopySign((float)((2 - Math.ScaleB(1.0, -m)) * Math.ScaleB(1.0, 127)), x);   // saturate
        return y;
    }

    private static void CheckBits(int mantissaBits, int max)
    {
        if (mantissaBits < 1 || mantissaBits > max)
            throw new ArgumentOutOfRangeException(nameof(mantissaBits), mantissaBits, $"mantissaBits = {mantissaBits}; allowed: an integer in [1, {max}].");
    }
}

using System.Globalization;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// A simulated floating-point storage format: the number of stored mantissa (fraction) bits and, optionally, an exponent
/// range (smallest normal exponent and largest finite value) emulated on top of the float/double carrier.
/// </summary>
/// <remarks>
/// <para>Model of arXiv:2510.21314 (docs/optim-quantized.md): only the mantissa is shortened, sign and exponent
/// are kept (<see cref="MantissaOnly"/>). The exponent-range emulation of §1.2 [PROPOSED] is available through the presets
/// and <see cref="WithExponentRange"/>: values below 2^<see cref="MinNormalExponent"/> are rounded on the subnormal grid
/// of spacing 2^(MinNormalExponent − MantissaBits) (gradual underflow to zero), and results larger in magnitude than
/// <see cref="MaxFinite"/> saturate to ±MaxFinite (our choice, as in the spec; IEEE would give ±Inf).</para>
/// <para>Presets (mantissa bits, min normal exponent, max finite): FP32 (23, −126, 3.4028235e38), BF16 (7, −126,
/// 3.3895314e38), FP16 (10, −14, 65504), FP8-E4M3 (3, −6, 448, OCP FP8), FP8-E5M2 (2, −14, 57344).</para>
/// </remarks>
public sealed record FloatFormat
{
    private FloatFormat(int mantissaBits, int? minNormalExponent, double? maxFinite)
    {
        if (mantissaBits < 1 || mantissaBits > 52)
            throw new ArgumentOutOfRangeException(nameof(mantissaBits), mantissaBits, $"mantissaBits = {mantissaBits}; allowed: an integer in [1, 52].");
        if (minNormalExponent is < -1022 or > 0)
            throw new ArgumentOutOfRangeException(nameof(minNormalExponent), minNormalExponent, "allowed: an integer in [-1022, 0].");
        if (maxFinite is { } mf && (!double.IsFinite(mf) || mf <= 0))
            throw new ArgumentOutOfRangeException(nameof(maxFinite), maxFinite, "allowed: a finite number > 0.");
        MantissaBits = mantissaBits;
        MinNormalExponent = minNormalExponent;
        MaxFinite = maxFinite;
    }

    /// <summary>Stored mantissa bits m in [1, 52] (implicit leading bit not counted).</summary>
    public int MantissaBits { get; }

    /// <summary>Exponent of the smallest normal number, or null to keep the carrier's exponent range.</summary>
    public int? MinNormalExponent { get; }

    /// <summary>Saturation value (largest finite magnitude), or null for the carrier's.</summary>
    public double? MaxFinite { get; }

    /// <summary>Mantissa-only rounding (the paper's model): sign and exponent of the carrier kept.</summary>
    /// <param name="mantissaBits">Mantissa bits in [1, 52] (≤ 23 for float32 data).</param>
    public static FloatFormat MantissaOnly(int mantissaBits) => new(mantissaBits, null, null);

    /// <summary>An IEEE-754-like binary format with <paramref name="exponentBits"/> exponent bits:
    /// bias = 2^(e−1) − 1, smallest normal 2^(1−bias), largest finite (2 − 2^−m)·2^bias.</summary>
    /// <param name="mantissaBits">Mantissa bits in [1, 52].</param>
    /// <param name="exponentBits">Exponent bits in [2, 11].</param>
    public static FloatFormat WithExponentRange(int mantissaBits, int exponentBits)
    {
        if (exponentBits < 2 || exponentBits > 11)
            throw new ArgumentOutOfRangeException(nameof(exponentBits), exponentBits, $"exponentBits = {exponentBits}; allowed: an integer in [2, 11].");
        int bias = (1 << (exponentBits - 1)) - 1;
        double max = (2 - Math.ScaleB(1, -mantissaBits)) * Math.ScaleB(1, bias);
        return new FloatFormat(mantissaBits, 1 - bias, max);
    }

    /// <summary>IEEE binary32.</summary>
    public static FloatFormat Fp32 { get; } = WithExponentRange(23, 8);

    /// <summary>bfloat16: float32's exponent, 7 mantissa bits.</summary>
    public static FloatFormat Bf16 { get; } = WithExponentRange(7, 8);

    /// <summary>IEEE binary16.</summary>
    public static FloatFormat Fp16 { get; } = WithExponentRange(10, 5);

    /// <summary>OCP FP8 E4M3 (no infinities; largest finite 448).</summary>
    public static FloatFormat Fp8E4M3 { get; } = new(3, -6, 448);

    /// <summary>OCP FP8 E5M2 (IEEE-like; largest finite 57344).</summary>
    public static FloatFormat Fp8E5M2 { get; } = WithExponentRange(2, 5);

    /// <inheritdoc />
    public override string ToString() => MinNormalExponent is null
        ? $"m={MantissaBits} (mantissa only)"
        : string.Create(CultureInfo.InvariantCulture, $"m={MantissaBits}, emin={MinNormalExponent}, max={MaxFinite:R}");
}

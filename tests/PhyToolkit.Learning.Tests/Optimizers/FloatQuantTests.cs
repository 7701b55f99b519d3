using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Optimizers;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class FloatQuantTests
{
    private static double P2(int k) => Math.ScaleB(1.0, k);

    // Hand-computed IEEE cases for m = 7 (BF16 mantissa), round to nearest, ties to even.
    [Theory]
    [InlineData(0, 1.0)]                    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: tie, 1 has even lsb
    [InlineData(1, 1.0078125)]              // 1 + 3·2^-9 is above the midpoint: 1 + 2^-7
    [InlineData(2, 1.015625)]               // 1 + 2^-7 + 2^-8: tie, lsb odd → up to 1 + 2^-6 (even)
    [InlineData(3, 2.0)]                    // 2 − 2^-9: rounds up across the binade to 2
    [InlineData(4, -1.0)]                   // −(1 + 2^-8): ties to even, sign kept
    [InlineData(5, 1.0)]                    // 1 + 2^-8 − 2^-30: just below the midpoint → down
    public void NearestEven_HandComputedCases_M7(int caseId, double expected)
    {
        double x = caseId switch
        {
            0 => 1 + P2(-8),
            1 => 1 + 3 * P2(-9),
            2 => 1 + P2(-7) + P2(-8),
            3 => 2 - P2(-9),
            4 => -(1 + P2(-8)),
            _ => 1 + P2(-8) - P2(-30),
        };
        Assert.Equal(expected, FloatQuant.Quantize(x, 7));
        Assert.Equal((float)expected, FloatQuant.Quantize((float)x, 7));
    }

    [Fact]
    public void FullMantissa_LeavesValuesUnchanged()
    {
        var rng = new Xoshiro256StarStar(1);
        for (int i = 0; i < 10000; i++)
        {
            double d = BitConverter.Int64BitsToDouble((long)rng.NextUInt64());
            float f = BitConverter.Int32BitsToSingle((int)rng.NextUInt64());
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(FloatQuant.Quantize(d, 52)));
            Assert.Equal(BitConverter.SingleToInt32Bits(f), BitConverter.SingleToInt32Bits(FloatQuant.Quantize(f, 23)));
        }
    }

    [Fact]
    public void Bf16_EqualsNearestOfTheTwoTruncatedNeighbours_TiesToEven()
    {
        // Independent value-based oracle: candidates lo = x with its low 16 bits cleared and hi = lo + one bf16 ulp;
        // pick the nearer (differences are exact in double), ties to the candidate whose bit 16 is 0.
        var rng = new Xoshiro256StarStar(2);
        int ties = 0;
        for (int i = 0; i < 100000; i++)
        {
            int bits = (int)rng.NextUInt64();
            if (i % 4 == 0) bits = (bits & ~0xFFFF) | 0x8000;                    // force exact ties
            float x = BitConverter.Int32BitsToSingle(bits);
            if (!float.IsFinite(x)) continue;
            int loBits = bits & ~0xFFFF;
            float lo = BitConverter.Int32BitsToSingle(loBits);
            float hi = BitConverter.Int32BitsToSingle(loBits + 0x10000);
            if (float.IsInfinity(hi)) continue;                                    // saturation is tested separately
            double dLo = Math.Abs((double)x - lo), dHi = Math.Abs((double)hi - x);
            float expected = dLo < dHi ? lo : dHi < dLo ? hi : ((loBits >> 16) & 1) == 0 ? lo : hi;
            if (dLo == dHi) ties++;
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(FloatQuant.Quantize(x, 7)));
        }
        Assert.True(ties > 20000);
    }

    [Fact]
    public void Fp16Format_MatchesSystemHalfConversion_IncludingSubnormals()
    {
        // System.Half's float→half conversion is IEEE round-to-nearest-even with gradual underflow: an independent oracle.
        var rng = new Xoshiro256StarStar(3);
        var dummy = new Xoshiro256StarStar(0);
        for (int i = 0; i < 100000; i++)
        {
            double mag = Math.ScaleB(1 + rng.NextDouble(), rng.NextInt(42) - 27);   // 2^-27 .. 2^15
            float x = (float)(rng.NextBit() ? mag : -mag);
            double expected = (double)(Half)x;
            Assert.Equal(expected, FloatQuant.Quantize((double)x, FloatFormat.Fp16, FloatRounding.NearestEven, ref dummy));
        }
    }

    [Fact]
    public void Subnormals_HandComputed()
    {
        var rng = new Xoshiro256StarStar(0);
        var f16 = FloatFormat.Fp16;   // smallest subnormal 2^-24
        Assert.Equal(0.0, FloatQuant.Quantize(P2(-25), f16, FloatRounding.NearestEven, ref rng));          // half ulp: tie → 0 (even)
        Assert.Equal(P2(-24), FloatQuant.Quantize(3 * P2(-26), f16, FloatRounding.NearestEven, ref rng));  // 0.75 ulp → 1 ulp
        Assert.Equal(P2(-23), FloatQuant.Quantize(1.5 * P2(-24), f16, FloatRounding.NearestEven, ref rng)); // tie 1|2 ulps → 2 (even)
        Assert.Equal(P2(-14), FloatQuant.Quantize(P2(-14) - P2(-26), f16, FloatRounding.NearestEven, ref rng)); // rounds up to the smallest normal
        var e4m3 = FloatFormat.Fp8E4M3; // min normal 2^-6, subnormal spacing 2^-9
        Assert.Equal(0.0, FloatQuant.Quantize(P2(-10), e4m3, FloatRounding.NearestEven, ref rng));
        Assert.Equal(3 * P2(-9), FloatQuant.Quantize(2.6 * P2(-9), e4m3, FloatRounding.NearestEven, ref rng));
        // mantissa-only on the float carrier: float subnormals use the grid 2^(-126-7) = 2^-133 for m = 7
        Assert.Equal(0f, FloatQuant.Quantize(float.Epsilon, 7));
        Assert.Equal((float)P2(-133), FloatQuant.Quantize((float)(P2(-133) + P2(-140)), 7));
    }

    [Fact]
    public void Overflow_SaturatesToLargestFinite()
    {
        var rng = new Xoshiro256StarStar(0);
        Assert.Equal(65504.0, FloatQuant.Quantize(1e6, FloatFormat.Fp16, FloatRounding.NearestEven, ref rng));
        Assert.Equal(-65504.0, FloatQuant.Quantize(-65520.0, FloatFormat.Fp16, FloatRounding.NearestEven, ref rng)); // IEEE would give −Inf
        Assert.Equal(448.0, FloatQuant.Quantize(500.0, FloatFormat.Fp8E4M3, FloatRounding.NearestEven, ref rng));
        Assert.Equal(57344.0, FloatQuant.Quantize(1e9, FloatFormat.Fp8E5M2, FloatRounding.Stochastic, ref rng));
        // BF16 largest finite (2 − 2^-7)·2^127; float.MaxValue rounds up past it and saturates
        float bf16Max = (float)((2 - P2(-7)) * P2(127));
        Assert.Equal(bf16Max, FloatQuant.Quantize(float.MaxValue, 7));
        Assert.Equal((2 - P2(-7)) * P2(1023), FloatQuant.Quantize(double.MaxValue, 7));
        Assert.True(double.IsNaN(FloatQuant.Quantize(double.NaN, 7)));
        Assert.Equal(double.NegativeInfinity, FloatQuant.Quantize(double.NegativeInfinity, 7));
    }

    [Fact]
    public void NearestEven_RelativeErrorAtMostUnitRoundoff()
    {
        var rng = new Xoshiro256StarStar(4);
        for (int i = 0; i < 100000; i++)
        {
            double x = rng.NextGaussian();
            Assert.True(Math.Abs(FloatQuant.Quantize(x, 7) - x) <= P2(-8) * Math.Abs(x)); // q = 2^-(m+1)
        }
    }

    [Fact]
    public void Stochastic_IsUnbiased_AndTakesOnlyTheTwoNeighbours()
    {
        var rng = new Xoshiro256StarStar(5);
        double x = 1 + P2(-9), sum = 0;
        const int n = 100000;
        for (int i = 0; i < n; i++)
        {
            double q = FloatQuant.Quantize(x, 7, FloatRounding.Stochastic, ref rng);
            Assert.True(q == 1.0 || q == 1 + P2(-7));
            sum += q;
        }
        // P(up) = 1/4, spread 2^-7: sd of the mean = 2^-7·sqrt(3/16)/sqrt(n) ≈ 1.1e-5; 1e-4 is ~9 sd (spec R0.3)
        Assert.True(Math.Abs(sum / n - x) < 1e-4);
    }

    [Fact]
    public void Swamping_SecondMomentFreezesAtBf16_ButNotAt16Bits()
    {
        // spec R1/Q1: v ← Q(β2 v + (1−β2)·2), β2 = 0.999, from v = 1; increment 1e-3 < half-spacing 2^-8 at m = 7
        static double Run(int m)
        {
            double v = 1.0;
            for (int t = 0; t < 5000; t++) v = FloatQuant.Quantize(0.999 * v + 0.001 * 2.0, m);
            return v;
        }
        Assert.Equal(1.0, Run(7));
        Assert.True(Run(16) > 1.9);
    }

    [Fact]
    public void InvalidBits_Throw()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => FloatQuant.Quantize(1.0, 0));
        Assert.Equal("mantissaBits", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => FloatQuant.Quantize(1f, 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => FloatFormat.MantissaOnly(0));
    }
}

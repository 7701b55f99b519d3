using MathNet.Numerics;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.OverTheAir;

public class QuantizerTests
{
    [Fact]
    public void OneBitDeterministicMeanIsScaledErf()
    {
        // closed form: 1-bit mid-rise on [-R, R] is (R/2) sign(x), so E[Q(a+z)] = (R/2) erf(a / (sigma sqrt 2)) (docs/ota-fl.md)
        var q = new UniformQuantizer(1, 2.0);
        foreach (double a in new[] { -1.3, -0.2, 0.0, 0.4, 2.5 })
            foreach (double sigma in new[] { 0.1, 0.7, 3.0 })
            {
                double expected = 1.0 * SpecialFunctions.Erf(a / (sigma * Math.Sqrt(2)));
                // deterministic scalar: 12 digits relative, 1e-14 absolute floor near zero
                Assert.Equal(expected, q.Mean(a, sigma), 1e-12 * Math.Abs(expected) + 1e-14);
                Assert.Equal(1.0, q.SecondMoment(a, sigma), 1e-12);   // |Q| = R/2 = 1 always
            }
    }

    [Fact]
    public void LevelsGridAndSaturation()
    {
        var q = new UniformQuantizer(3, 4.0);   // Delta = 1, levels -3.5 .. 3.5
        Assert.Equal(1.0, q.StepSize);
        Assert.Equal(3.5, q.MaxOutput);
        Assert.Equal(0.5, q.QuantizeDeterministic(0.2));
        Assert.Equal(-0.5, q.QuantizeDeterministic(-0.2));
        Assert.Equal(2.5, q.QuantizeDeterministic(2.9));
        Assert.Equal(3.5, q.QuantizeDeterministic(100));
        Assert.Equal(-3.5, q.QuantizeDeterministic(-100));
    }

    [Fact]
    public void OddSymmetryOfMomentsForAllModes()
    {
        // odd-symmetric map: kappa(-a) = -kappa(a), second moment even (identity check, 12 digits)
        foreach (var mode in Enum.GetValues<QuantizerMode>())
        {
            var q = new UniformQuantizer(4, 1.5, mode);
            foreach (double a in new[] { 0.05, 0.6, 1.7 })
            {
                Assert.Equal(-q.Mean(a, 0.3), q.Mean(-a, 0.3), 1e-12);
                Assert.Equal(q.SecondMoment(a, 0.3), q.SecondMoment(-a, 0.3), 1e-12);
            }
        }
    }

    public static TheoryData<QuantizerMode, int, double, double> MomentCases()
    {
        var data = new TheoryData<QuantizerMode, int, double, double>();
        foreach (var mode in Enum.GetValues<QuantizerMode>())
            foreach (int bits in new[] { 1, 2, 4 })
                foreach (var (a, s) in new[] { (0.3, 0.2), (-0.8, 0.5), (1.4, 0.4) })
                    data.Add(mode, bits, a, s);
        return data;
    }

    [Theory]
    [MemberData(nameof(MomentCases))]
    public void ClosedFormMomentsMatchMonteCarlo(QuantizerMode mode, int bits, double a, double sigma)
    {
        var q = new UniformQuantizer(bits, 1.0, mode);
        var rng = new Xoshiro256StarStar(SeedMixer.Mix((ulong)bits, (ulong)mode, (ulong)(a * 1000 + 5000), 7));
        const int n = 100_000;
        double s1 = 0, s2 = 0, s4 = 0;
        for (int i = 0; i < n; i++)
        {
            double y = q.Quantize(a + sigma * rng.NextGaussian(), ref rng);
            s1 += y; s2 += y * y; s4 += y * y * y * y;
        }
        double m1 = s1 / n, m2 = s2 / n, m4 = s4 / n;
        // 4 standard errors of each sample moment: SE(mean) = sqrt(Var Q / n), SE(second moment) = sqrt(Var Q^2 / n)
        double se1 = Math.Sqrt(Math.Max(m2 - m1 * m1, 1e-300) / n);
        double se2 = Math.Sqrt(Math.Max(m4 - m2 * m2, 1e-300) / n);
        Assert.InRange(m1 - q.Mean(a, sigma), -4 * se1 - 1e-12, 4 * se1 + 1e-12);
        Assert.InRange(m2 - q.SecondMoment(a, sigma), -4 * se2 - 1e-12, 4 * se2 + 1e-12);
    }

    [Theory]
    [InlineData(QuantizerMode.Stochastic)]
    [InlineData(QuantizerMode.Dithered)]
    public void StochasticAndDitheredAreExactlyUnbiasedInRange(QuantizerMode mode)
    {
        var q = new UniformQuantizer(2, 1.0, mode);   // levels +-0.25, +-0.75
        foreach (double x in new[] { -0.7, -0.31, 0.0, 0.1, 0.74 })
            Assert.Equal(x, q.ExpectedOutput(x), 1e-15);   // closed form: clamp(x, -c, c) = x inside [-c, c]
        Assert.Equal(0.75, q.ExpectedOutput(0.9), 1e-15);    // saturation
        // sigma = 0 moment reduces to the conditional expectation
        Assert.Equal(0.1, q.Mean(0.1, 0), 1e-15);
        // second moment in a bin [0.25, 0.75]: x (l0 + l1) - l0 l1
        Assert.Equal(0.5 * 1.0 - 0.25 * 0.75, q.SecondMoment(0.5, 0), 1e-15);
    }

    [Fact]
    public void IdealQuantizerMoments()
    {
        var q = IdealQuantizer.Instance;
        Assert.Equal(0.3, q.Mean(0.3, 2), 1e-15);
        Assert.Equal(0.09 + 4, q.SecondMoment(0.3, 2), 1e-15);
    }

    [Fact]
    public void BadInputNamesTheParameter()
    {
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformQuantizer(0, 1)).ParamName);
        Assert.Equal("fullScale", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformQuantizer(3, double.NaN)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformQuantizer(3, 1).Mean(0, -1)).ParamName);
    }
}

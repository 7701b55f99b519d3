using PhyToolkit.Channels.LinkAdaptation;

namespace PhyToolkit.Channels.Tests.LinkAdaptation;

public class NormalApproximationBlerTests
{
    [Fact]
    public void BlerNeverRisesAsTheSnrRises()
    {
        var model = new NormalApproximationBler(1.5);
        foreach (var entry in McsTable.Default.Entries)
            foreach (long n in new long[] { 50, 500, 5000 })
            {
                double prev = 1;
                for (double db = -20; db <= 40; db += 0.05)
                {
                    double b = model.BlockErrorRate(Math.Pow(10, db / 10), entry.BitsPerRealUse, n);
                    Assert.InRange(b, 0, 1);
                    Assert.True(b <= prev + 1e-15, $"{entry.Name}, n = {n}: BLER rose at {db} dB");
                    prev = b;
                }
            }
    }

    [Fact]
    public void LongPacketsSwitchAtTheShannonLimitShiftedByTheGap()
    {
        // n = 10^6: the waterfall collapses onto C(gamma / Gap) = R, i.e. gamma* = Gap (2^(2R) − 1) (real AWGN capacity)
        foreach (double gapDb in new[] { 0.0, 1.5, 3.0 })
        {
            var model = new NormalApproximationBler(gapDb);
            foreach (var e in McsTable.Default.Entries)
            {
                double star = Math.Pow(10, gapDb / 10) * (Math.Pow(2, 2 * e.BitsPerRealUse) - 1);
                Assert.True(model.BlockErrorRate(star * 1.05, e.BitsPerRealUse, 1_000_000) < 1e-3, $"{e.Name} above the limit");
                Assert.True(model.BlockErrorRate(star * 0.95, e.BitsPerRealUse, 1_000_000) > 0.999, $"{e.Name} below the limit");
            }
        }
    }

    [Fact]
    public void TheGapIsAnSnrShift()
    {
        var zero = new NormalApproximationBler(0);
        var gap = new NormalApproximationBler(2);
        double g = Math.Pow(10, 0.2);
        foreach (double db in new[] { -3.0, 0, 4, 9 })
        {
            double s = Math.Pow(10, db / 10);
            Assert.Equal(zero.BlockErrorRate(s, 0.75, 300), gap.BlockErrorRate(s * g, 0.75, 300), 12);
        }
    }

    [Fact]
    public void MatchesTheFormulaAtAHandPoint()
    {
        // gamma = 1 (0 dB), gap 0, R = 0.25, n = 400: C = 0.5, V = 3/8 (log2 e)^2, z = (400 * 0.25 + 0.5 log2 400) / sqrt(400 V)
        double v = 3.0 / 8 / (Math.Log(2) * Math.Log(2));
        double z = (100 + 0.5 * Math.Log2(400)) / Math.Sqrt(400 * v);
        double q = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2));
        Assert.Equal(q, new NormalApproximationBler(0).BlockErrorRate(1, 0.25, 400), 14);
        Assert.Equal(0, new NormalApproximationBler(0).BlockErrorRate(double.PositiveInfinity, 0.25, 400));
        Assert.Equal(1, new NormalApproximationBler(0).BlockErrorRate(0, 0.25, 400));
    }
}

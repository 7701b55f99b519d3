using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.OverTheAir;

public class StochasticVectorQuantizerTests
{
    // scale 1.5 (exact in float32); interior values, a grid end (±1.5) and 0
    private static readonly double[] U = [1.5, -1.5, 0.0, 0.3, -0.71, 1.234, -0.05];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void QuantiserIsUnbiasedAndItsVarianceIsTheClosedForm(int bits)
    {
        var q = new StochasticVectorQuantizer(bits);
        int n = 40000;
        var rng = new Xoshiro256StarStar((ulong)(100 + bits));
        var y = new double[U.Length];
        var sum = new double[U.Length];
        var sq = new double[U.Length];
        for (int t = 0; t < n; t++)
        {
            Assert.Equal(1.5, q.Quantize(U, ref rng, y));
            for (int i = 0; i < U.Length; i++) { sum[i] += y[i]; sq[i] += (y[i] - U[i]) * (y[i] - U[i]); }
        }
        double delta = q.StepSize(1.5), sampleVar = 0, varOfEstimate = 0;
        for (int i = 0; i < U.Length; i++)
        {
            // closed form per coordinate: lower level l, upper level l + Δ, P(upper) = (x − l)/Δ; Var = (x − l)(l + Δ − x)
            double l = -1.5 + Math.Min(Math.Floor((U[i] + 1.5) / delta), (1 << bits) - 2) * delta;
            double p = (U[i] - l) / delta, v = Math.Max(0, (U[i] - l) * (l + delta - U[i]));   // 0 on a level (rounding can give −1e-17)
            // unbiased: |mean − x| within 4 standard errors sqrt(Var/n) (plus 1e-12 on a grid level, where Var = 0 and Q(x) = x up to the rounding of the level)
            Assert.True(Math.Abs(sum[i] / n - U[i]) <= 4 * Math.Sqrt(v / n) + 1e-12, $"b = {bits}, x = {U[i]}: mean {sum[i] / n}");
            sampleVar += sq[i] / n;
            // Var of the per-draw squared error (known mean): E[e^4] − Var^2 for the two-point error {l − x, l + Δ − x}
            double m4 = (1 - p) * Math.Pow(U[i] - l, 4) + p * Math.Pow(l + delta - U[i], 4);
            varOfEstimate += (m4 - v * v) / n;
        }
        double closed = q.Variance(U);
        Assert.Equal(closed, sampleVar, 4 * Math.Sqrt(varOfEstimate) + 1e-15);
        Assert.True(closed <= q.VarianceBound(U.Length, 1.5));
    }

    [Fact]
    public void HandCountedCase()
    {
        // b = 1: levels ±s with s = 1; x = 0.5 goes to +1 w.p. 3/4: Var = (0.5 + 1)(1 − 0.5) = 0.75; x = −1 is a level: 0
        var q = new StochasticVectorQuantizer(1, headerBits: 40);
        Assert.Equal(0.75, q.Variance([0.5, -1.0]), 14);
        Assert.Equal(2 * 1 + 40, q.PacketBits(2));
        Assert.Equal(21 * 8 + 48, new StochasticVectorQuantizer(8).PacketBits(21));
        var rng = new Xoshiro256StarStar(3);
        var y = new double[2];
        Assert.Equal(0, q.Quantize([0.0, 0.0], ref rng, y));
        Assert.Equal([0.0, 0.0], y);
        // the header scale is float32 rounded up: no coordinate is clipped
        double s = StochasticVectorQuantizer.Scale([0.1]);
        Assert.True(s >= 0.1 && s == (float)s);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StochasticVectorQuantizer(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StochasticVectorQuantizer(25));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StochasticVectorQuantizer(8, -1));
        Assert.Throws<ArgumentException>(() => StochasticVectorQuantizer.Scale([double.NaN]));
    }
}

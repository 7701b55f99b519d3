using PhyToolkit.Core.Asynchrony;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Tests.Asynchrony;

public class DelayModelTests
{
    public static TheoryData<string> Models => ["exp", "shiftexp", "lognormal", "trace", "fixed"];

    private static IDelayModel Make(string name) => name switch
    {
        "exp" => new ExponentialDelay(2.5),
        "shiftexp" => new ShiftedExponentialDelay(1, 0.5),
        "lognormal" => LogNormalDelay.FromMean(3, 0.5),
        "trace" => new TraceDelay([0.2, 0.2, 1.5, 4, 0]),
        _ => new FixedDelay(0.7),
    };

    /// <summary>
    /// Sample mean and variance against the model's exact moments. n = 200 000 draws; the tolerance is 4 standard errors
    /// estimated from the same sample (SE of the mean s/√n; SE of the variance √((m4 − s⁴)/n) with m4 the fourth central
    /// moment), so a correct model fails with probability about 6e-5 per check.
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void SampleMomentsMatchTheModel(string name)
    {
        var model = Make(name);
        var rng = new Xoshiro256StarStar(SeedMixer.Hash(name));
        const int n = 200_000;
        var x = new double[n];
        for (int k = 0; k < n; k++)
        {
            x[k] = model.Sample(ref rng);
            Assert.True(x[k] >= 0 && double.IsFinite(x[k]));
        }
        double mean = x.Average(), m2 = 0, m4 = 0;
        foreach (double v in x) { double d = v - mean; m2 += d * d; m4 += d * d * d * d; }
        m2 /= n; m4 /= n;
        if (model.Variance == 0)
        {
            Assert.Equal(model.Mean, mean, 9);   // round-off of a 200 000-term sum
            Assert.Equal(0, m2, 9);
            return;
        }
        double seMean = Math.Sqrt(m2 / n), seVar = Math.Sqrt((m4 - m2 * m2) / n);
        Assert.InRange(mean, model.Mean - 4 * seMean, model.Mean + 4 * seMean);
        Assert.InRange(m2, model.Variance - 4 * seVar, model.Variance + 4 * seVar);
    }

    [Fact]
    public void ClosedFormMomentsAreTheTextbookOnes()
    {
        Assert.Equal(6.25, new ExponentialDelay(2.5).Variance, 14);
        var s = new ShiftedExponentialDelay(1, 0.5);
        Assert.Equal(1.5, s.Mean, 14);
        Assert.Equal(0.25, s.Variance, 14);
        var ln = LogNormalDelay.FromMean(3, 0.5);      // cv = sd/mean
        Assert.Equal(3, ln.Mean, 12);
        Assert.Equal(0.5, Math.Sqrt(ln.Variance) / ln.Mean, 12);
        var t = new TraceDelay([1, 3]);
        Assert.Equal(2, t.Mean, 14);
        Assert.Equal(1, t.Variance, 14);                 // population variance of the trace
    }

    [Fact]
    public void NegativeOrNonFiniteDelaysAreRefusedNamingTheArgument()
    {
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new FixedDelay(-1)).ParamName);
        Assert.Equal("mean", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDelay(0)).ParamName);
        Assert.Equal("shift", Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedExponentialDelay(-0.5, 1)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new LogNormalDelay(0, -1)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TraceDelay([1, -2, 3]));
        Assert.Equal("durations[1]", e.ParamName);
        Assert.Contains(">= 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraceDelay([double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => new TraceDelay([]));
    }
}

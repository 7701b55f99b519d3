using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Core.Tests.Statistics;

public class IntervalsTests
{
    // Reference quantiles from the Student t table (e.g. scipy.stats.t.ppf(0.975, dof)): t_{0.975,1} = 12.7062047362,
    // t_{0.975,4} = 2.7764451052, t_{0.975,30} = 2.0422724563; z_{0.975} = 1.959963985 as dof → ∞.
    [Theory]
    [InlineData(1, 12.7062047362)]
    [InlineData(4, 2.7764451052)]
    [InlineData(30, 2.0422724563)]
    public void StudentQuantileMatchesTheTable(double dof, double expected) =>
        Assert.Equal(expected, Intervals.StudentQuantile(0.95, dof), 8);

    [Fact]
    public void StudentQuantileTendsToTheNormalQuantile() =>
        // MathNet's inverse t CDF is accurate to ~1e-6 at very large dof (its iteration tolerance), hence 5 decimals here.
        Assert.Equal(1.959963985, Intervals.StudentQuantile(0.95, 1e9), 5);

    [Fact]
    public void MeanIntervalOfAHandCase()
    {
        // x = 1, 2, 3, 4, 5: mean 3, s = √2.5, se = √0.5; half-width = t_{0.975,4}·√0.5 = 1.963243 (hand computation).
        var ci = Intervals.Mean([1, 2, 3, 4, 5]);
        Assert.Equal(3, ci.Estimate, 14);
        Assert.Equal(2.7764451052 * Math.Sqrt(0.5), ci.HalfWidth, 8);
        Assert.Equal(5, ci.Samples);
        Assert.False(Intervals.Mean([7]).IsDefined);
        Assert.Equal(7, Intervals.Mean([7]).Estimate);
    }

    [Fact]
    public void PairedDifferenceRemovesTheSharedComponent()
    {
        // a = c + 1 + small noise, b = c with a large shared c: the paired interval is narrow around 1.
        var rng = new Xoshiro256StarStar(3);
        var a = new double[40];
        var b = new double[40];
        for (int i = 0; i < a.Length; i++) { double c = 100 * rng.NextGaussian(); b[i] = c; a[i] = c + 1 + 0.01 * rng.NextGaussian(); }
        var ci = Intervals.PairedDifference(a, b);
        Assert.True(ci.Contains(1));
        Assert.True(ci.HalfWidth < 0.01, $"half-width {ci.HalfWidth}");
        Assert.Throws<ArgumentException>(() => Intervals.PairedDifference([1, 2], [1]));
    }

    [Fact]
    public void FromSummaryEqualsTheIntervalOfTheSamples()
    {
        double[] x = [0.3, 1.7, 2.2, -0.4, 1.1, 0.9];
        var sink = new MetricSink();
        foreach (double v in x) sink.Add("d", v);
        var viaEngine = Intervals.FromSummary(sink.Metrics["d"].Summarize());
        var direct = Intervals.Mean(x);
        Assert.Equal(direct.Low, viaEngine.Low, 12);
        Assert.Equal(direct.High, viaEngine.High, 12);
    }

    [Fact]
    public void PairedRatioAgreesWithThePairedBootstrap()
    {
        // Positively correlated pairs: the delta-method interval from (a, b, a − b) summaries and the percentile bootstrap on
        // the raw pairs estimate the same sampling distribution; with n = 400 their ends agree to a few percent of the width.
        var rng = new Xoshiro256StarStar(11);
        int n = 400;
        var a = new double[n];
        var b = new double[n];
        var sink = new MetricSink();
        for (int i = 0; i < n; i++)
        {
            double g = 2 + 0.5 * rng.NextGaussian();
            b[i] = g;
            a[i] = 1.25 * g + 0.1 * rng.NextGaussian();
            sink.Add("a", a[i]); sink.Add("b", b[i]); sink.Add("d", a[i] - b[i]);
        }
        var delta = Intervals.PairedRatio(sink.Metrics["a"].Summarize(), sink.Metrics["b"].Summarize(), sink.Metrics["d"].Summarize());
        var boot = Intervals.PairedBootstrapRatio(a, b, 4000, 5);
        Assert.Equal(boot.Estimate, delta.Estimate, 12);
        Assert.True(delta.Contains(1.25) || boot.Contains(1.25));
        Assert.True(Math.Abs(delta.Low - boot.Low) < 0.15 * delta.HalfWidth * 2, $"{delta} vs {boot}");
        Assert.True(Math.Abs(delta.High - boot.High) < 0.15 * delta.HalfWidth * 2, $"{delta} vs {boot}");
        // Pairing matters: treating the samples as independent (covariance ignored) gives a much wider interval.
        double unpaired = Math.Sqrt(Math.Pow(sink.Metrics["a"].Summarize().StdError, 2) + Math.Pow(1.25 * sink.Metrics["b"].Summarize().StdError, 2)) / 2;
        Assert.True(delta.HalfWidth / 1.966 < 0.5 * unpaired, $"paired se {delta.HalfWidth / 1.966} vs unpaired {unpaired}");
    }

    [Fact]
    public void BootstrapIsReproducibleAndCoversTheMean()
    {
        double[] x = [1, 4, 2, 8, 5, 7, 3, 6];
        var c1 = Intervals.BootstrapMean(x, 2000, 9);
        var c2 = Intervals.BootstrapMean(x, 2000, 9);
        Assert.Equal(c1, c2);
        Assert.True(c1.Contains(4.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.BootstrapMean(x, 10, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Mean(x, 1.5));
    }

    [Theory]
    [InlineData(0.5, 1.0, 0.2, Verdict.Held)]
    [InlineData(0.0, 0.1, 0.2, Verdict.NotHeld)]
    [InlineData(0.1, 0.3, 0.2, Verdict.Inconclusive)]
    public void VerdictsFollowTheInterval(double low, double high, double threshold, Verdict atLeast)
    {
        var ci = new ConfidenceInterval((low + high) / 2, low, high, 0.95, 10);
        Assert.Equal(atLeast, Verdicts.AtLeast(ci, threshold));
        var mirrored = Verdicts.AtMost(new ConfidenceInterval(-(low + high) / 2, -high, -low, 0.95, 10), -threshold);
        Assert.Equal(atLeast, mirrored);
    }

    [Fact]
    public void WithinAndCombinedVerdicts()
    {
        Assert.Equal(Verdict.Held, Verdicts.Within(new ConfidenceInterval(0.5, 0.45, 0.55, 0.95, 5), 0.4, 0.6));
        Assert.Equal(Verdict.NotHeld, Verdicts.Within(new ConfidenceInterval(0.9, 0.8, 1.0, 0.95, 5), 0.4, 0.6));
        Assert.Equal(Verdict.Inconclusive, Verdicts.Within(new ConfidenceInterval(0.6, 0.5, 0.7, 0.95, 5), 0.4, 0.6));
        Assert.Equal(Verdict.NotEvaluated, Verdicts.AtLeast(ConfidenceInterval.Undefined(), 0));
        Assert.Equal(Verdict.Inconclusive, Verdicts.AtLeast(ConfidenceInterval.Undefined(3, 1), 0));
        Assert.Equal(Verdict.NotHeld, Verdicts.All(Verdict.Held, Verdict.Inconclusive, Verdict.NotHeld));
        Assert.Equal(Verdict.Inconclusive, Verdicts.All(Verdict.Held, Verdict.Inconclusive));
        Assert.Equal("not held", Verdict.NotHeld.Text());
    }
}

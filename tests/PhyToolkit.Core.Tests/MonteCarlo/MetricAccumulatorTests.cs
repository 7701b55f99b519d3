using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Tests.MonteCarlo;

public class MetricAccumulatorTests
{
    [Fact]
    public void ChanMergeEqualsOnePassStatistics()
    {
        var rng = new PhyToolkit.Core.Random.Xoshiro256StarStar(3);
        var data = Enumerable.Range(0, 1000).Select(_ => 5 + 2 * rng.NextGaussian()).ToArray();
        var whole = new MetricSink();
        foreach (var x in data) whole.Add("x", x);
        var merged = new MetricAccumulator(MetricKind.Sample);
        for (int b = 0; b < 10; b++)
        {
            var s = new MetricSink();
            foreach (var x in data.Skip(b * 100).Take(100)) s.Add("x", x);
            merged.Merge(s.Metrics["x"]);
        }
        double mean = data.Average();
        double var = data.Sum(x => (x - mean) * (x - mean)) / (data.Length - 1);
        var w = whole.Metrics["x"].Summarize();
        var m = merged.Summarize();
        // Two-pass reference vs Welford/Chan: agreement to ~1e-12 relative (round-off only).
        Assert.Equal(mean, w.Mean, 1e-12);
        Assert.Equal(mean, m.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(var / 1000), m.StdError, 1e-12);
        Assert.Equal(1.959963984540054 * Math.Sqrt(var / 1000), (m.CiHigh - m.CiLow) / 2, 1e-12);
    }

    [Fact]
    public void RateUsesPooledRatioAndWilsonInterval()
    {
        var s = new MetricSink();
        s.AddRate("ber", 10, 1000);
        s.AddRate("ber", 30, 1000);
        var m = s.Metrics["ber"].Summarize();
        Assert.Equal(0.02, m.Mean, 15);
        Assert.Equal(Math.Sqrt(0.02 * 0.98 / 2000), m.StdError, 15);
        // Wilson interval for 40/2000 (computed independently with Python): [0.0147220, 0.0271186].
        Assert.Equal(0.0147220, m.CiLow, 6);
        Assert.Equal(0.0271186, m.CiHigh, 6);
    }

    [Fact]
    public void RejectsNaNAndKindMixing()
    {
        var s = new MetricSink();
        Assert.Throws<ArgumentException>(() => s.Add("x", double.NaN));
        s.Add("x", 1);
        Assert.Throws<ArgumentException>(() => s.AddRate("x", 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.AddRate("r", 3, 2));
    }
}

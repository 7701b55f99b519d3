using PhyToolkit.Channels.Fading;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Tests.Federated;

public class OtaFlExperimentConfigTests
{
    [Fact]
    public void AGainSpreadWhoseWeakestWorkerNeverTransmitsIsRefusedWithTheLargestSpreadThatWorks()
    {
        var bad = new OtaFlExperimentConfig { GainSpreadDb = 50 };
        var e = Assert.Throws<ConfigException>(() => bad.Validate("experiment"));
        Assert.Equal("experiment.gainSpreadDb", e.Path);
        // The bound the message states is where p_min·rounds = 1 for Rayleigh: p = exp(−θ/β_min).
        var m = System.Text.RegularExpressions.Regex.Match(e.Message, @"gainSpreadDb ≤ ([0-9.]+) dB");
        Assert.True(m.Success, e.Message);
        double bound = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double PTimesRounds(double spread) => Math.Exp(-bad.ThresholdFactor / OtaFlExperimentConfig.MeanGainsOf(bad.Workers, spread)[^1]) * bad.Rounds;
        Assert.True(PTimesRounds(bound) >= 1);
        Assert.True(PTimesRounds(bound + 0.2) < 1);
        new OtaFlExperimentConfig { GainSpreadDb = bound }.Validate("experiment");      // accepted at the stated bound
    }

    [Fact]
    public void ThresholdUnreachableEvenWithEqualGainsNamesTheThreshold()
    {
        var bad = new OtaFlExperimentConfig { Fading = FadingKind.None, ThresholdFactor = 2, GainSpreadDb = 0 };
        Assert.Equal("experiment.thresholdFactor", Assert.Throws<ConfigException>(() => bad.Validate("experiment")).Path);
    }

    [Fact]
    public void MeanGainsAreEvenlySpacedInDecibelsWithMeanOne()
    {
        var b = OtaFlExperimentConfig.MeanGainsOf(5, 20);
        Assert.Equal(1, b.Average(), 1e-14);
        for (int m = 1; m < 5; m++) Assert.Equal(-5.0, 10 * Math.Log10(b[m] / b[m - 1]), 1e-12);
    }
}

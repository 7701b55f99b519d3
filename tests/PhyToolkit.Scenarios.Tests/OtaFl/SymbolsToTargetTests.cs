using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Learning.Federated;
using PhyToolkit.Scenarios.OtaFl;

namespace PhyToolkit.Scenarios.Tests.OtaFl;

/// <summary>The symbols-to-target headline of ota-fl on hand-made trajectories whose answer is computed by hand.</summary>
public class SymbolsToTargetTests
{
    private static FederatedRunResult Run(double[] acc, double symbolsPerRound, long airtimePerRound) => new()
    {
        Method = "x", Seed = 0,
        Rounds = Enumerable.Range(0, acc.Length).ToArray(),
        TrainLoss = new double[acc.Length], GradientNormSquared = new double[acc.Length], TestLoss = new double[acc.Length],
        TestAccuracy = acc,
        CumulativeAirtime = Enumerable.Range(0, acc.Length).Select(t => t * airtimePerRound).ToArray(),
        CumulativeSymbolsPerWorker = Enumerable.Range(0, acc.Length).Select(t => t * symbolsPerRound).ToArray(),
        CumulativePayloadSymbolsPerWorker = Enumerable.Range(0, acc.Length).Select(t => t * symbolsPerRound).ToArray(),
        FinalParameters = [], MeanParticipants = 1,
    };

    [Fact]
    public void SymbolsAndRatiosMatchTheHandCount()
    {
        // T = 8 rounds. (A): plateau = mean accuracy over rounds 7 and 8 (4t > 3T = 24 -> t >= 7) = (0.9 + 1.0)/2 = 0.95.
        // Targets 0.95 * 0.95 = 0.9025 and 0.99 * 0.95 = 0.9405: (A) first reaches them at rounds 4 (0.91) and 6 (0.95).
        var a = Run([0.5, 0.6, 0.7, 0.8, 0.91, 0.9, 0.95, 0.9, 1.0], 100, 1000);
        // (B) costs 10 per round: reaches 0.9025 at round 5 (0.92) and 0.9405 never (max 0.94) -> censored at T = 8.
        var b = Run([0.5, 0.5, 0.6, 0.7, 0.8, 0.92, 0.93, 0.94, 0.94], 10, 20);
        // (E) has no channel and is skipped.
        var e = Run([0.5, 1, 1, 1, 1, 1, 1, 1, 1], 0, 0);
        var sink = new MetricSink();
        OtaFlRun.SymbolsToTarget(sink, new Dictionary<string, FederatedRunResult> { ["A"] = a, ["B"] = b, ["E"] = e });

        Assert.Equal(0.95, sink.Metrics["plateau.A"].Mean, 12);
        Assert.Equal(400, sink.Metrics["sym.q95.A"].Mean);
        Assert.Equal(4000, sink.Metrics["air.q95.A"].Mean);
        Assert.Equal(50, sink.Metrics["sym.q95.B"].Mean);
        Assert.Equal(100, sink.Metrics["air.q95.B"].Mean);
        Assert.Equal(50.0 / 400, sink.Metrics["symRatio.q95.B"].Mean, 12);
        Assert.Equal(600, sink.Metrics["sym.q99.A"].Mean);
        Assert.Equal(0, sink.Metrics["reached.q99.B"].Events);
        Assert.False(sink.Metrics.ContainsKey("sym.q99.B"));
        // censored: (B)'s total at T over (A)'s symbols to target, a lower bound of the true ratio
        Assert.Equal(80.0 / 600, sink.Metrics["symRatio.q99.B"].Mean, 12);
        Assert.DoesNotContain(sink.Metrics.Keys, k => k.EndsWith(".E", StringComparison.Ordinal));
        Assert.False(sink.Metrics.ContainsKey("symRatio.q95.A"));
    }

    [Fact]
    public void RoundZeroNeverCountsAsReached()
    {
        // an initial accuracy already above the target must not give a zero-symbol "success"
        var a = Run([0.9, 0.8, 0.9, 0.9, 0.9], 10, 10);
        Assert.Equal(2, OtaFlRun.FirstReach(a, 0.85));
        Assert.Equal(-1, OtaFlRun.FirstReach(a, 0.95));
    }
}

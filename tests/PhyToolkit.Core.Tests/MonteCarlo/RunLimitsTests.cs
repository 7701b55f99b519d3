using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Tests.MonteCarlo;

/// <summary>Each documented maximum is accepted at the maximum and refused at maximum + 1, naming the field.</summary>
public class RunLimitsTests
{
    private static SweepPlan Plan(int points, int maxBlocks, int trials = 1) => new()
    {
        Points = Enumerable.Range(0, points).Select(i => new SweepPoint(i, "p" + i, new Dictionary<string, double>())).ToList(),
        TrialsPerBlock = trials,
        Stop = new StoppingRule { MinBlocks = 1, MaxBlocks = maxBlocks },
    };

    [Fact]
    public void PointsAtTheMaximumAreAcceptedAndOneMoreIsRefused()
    {
        RunLimits.Check(Plan(RunLimits.MaxPoints, 1));
        var e = Assert.Throws<ConfigException>(() => RunLimits.Check(Plan(RunLimits.MaxPoints + 1, 1)));
        Assert.Equal($"parameters: the sweep has {RunLimits.MaxPoints + 1} points; allowed: at most {RunLimits.MaxPoints} (shorten the sweep lists, or split the sweep into several runs)", e.Message);
    }

    [Fact]
    public void BlocksPerPointAtTheMaximumAreAcceptedAndOneMoreIsRefused()
    {
        RunLimits.Check(Plan(1, RunLimits.MaxBlocksPerPoint));
        ScenarioConfigResolver.ValidateRun(new RunSettings { MaxBlocks = RunLimits.MaxBlocksPerPoint });
        var e = Assert.Throws<ConfigException>(() => ScenarioConfigResolver.ValidateRun(new RunSettings { MaxBlocks = RunLimits.MaxBlocksPerPoint + 1 }));
        Assert.StartsWith($"run.maxBlocks: got {RunLimits.MaxBlocksPerPoint + 1}; allowed: an integer in [1, {RunLimits.MaxBlocksPerPoint}]", e.Message);
    }

    [Fact]
    public void TheTotalBlockBudgetAtTheMaximumIsAcceptedAndOneMoreBlockPerPointIsRefused()
    {
        int perPoint = (int)(RunLimits.MaxTotalBlocks / 4);
        RunLimits.Check(Plan(4, perPoint));
        var e = Assert.Throws<ConfigException>(() => RunLimits.Check(Plan(4, perPoint + 1)));
        Assert.StartsWith($"run.maxBlocks: got {perPoint + 1} for 4 points", e.Message);
    }

    [Fact]
    public void TrialsPerBlockAtTheMaximumAreAcceptedAndOneMoreIsRefused()
    {
        ScenarioConfigResolver.ValidateRun(new RunSettings { TrialsPerBlock = RunLimits.MaxTrialsPerBlock });
        RunLimits.Check(Plan(1, 1, RunLimits.MaxTrialsPerBlock));
        var e = Assert.Throws<ConfigException>(() => RunLimits.Check(Plan(1, 1, RunLimits.MaxTrialsPerBlock + 1)));
        Assert.StartsWith("run.trialsPerBlock: got", e.Message);
    }

    [Fact]
    public void AStoppingMetricThatNoBlockRecordsIsRefusedNotSilentlyRunToMaxBlocks()
    {
        var stop = new StoppingRule { Kind = StopKind.TargetPrecision, Metric = "nope", Target = 0.1, MinBlocks = 1, MaxBlocks = 50 };
        var store = new BlockStore(Path.Combine(Path.GetTempPath(), "phytk-limits-" + Guid.NewGuid().ToString("N")));
        try
        {
            var e = Assert.Throws<ConfigException>(() => MonteCarloEngine.Run(new ToyRun(stop, points: 1), 1, "toy", store, new EngineOptions { Threads = 1 }));
            Assert.Contains("run.metric: got 'nope'", e.Message);
            Assert.Contains("'positive', 'x'", e.Message);
        }
        finally { Directory.Delete(store.Directory, true); }
    }
}

using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.Samosa;

namespace PhyToolkit.Scenarios.Tests.Samosa;

/// <summary>The samosa quick run (reduced further here: 2 seeds, 3 rounds, 4 epochs): report, claims, figures and curves; bad input; thread-count determinism.</summary>
/// <remarks>In the TorchSharp scenarios' collection: run after, not beside, the other TorchSharp scenario tests.</remarks>
[Collection(nameof(PhyToolkit.Scenarios.Tests.Optimizers.TorchOptimizerScenarios))]
public class SamosaScenarioTests
{
    private static readonly string[] Small = ["run.maxBlocks=2", "run.minBlocks=2", "parameters.rounds=3", "parameters.epochs=4", "parameters.poolSize=2000", "parameters.testSize=500"];

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new SamosaScenario(), "samosa", Small));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/samosa.md", html, StringComparison.Ordinal);
        foreach (string id in new[] { "S1", "S2", "S3" }) Assert.Contains($"<td>{id}</td>", html, StringComparison.Ordinal);
        Assert.Equal(1 + 3, File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv")).Length);
        foreach (string id in new[] { "accuracy", "precision", "mechanism", "cost" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")), id);
    }

    [Fact]
    public void EveryStrategySpendsTheSameBudget_AndTheMetricsAreConsistent()
    {
        var pt = Quick.Value.Results.Find(p => p.Is("study", "open-set"))!;
        foreach (string s in SamosaParameters.KnownStrategies)
        {
            // Accuracy at 40, 140, 240 labels (before each query) and 340 (after the last): equal budgets by construction.
            Assert.Equal([40, 140, 240, 340], pt.Curve($"accuracy.{s}")!.Steps);
            Assert.Equal([40, 140, 240], pt.Curve($"precision.{s}")!.Steps);
            Assert.Equal(pt.Curve($"accuracy.{s}")!.Last.Mean, pt.Mean($"final.{s}"), 12);
            foreach (var v in pt.Curve($"precision.{s}")!.Means()) Assert.InRange(v, 0, 1);
        }
        // Paired differences are differences of the per-seed finals, so their mean equals the difference of the means.
        Assert.Equal(pt.Mean("final.samosa-high") - pt.Mean("final.random"), pt.Mean("diff.final.samosa-high.vs.random"), 12);
        Assert.Equal(2.0, pt.Mean("samToSgd"), 12);
        Assert.Equal(1.0, pt.Mean("costRatio.random"), 12);
        Assert.InRange(pt.Mean("spearmanMean"), -1, 1);
        Assert.True(pt.Curve("scoreByMargin")!.Count >= 2);
        foreach (var v in pt.Curve("scoreByMargin")!.Means()) Assert.InRange(v, 0, 2);
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new SamosaScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.strategies=[\"random\",\"bald\"]", "parameters.strategies[1]"),
            ("parameters.strategies=[\"random\",\"random\"]", "parameters.strategies[1]"),
            ("parameters.budget=0", "parameters.budget"),
            ("parameters.budget=2000", "parameters.budget"),
            ("parameters.rounds=0", "parameters.rounds"),
            ("parameters.samRho=-0.1", "parameters.samRho"),
            ("parameters.mismatchRatio=1", "parameters.mismatchRatio"),
            ("parameters.initialLabelled=2", "parameters.initialLabelled"),
            ("parameters.learningRate=0", "parameters.learningRate"),
            ("parameters.strategies=[]", "parameters.strategies"),
        ];
        foreach (var (set, path) in cases) Assert.Equal(path, ScenarioTestKit.RejectedPath(s, set));
        // 100 samples at 95 % mismatch leave 5 known samples, fewer than 2·K.
        var (c1, _) = ScenarioTestKit.Resolve(s, "parameters.poolSize=100", "parameters.mismatchRatio=0.95");
        Assert.Equal("parameters.mismatchRatio", Assert.Throws<ConfigException>(() => s.Create(c1)).Path);
        var (c2, _) = ScenarioTestKit.Resolve(s, "run.trialsPerBlock=2");
        Assert.Equal("run.trialsPerBlock", Assert.Throws<ConfigException>(() => s.Create(c2)).Path);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void TheQuickConfigurationRunsAsShipped()
    {
        // The exact `phytk run samosa --quick` configuration (3 seeds, 4 rounds, 15 epochs; ≈ 30 s on one core).
        var (dir, results) = ScenarioTestKit.RunQuick(new SamosaScenario(), "samosa-quick");
        var pt = results.Find(p => p.Is("study", "open-set"))!;
        Assert.Equal(3, pt.Blocks);
        Assert.Equal([40, 140, 240, 340, 440], pt.Curve("accuracy.samosa-high")!.Steps);
        Assert.Equal(1 + 3, File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv")).Length);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new SamosaScenario(), "samosa",
            "run.maxBlocks=2", "run.minBlocks=2", "parameters.rounds=2", "parameters.epochs=2", "parameters.poolSize=1000", "parameters.testSize=200",
            "parameters.strategies=[\"random\",\"lfosa\",\"samosa-high\"]");
    }
}

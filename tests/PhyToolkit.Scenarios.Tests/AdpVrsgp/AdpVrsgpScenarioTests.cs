using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.AdpVrsgp;
using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests.AdpVrsgp;

/// <summary>The adp-vrsgp run at a reduced scale (a few seconds): report, claims table, figures, curves; bad input; thread-count determinism.</summary>
public class AdpVrsgpScenarioTests
{
    private static (ScenarioConfig Config, System.Text.Json.Nodes.JsonObject Json) Resolve(params string[] sets) => ScenarioTestKit.Resolve(new AdpVrsgpScenario(), sets);

    private static readonly string[] Small = ["parameters.nodes=6", "parameters.samplesPerNode=80", "parameters.minSamplesPerNode=30",
        "parameters.iterations=120", "parameters.stageLength=40", "parameters.evaluateEvery=20", "parameters.testSamples=300", "parameters.batchSize=8"];

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new AdpVrsgpScenario(), "adp-vrsgp", [.. Small, "run.maxBlocks=2", "run.minBlocks=2"]));

    [Fact]
    public void RunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/adp-vrsgp.md", html, StringComparison.Ordinal);
        foreach (string id in new[] { "C4", "C5", "C6", "C7", "C8", "U1", "U2", "U3" }) Assert.Contains($"<td>{id}</td>", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 8, claims.Length);
        // the unit-level checks are exact or Monte Carlo identities of the library: they must hold at any size
        foreach (string id in new[] { "U1", "U2", "U3" }) Assert.Contains(claims, l => l.StartsWith(id + ",", StringComparison.Ordinal) && l.Contains(",held,", StringComparison.Ordinal));
        foreach (string id in new[] { "accuracy", "loss", "consensus", "epsilon-nodes", "schedules" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")), id);
    }

    [Fact]
    public void CurvesCoverTheRunAndEveryNodeStaysWithinItsBudget()
    {
        var r = Quick.Value.Results;
        foreach (string m in new[] { "sgp", "dp-sgp", "privsgp-vr", "adp-vrsgp-nofusion", "adp-vrsgp" })
        {
            var pt = r.Find(p => p.Is("study", "methods") && p.Is("method", m))!;
            var acc = pt.Curve("accuracy")!;
            Assert.Equal(0, acc.Steps[0]);
            Assert.Equal(120, acc.Steps[^1]);
            Assert.Equal(7, acc.Count); // k = 0, 20, …, 120
            if (m == "sgp") { Assert.Null(pt.Curve("epsilon")); continue; }
            // the accountant's final ε per node never exceeds the target (calibration stops at or below it)
            Assert.Equal(0, pt.Mean("budgetExceeded"));
            Assert.InRange(pt.Mean("budgetRatio"), 0.999, 1.0 + 1e-9);
            Assert.Equal(6, pt.Curve("epsilon")!.Count);
            Assert.InRange(pt.Curve("budgetSpent")!.Last.Mean, 0.999, 1.0 + 1e-9);
        }
        // non-private SGP learns the task well beyond chance (10 classes)
        Assert.True(r.Find(p => p.Is("method", "sgp"))!.Mean("finalAccuracy") > 0.5);
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new AdpVrsgpScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.budgets=[2,0]", "parameters.budgets[1]"),
            ("parameters.budgets=[2,-1]", "parameters.budgets[1]"),
            ("parameters.delta=0", "parameters.delta"),
            ("parameters.delta=1", "parameters.delta"),
            ("parameters.budgetSweep=[2,2]", "parameters.budgetSweep[1]"),
            ("parameters.nodes=1", "parameters.nodes"),
            ("parameters.noiseDecay=1.5", "parameters.noiseDecay"),
            ("parameters.batchSize=0", "parameters.batchSize"),
            ("parameters.minSamplesPerNode=100", "parameters.minSamplesPerNode"),
        ];
        foreach (var (set, path) in cases) Assert.Equal(path, ScenarioTestKit.RejectedPath(s, set));
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new AdpVrsgpScenario(), "adp-vrsgp", [.. Small, "parameters.iterations=40", "parameters.stageLength=20", "run.maxBlocks=1", "run.minBlocks=1"]);
    }
}
